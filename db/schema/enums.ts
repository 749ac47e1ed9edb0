import { pgEnum } from "drizzle-orm/pg-core";
import {
  BUYING_ROLES,
  DEAL_STAGES,
  GOAL_CATEGORIES,
  GOAL_VISIBILITIES,
  PROBLEM_FITS,
  ROLES,
  STANCES,
} from "../../server/domain/vocabulary";

// ---------------------------------------------------------------------------------------------------
// Enums
export const roleEnum = pgEnum("role", ROLES);
export const membershipStatusEnum = pgEnum("membership_status", ["active", "deactivated"]);
export const strategyStatusEnum = pgEnum("strategy_status", ["draft", "active", "archived"]);
export const focusDimensionEnum = pgEnum("focus_dimension", ["industry", "segment", "region", "product"]);
export const goalCategoryEnum = pgEnum("goal_category", GOAL_CATEGORIES);
export const goalVisibilityEnum = pgEnum("goal_visibility", GOAL_VISIBILITIES);
/** The pipeline's stages, in order (ORDER BY stage is pipeline order); the tuple DEAL_STAGES is the one source. */
export const dealStageEnum = pgEnum("deal_stage", DEAL_STAGES);
export const problemFitEnum = pgEnum("problem_fit", PROBLEM_FITS);
export const buyingRoleEnum = pgEnum("buying_role", BUYING_ROLES);
export const stanceEnum = pgEnum("stance", STANCES);
export const reviewStatusEnum = pgEnum("review_status", ["draft", "shared", "acknowledged", "closed"]);
export const planStatusEnum = pgEnum("plan_status", ["draft", "active", "archived"]);
export const planAccessEnum = pgEnum("plan_access", ["owner", "editor", "viewer"]);
export const planProblemStatusEnum = pgEnum("plan_problem_status", ["open", "addressed", "parked"]);
export const planSideEnum = pgEnum("plan_side", ["us", "customer"]);
export const planStepStatusEnum = pgEnum("plan_step_status", ["open", "done"]);
