/**
 * The product's vocabularies, each defined once: the pg enums (db/schema/enums.ts), zod schemas, the domain and the
 * UI all build on these tuples. Words for people are in server/domain/labels.ts. Changing a tuple changes a
 * pg enum: run `npx drizzle-kit generate` afterwards.
 */
import { ROLES } from "../authz/permissions";

export { ROLES };

/** Stages that make up the pipeline (its totals); closed and disqualified deals stay reportable. */
export const OPEN_STAGES = ["prospecting", "qualification", "discovery", "proposal", "negotiation"] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

/** The pipeline's stages, in order (ORDER BY stage is pipeline order): the open ones, then the ends. */
export const DEAL_STAGES = [...OPEN_STAGES, "closed_won", "closed_lost", "disqualified"] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const isOpenStage = (stage: string): stage is OpenStage => (OPEN_STAGES as readonly string[]).includes(stage);

export const PROBLEM_FITS = ["yes", "partly", "no", "unknown"] as const;
export type ProblemFit = (typeof PROBLEM_FITS)[number];

export const BUYING_ROLES = [
  "economic_buyer",
  "decision_maker",
  "champion",
  "influencer",
  "technical_buyer",
  "user",
  "blocker",
] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const STANCES = ["supporter", "neutral", "skeptic", "opponent", "unknown"] as const;
export type Stance = (typeof STANCES)[number];

export const GOAL_CATEGORIES = ["quota", "commission", "promotion", "skill", "account", "other"] as const;
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

/** Who may read a goal's content (see GOAL_READERS in server/authz/record-rules.ts). */
export const GOAL_VISIBILITIES = ["private", "manager", "team"] as const;
export type GoalVisibility = (typeof GOAL_VISIBILITIES)[number];

/** Goal ↔ objective link strength, 1–3. */
export const LINK_STRENGTHS = [1, 2, 3] as const;
export type LinkStrength = (typeof LINK_STRENGTHS)[number];
