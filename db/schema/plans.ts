import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId, updatedAt, version } from "./columns";
import { accounts, contacts, deals } from "./deals";
import {
  buyingRoleEnum,
  planAccessEnum,
  planProblemStatusEnum,
  planSideEnum,
  planStatusEnum,
  planStepStatusEnum,
  stanceEnum,
} from "./enums";
import { memberRef, tenantRef } from "./references";
import { organizations } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Account plans
export const accountPlans = pgTable(
  "account_plans",
  {
    orgId: orgId(),
    id: id(),
    accountId: uuid().notNull(),
    title: text().notNull(),
    customerObjectives: text().notNull().default(""),
    status: planStatusEnum().notNull().default("draft"),
    /** The template the plan started from, if any (kept for the record; the steps were copied). */
    templateId: uuid(),
    archivedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("account_plans_account_fk", [t.orgId, t.accountId], accounts),
    index().on(t.orgId, t.accountId),
    // One plan per account that is not archived: creating a new one archives the old one first.
    uniqueIndex("account_plans_one_current_per_account")
      .on(t.orgId, t.accountId)
      .where(sql`${t.status} <> 'archived'`),
    // The organization's plans list, most recently changed first (keyset).
    index().on(t.orgId, t.updatedAt, t.id),
  ],
);

const planRef = (name: string, columns: [AnyPgColumn, AnyPgColumn]) =>
  tenantRef(name, columns, accountPlans).onDelete("cascade");

export const planCollaborators = pgTable(
  "plan_collaborators",
  {
    orgId: orgId(),
    planId: uuid().notNull(),
    userId: uuid().notNull(),
    access: planAccessEnum().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.userId] }),
    planRef("plan_collaborators_plan_fk", [t.orgId, t.planId]),
    memberRef("plan_collaborators_user_fk", [t.orgId, t.userId]),
    index().on(t.orgId, t.userId),
  ],
);

export const planProblems = pgTable(
  "plan_problems",
  {
    orgId: orgId(),
    id: id(),
    planId: uuid().notNull(),
    problem: text().notNull(),
    solution: text().notNull().default(""),
    impact: text().notNull().default(""),
    status: planProblemStatusEnum().notNull().default("open"),
    /** Shown in the customer view (share links). */
    customerVisible: boolean().notNull().default(false),
    version: version(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    planRef("plan_problems_plan_fk", [t.orgId, t.planId]),
    index().on(t.orgId, t.planId),
  ],
);

/** The deals a plan problem concerns. */
export const planProblemDeals = pgTable(
  "plan_problem_deals",
  {
    orgId: orgId(),
    problemId: uuid().notNull(),
    dealId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.problemId, t.dealId] }),
    tenantRef("plan_problem_deals_problem_fk", [t.orgId, t.problemId], planProblems).onDelete("cascade"),
    tenantRef("plan_problem_deals_deal_fk", [t.orgId, t.dealId], deals).onDelete("cascade"),
    index().on(t.orgId, t.dealId),
  ],
);

export const planSteps = pgTable(
  "plan_steps",
  {
    orgId: orgId(),
    id: id(),
    planId: uuid().notNull(),
    title: text().notNull(),
    side: planSideEnum().notNull(),
    ownerName: text().notNull().default(""),
    dueOn: date(),
    status: planStepStatusEnum().notNull().default("open"),
    customerVisible: boolean().notNull().default(true),
    completedAt: timestamp({ withTimezone: true }),
    /** Set when the customer marked the step done through this share link. */
    completedByLinkId: uuid(),
    version: version(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    planRef("plan_steps_plan_fk", [t.orgId, t.planId]),
    index().on(t.orgId, t.planId),
  ],
);

/** "step depends on dependsOn": the step is blocked until dependsOn is done. Acyclic (checked on write). */
export const planStepDependencies = pgTable(
  "plan_step_dependencies",
  {
    orgId: orgId(),
    stepId: uuid().notNull(),
    dependsOnId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.stepId, t.dependsOnId] }),
    tenantRef("plan_step_dependencies_step_fk", [t.orgId, t.stepId], planSteps).onDelete("cascade"),
    tenantRef("plan_step_dependencies_depends_on_fk", [t.orgId, t.dependsOnId], planSteps).onDelete("cascade"),
    index().on(t.orgId, t.dependsOnId),
    check("plan_step_dependencies_not_self", sql`${t.stepId} <> ${t.dependsOnId}`),
  ],
);

/**
 * A contact's place on a plan's stakeholder map: what the team knows about them for this plan. The org chart
 * itself (reports-to) is the contacts' own.
 */
export const planStakeholders = pgTable(
  "plan_stakeholders",
  {
    orgId: orgId(),
    planId: uuid().notNull(),
    contactId: uuid().notNull(),
    buyingRole: buyingRoleEnum(),
    influence: integer().notNull().default(3),
    stance: stanceEnum().notNull().default("unknown"),
    personalWin: text().notNull().default(""),
    /** Our plan for this person (an opponent with influence needs one). */
    approach: text().notNull().default(""),
    /** Who on our side owns the relationship. */
    relationshipOwnerId: uuid(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.contactId] }),
    planRef("plan_stakeholders_plan_fk", [t.orgId, t.planId]),
    tenantRef("plan_stakeholders_contact_fk", [t.orgId, t.contactId], contacts).onDelete("cascade"),
    memberRef("plan_stakeholders_owner_fk", [t.orgId, t.relationshipOwnerId]),
    index().on(t.orgId, t.contactId),
    check("plan_stakeholders_influence_check", sql`${t.influence} between 1 and 5`),
  ],
);

/** Mutual action plan templates an admin defines; a new plan can start from one (its steps are copied). */
export const planTemplates = pgTable(
  "plan_templates",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** [{ title, side, offsetDays, dependsOn: [indexes of earlier steps] }] */
    steps: jsonb().notNull(),
    archived: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("plan_templates_name_unique").on(t.orgId, sql`lower(${t.name})`),
  ],
);

export const planComments = pgTable(
  "plan_comments",
  {
    orgId: orgId(),
    id: id(),
    planId: uuid().notNull(),
    /** Null when a customer guest wrote it through a share link. */
    authorId: uuid(),
    guestName: text(),
    /** The share link a customer comment came through. */
    shareLinkId: uuid(),
    /** What the comment is on: the plan itself, a problem, a step or a stakeholder (contact). */
    subjectType: text({ enum: ["plan", "problem", "step", "stakeholder"] })
      .notNull()
      .default("plan"),
    subjectId: uuid(),
    /** Members @mentioned in the comment. */
    mentionedUserIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    planRef("plan_comments_plan_fk", [t.orgId, t.planId]),
    memberRef("plan_comments_author_fk", [t.orgId, t.authorId]),
    index().on(t.orgId, t.planId, t.createdAt),
  ],
);

export const planShareLinks = pgTable(
  "plan_share_links",
  {
    orgId: orgId(),
    id: id(),
    planId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** Optional: who the link was made for ("Karin at Granite Peak"). */
    customerName: text(),
    openCount: integer().notNull().default(0),
    lastOpenedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    planRef("plan_share_links_plan_fk", [t.orgId, t.planId]),
    memberRef("plan_share_links_creator_fk", [t.orgId, t.createdBy]),
    uniqueIndex().on(t.tokenHash),
    index().on(t.orgId, t.planId),
  ],
);
