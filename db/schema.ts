/**
 * The complete Tandem schema (DESIGN.md "Domain model").
 *
 * Conventions, so that a row can never point into another organization and the schema can later be
 * distributed by org_id:
 * - every tenant table carries `org_id` and its primary key starts with it: `(org_id, id)`;
 * - every foreign key between tenant tables includes `org_id`;
 * - references to a person inside an organization point at `memberships (org_id, user_id)`, so a record
 *   can only name someone who belongs to the same organization;
 * - every index leads with `org_id`.
 * Row-level security for these tables is set up in the custom migration `0001_tenant_security.sql`.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  BUYING_ROLES,
  DEAL_STAGES,
  GOAL_CATEGORIES,
  GOAL_VISIBILITIES,
  PROBLEM_FITS,
  ROLES,
  STANCES,
} from "../server/domain/vocabulary";

const id = () => uuid().notNull();
const orgId = () => uuid().notNull();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const version = () => integer().notNull().default(1);

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

// ---------------------------------------------------------------------------------------------------
// Identity (global, not tenant-scoped)
export const users = pgTable("users", {
  id: id().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  /** Bumped to end every session of the user at once (sign out everywhere, deactivation). */
  sessionVersion: integer().notNull().default(1),
  createdAt: createdAt(),
});

/**
 * Counted attempts of the public entry points (server/auth/throttle.ts): failed sign-ins per account, per
 * trusted browser and per IP, sign-ups and failed invitation acceptances per IP. In Postgres so that throttling
 * holds across instances. (An attempt is recorded before it is checked and removed if it does not count.)
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id().primaryKey(),
    /** `email:<address>`, `device:<nonce>`, `ip:<address>`, `signup-ip:<address>` or `invite-ip:<address>` */
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.key, t.at)],
);

/**
 * Request rate limits (server/services/rate-limit.ts): one token bucket per signed-in user (`user:<id>`) and per
 * organization (`org:<id>`), shared by every app instance. Unlogged (custom migration): a crash may reset the
 * buckets, which only forgives recent requests.
 */
export const requestRateBuckets = pgTable("request_rate_buckets", {
  key: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  refilledAt: timestamp({ withTimezone: true }).notNull(),
  /** Whether the last request charged to this bucket was let through. */
  granted: boolean().notNull(),
});

/**
 * Sessions ended by signing out. Sessions are signed cookies (no server state), so signing out on one
 * device records the session's id here until the cookie would have expired anyway; every request checks it.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);

// ---------------------------------------------------------------------------------------------------
// Tenancy
export const organizations = pgTable("organizations", {
  id: id().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  /** A rep with no review in this many days is overdue on the team's review board (docs/reviews.md). */
  reviewOverdueDays: integer().notNull().default(90),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: roleEnum().notNull(),
    status: membershipStatusEnum().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("memberships_org_user_unique").on(t.orgId, t.userId),
    // The organization switcher lists a user's memberships across organizations.
    index().on(t.userId),
  ],
);

/** A reference to a member of the same organization: (org_id, <column>) → memberships (org_id, user_id). */
const memberRef = (name: string, columns: [AnyPgColumn, AnyPgColumn]) =>
  foreignKey({ name, columns, foreignColumns: [memberships.orgId, memberships.userId] });

export const teams = pgTable(
  "teams",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    parentTeamId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "teams_parent_fk", columns: [t.orgId, t.parentTeamId], foreignColumns: [t.orgId, t.id] }),
    index().on(t.orgId, t.parentTeamId),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    orgId: orgId(),
    teamId: uuid().notNull(),
    userId: uuid().notNull(),
    isManager: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.userId] }),
    foreignKey({
      name: "team_members_team_fk",
      columns: [t.orgId, t.teamId],
      foreignColumns: [teams.orgId, teams.id],
    }).onDelete("cascade"),
    memberRef("team_members_member_fk", [t.orgId, t.userId]),
    index().on(t.orgId, t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    orgId: orgId(),
    id: id(),
    email: text().notNull(),
    role: roleEnum().notNull(),
    teamId: uuid(),
    /** SHA-256 of the token; the token itself is only ever in the link. */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    invitedBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "invitations_org_fk", columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "invitations_team_fk", columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    memberRef("invitations_inviter_fk", [t.orgId, t.invitedBy]),
    uniqueIndex().on(t.tokenHash),
    index().on(t.orgId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Strategy
export const strategies = pgTable(
  "strategies",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    status: strategyStatusEnum().notNull().default("draft"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.status, t.startsOn),
    check("strategies_period_check", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const objectives = pgTable(
  "objectives",
  {
    orgId: orgId(),
    id: id(),
    strategyId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    weight: integer().notNull(),
    ownerId: uuid(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "objectives_strategy_fk",
      columns: [t.orgId, t.strategyId],
      foreignColumns: [strategies.orgId, strategies.id],
    }).onDelete("cascade"),
    memberRef("objectives_owner_fk", [t.orgId, t.ownerId]),
    index().on(t.orgId, t.strategyId),
    check("objectives_weight_check", sql`${t.weight} between 0 and 100`),
  ],
);

export const objectiveFocus = pgTable(
  "objective_focus",
  {
    orgId: orgId(),
    id: id(),
    objectiveId: uuid().notNull(),
    dimension: focusDimensionEnum().notNull(),
    value: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "objective_focus_objective_fk",
      columns: [t.orgId, t.objectiveId],
      foreignColumns: [objectives.orgId, objectives.id],
    }).onDelete("cascade"),
    index().on(t.orgId, t.dimension, t.value),
    index().on(t.orgId, t.objectiveId),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Rep goals ("self-interests")
export const goals = pgTable(
  "goals",
  {
    orgId: orgId(),
    id: id(),
    userId: uuid().notNull(),
    strategyId: uuid().notNull(),
    category: goalCategoryEnum().notNull(),
    title: text().notNull(),
    target: numeric({ precision: 14, scale: 2 }),
    unit: text().notNull().default(""),
    currentValue: numeric({ precision: 14, scale: 2 }).notNull().default("0"),
    importance: integer().notNull().default(2),
    visibility: goalVisibilityEnum().notNull().default("manager"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("goals_user_fk", [t.orgId, t.userId]),
    foreignKey({
      name: "goals_strategy_fk",
      columns: [t.orgId, t.strategyId],
      foreignColumns: [strategies.orgId, strategies.id],
    }),
    index().on(t.orgId, t.userId, t.strategyId),
    check("goals_importance_check", sql`${t.importance} between 1 and 3`),
    check("goals_target_check", sql`${t.target} is null or ${t.target} >= 0`),
  ],
);

export const goalObjectiveLinks = pgTable(
  "goal_objective_links",
  {
    orgId: orgId(),
    goalId: uuid().notNull(),
    objectiveId: uuid().notNull(),
    strength: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.goalId, t.objectiveId] }),
    foreignKey({
      name: "goal_links_goal_fk",
      columns: [t.orgId, t.goalId],
      foreignColumns: [goals.orgId, goals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "goal_links_objective_fk",
      columns: [t.orgId, t.objectiveId],
      foreignColumns: [objectives.orgId, objectives.id],
    }).onDelete("cascade"),
    index().on(t.orgId, t.objectiveId),
    check("goal_links_strength_check", sql`${t.strength} between 1 and 3`),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Customers
export const accounts = pgTable(
  "accounts",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    domain: text(),
    industry: text(),
    segment: text(),
    region: text(),
    ownerId: uuid(),
    teamId: uuid(),
    /** Id in the CRM an import came from, so a re-import updates instead of duplicating. */
    externalId: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("accounts_owner_fk", [t.orgId, t.ownerId]),
    foreignKey({ name: "accounts_team_fk", columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    index().on(t.orgId, t.name),
    index().on(t.orgId, t.ownerId),
    uniqueIndex().on(t.orgId, t.externalId),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    orgId: orgId(),
    id: id(),
    accountId: uuid().notNull(),
    name: text().notNull(),
    title: text(),
    email: text(),
    reportsToId: uuid(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "contacts_account_fk",
      columns: [t.orgId, t.accountId],
      foreignColumns: [accounts.orgId, accounts.id],
    }).onDelete("cascade"),
    foreignKey({ name: "contacts_reports_to_fk", columns: [t.orgId, t.reportsToId], foreignColumns: [t.orgId, t.id] }),
    index().on(t.orgId, t.accountId),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Deals

/**
 * Why deals get disqualified: an org-editable list (every new organization starts with the defaults,
 * inserted by a trigger, migration 0004). Reasons are archived, never deleted, so reports keep them.
 * `suggestedFor` names the alignment flag whose deals are suggested for disqualification with this reason.
 */
export const disqualificationReasons = pgTable(
  "disqualification_reasons",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    label: text().notNull(),
    suggestedFor: text(),
    position: integer().notNull().default(0),
    archived: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("disqualification_reasons_label_unique").on(t.orgId, sql`lower(${t.label})`),
    index().on(t.orgId, t.position),
  ],
);

export const deals = pgTable(
  "deals",
  {
    orgId: orgId(),
    id: id(),
    accountId: uuid().notNull(),
    name: text().notNull(),
    amount: numeric({ precision: 14, scale: 2 }).notNull().default("0"),
    /**
     * The amount in cents, exact, as the sort and range key of the pipeline list: numeric comparison is not
     * leakproof, so row-level security would keep `amount >= …` and a keyset cursor on amount out of an index
     * (docs/performance.md). Sums stay on `amount`.
     */
    amountCents: bigint({ mode: "number" }).generatedAlwaysAs(sql`(amount * 100)::bigint`),
    currency: char({ length: 3 }).notNull().default("USD"),
    stage: dealStageEnum().notNull().default("prospecting"),
    /**
     * The stage as text, for filters: under row-level security Postgres uses an index only for leakproof
     * operators, and text equality is one where enum equality is not (docs/performance.md). Written by Postgres.
     */
    stageName: text({ enum: DEAL_STAGES }).generatedAlwaysAs(
      sql.raw(`case stage ${DEAL_STAGES.map((stage) => `when '${stage}' then '${stage}'`).join(" ")} end`),
    ),
    closeDate: date(),
    /** Sort key of the close date (no date sorts last). A column, not an expression: see amountCents. */
    closeKey: date().generatedAlwaysAs(sql`coalesce(close_date, '9999-12-31'::date)`),
    ownerId: uuid().notNull(),
    teamId: uuid(),
    product: text(),
    customerProblem: text().notNull().default(""),
    problemFit: problemFitEnum().notNull().default("unknown"),
    /** The reason's label when the deal was disqualified (kept if the org's list changes later). */
    disqualifiedReason: text(),
    disqualifiedReasonId: uuid(),
    disqualifiedNote: text(),
    externalId: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "deals_account_fk",
      columns: [t.orgId, t.accountId],
      foreignColumns: [accounts.orgId, accounts.id],
    }),
    memberRef("deals_owner_fk", [t.orgId, t.ownerId]),
    foreignKey({ name: "deals_team_fk", columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({
      name: "deals_disqualified_reason_fk",
      columns: [t.orgId, t.disqualifiedReasonId],
      foreignColumns: [disqualificationReasons.orgId, disqualificationReasons.id],
    }),
    // Also the board's first deals of a stage per owner and per team (a scope's columns: one ordered scan each).
    index("deals_org_owner_stage_close_index").on(t.orgId, t.ownerId, t.stageName, t.closeKey, t.id),
    index("deals_org_team_stage_close_index").on(t.orgId, t.teamId, t.stageName, t.closeKey, t.id),
    index().on(t.orgId, t.accountId),
    uniqueIndex().on(t.orgId, t.externalId),
    // Keyset pagination of the pipeline (docs/performance.md "Indexes"): each sort of the list, for the whole
    // organization and for a team; the board's first deals of each stage by close date.
    index().on(t.orgId, t.stageName, t.closeKey, t.id),
    index().on(t.orgId, t.closeKey, t.id),
    index().on(t.orgId, t.amountCents, t.id),
    index().on(t.orgId, t.name, t.id),
    index().on(t.orgId, t.updatedAt, t.id),
    index().on(t.orgId, t.teamId, t.closeKey, t.id),
    index().on(t.orgId, t.teamId, t.amountCents, t.id),
    index().on(t.orgId, t.teamId, t.name, t.id),
    index().on(t.orgId, t.teamId, t.updatedAt, t.id),
    check("deals_amount_check", sql`${t.amount} >= 0`),
    check("deals_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("deals_disqualified_reason_check", sql`${t.stage} <> 'disqualified' or ${t.disqualifiedReason} is not null`),
  ],
);

export const dealObjectives = pgTable(
  "deal_objectives",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    objectiveId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.objectiveId] }),
    foreignKey({
      name: "deal_objectives_deal_fk",
      columns: [t.orgId, t.dealId],
      foreignColumns: [deals.orgId, deals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "deal_objectives_objective_fk",
      columns: [t.orgId, t.objectiveId],
      foreignColumns: [objectives.orgId, objectives.id],
    }).onDelete("cascade"),
    index().on(t.orgId, t.objectiveId),
  ],
);

export const dealGoals = pgTable(
  "deal_goals",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    goalId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.goalId] }),
    foreignKey({
      name: "deal_goals_deal_fk",
      columns: [t.orgId, t.dealId],
      foreignColumns: [deals.orgId, deals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "deal_goals_goal_fk",
      columns: [t.orgId, t.goalId],
      foreignColumns: [goals.orgId, goals.id],
    }).onDelete("cascade"),
    index().on(t.orgId, t.goalId),
  ],
);

export const stakeholders = pgTable(
  "stakeholders",
  {
    orgId: orgId(),
    id: id(),
    dealId: uuid().notNull(),
    contactId: uuid().notNull(),
    buyingRole: buyingRoleEnum().notNull(),
    influence: integer().notNull().default(3),
    stance: stanceEnum().notNull().default("unknown"),
    personalWin: text().notNull().default(""),
    businessGoal: text().notNull().default(""),
    howWeServeIt: text().notNull().default(""),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "stakeholders_deal_fk",
      columns: [t.orgId, t.dealId],
      foreignColumns: [deals.orgId, deals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "stakeholders_contact_fk",
      columns: [t.orgId, t.contactId],
      foreignColumns: [contacts.orgId, contacts.id],
    }),
    unique("stakeholders_deal_contact_unique").on(t.orgId, t.dealId, t.contactId),
    index().on(t.orgId, t.contactId),
    check("stakeholders_influence_check", sql`${t.influence} between 1 and 5`),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Reviews
export const reviews = pgTable(
  "reviews",
  {
    orgId: orgId(),
    id: id(),
    subjectId: uuid().notNull(),
    reviewerId: uuid().notNull(),
    strategyId: uuid().notNull(),
    status: reviewStatusEnum().notNull().default("draft"),
    /**
     * Every figure the review shows, frozen when it is shared (server/domain/reviews/snapshot.ts, versioned and
     * validated); null while it is a draft (a draft's figures are assembled afresh on each read).
     */
    snapshot: jsonb(),
    /** The snapshot's rep ↔ strategy score, for trends and the team's board without reading the documents. */
    score: integer(),
    managerNotes: text().notNull().default(""),
    /** The managers' notes per section of the review: { score, goals, pipeline, deals, actions }. */
    sectionNotes: jsonb().notNull().default({}),
    repNotes: text().notNull().default(""),
    version: version(),
    sharedAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("reviews_subject_fk", [t.orgId, t.subjectId]),
    memberRef("reviews_reviewer_fk", [t.orgId, t.reviewerId]),
    foreignKey({
      name: "reviews_strategy_fk",
      columns: [t.orgId, t.strategyId],
      foreignColumns: [strategies.orgId, strategies.id],
    }),
    index().on(t.orgId, t.subjectId, t.createdAt),
    index().on(t.orgId, t.reviewerId, t.createdAt),
    index().on(t.orgId, t.createdAt, t.id),
    check("reviews_score_check", sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);

export const reviewActions = pgTable(
  "review_actions",
  {
    orgId: orgId(),
    id: id(),
    reviewId: uuid().notNull(),
    text: text().notNull(),
    ownerId: uuid(),
    /** Who agreed to do it: the review's manager or its rep (ownerId is that person). */
    ownerRole: text().notNull().default("rep"),
    dueOn: date(),
    done: boolean().notNull().default(false),
    doneAt: timestamp({ withTimezone: true }),
    /** Optional link to one of the rep's goals or deals, with its name as it was (the link may outlive it). */
    goalId: uuid(),
    dealId: uuid(),
    linkLabel: text().notNull().default(""),
    /** When the owner was told the action is due soon / overdue (server/services/review-reminders.ts): once each. */
    dueSoonRemindedAt: timestamp({ withTimezone: true }),
    overdueRemindedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "review_actions_review_fk",
      columns: [t.orgId, t.reviewId],
      foreignColumns: [reviews.orgId, reviews.id],
    }).onDelete("cascade"),
    memberRef("review_actions_owner_fk", [t.orgId, t.ownerId]),
    index().on(t.orgId, t.reviewId),
    // A person's open actions (their home page).
    index("review_actions_open_by_owner_idx")
      .on(t.orgId, t.ownerId, t.dueOn)
      .where(sql`not ${t.done}`),
    check("review_actions_owner_role_check", sql`${t.ownerRole} in ('manager', 'rep')`),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Notifications (server/services/notifications.ts): what happened that one person should know about. Row-level
// security lets a person read and mark only their own (migration notifications_own_rows).
export const notifications = pgTable(
  "notifications",
  {
    orgId: orgId(),
    id: id(),
    userId: uuid().notNull(),
    /** What happened, e.g. `review.shared`; the UI words it (components/notifications). */
    kind: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    /** What the text needs (titles, names) as they were when it happened. */
    payload: jsonb().notNull().default({}),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "notifications_user_fk",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
    // The bell's list (newest first, keyset) and its unread count.
    index().on(t.orgId, t.userId, t.createdAt, t.id),
    index("notifications_unread_idx")
      .on(t.orgId, t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

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
    foreignKey({
      name: "account_plans_account_fk",
      columns: [t.orgId, t.accountId],
      foreignColumns: [accounts.orgId, accounts.id],
    }),
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
  foreignKey({ name, columns, foreignColumns: [accountPlans.orgId, accountPlans.id] }).onDelete("cascade");

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
    foreignKey({
      name: "plan_problem_deals_problem_fk",
      columns: [t.orgId, t.problemId],
      foreignColumns: [planProblems.orgId, planProblems.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_problem_deals_deal_fk",
      columns: [t.orgId, t.dealId],
      foreignColumns: [deals.orgId, deals.id],
    }).onDelete("cascade"),
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
    foreignKey({
      name: "plan_step_dependencies_step_fk",
      columns: [t.orgId, t.stepId],
      foreignColumns: [planSteps.orgId, planSteps.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_step_dependencies_depends_on_fk",
      columns: [t.orgId, t.dependsOnId],
      foreignColumns: [planSteps.orgId, planSteps.id],
    }).onDelete("cascade"),
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
    foreignKey({
      name: "plan_stakeholders_contact_fk",
      columns: [t.orgId, t.contactId],
      foreignColumns: [contacts.orgId, contacts.id],
    }).onDelete("cascade"),
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

// ---------------------------------------------------------------------------------------------------
// Audit log (append-only: the application role may only INSERT and SELECT it)
export const auditEvents = pgTable(
  "audit_events",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    before: jsonb(),
    after: jsonb(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The audit log's filters: by date, by one record's history, by who acted — each newest first.
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.at),
    index().on(t.orgId, t.entityType, t.entityId, t.at),
    index().on(t.orgId, t.actorId, t.at),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Views (defined in migration 0002_deal_objective_matches.sql)

/** Objectives each deal serves: explicit links plus focus-rule matches. RLS applies (security_invoker). */
export const dealObjectiveMatches = pgView("deal_objective_matches", {
  orgId: uuid().notNull(),
  dealId: uuid().notNull(),
  objectiveId: uuid().notNull(),
  strategyId: uuid().notNull(),
  explicit: boolean().notNull(),
}).existing();

/**
 * The three-way alignment of every deal (DESIGN.md "The alignment model"), computed in SQL so that lists,
 * filters by flag and heat-maps never score deals in JavaScript and are never stale when goals, objectives
 * or stakeholders change. Defined in migration 0004_deal_scores.sql; `server/domain/deal-alignment.ts` is
 * the reference implementation (an integration test checks that both agree on every seeded deal).
 */
export const dealScores = pgView("deal_scores", {
  orgId: uuid().notNull(),
  dealId: uuid().notNull(),
  strategyId: uuid(),
  customer: doublePrecision().notNull(),
  company: doublePrecision().notNull(),
  rep: doublePrecision().notNull(),
  score: integer().notNull(),
  flags: text().array().notNull(),
}).existing();

// ---------------------------------------------------------------------------------------------------
// Email ownership (global: they exist before an account does, or belong to one account)

/**
 * A sign-up waiting for its email address to be confirmed (server/auth/sign-up.ts). Nothing else exists until
 * its link is followed and the password chosen here is given again: the account and the organization are created
 * from this row then. So an address that nobody proved to own has no account: it cannot be squatted, cannot join
 * an organization and is never matched to an invitation. Several requests may wait for one address (someone
 * else may have typed it); each link names its own.
 */
export const signUpRequests = pgTable(
  "sign_up_requests",
  {
    id: id().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    organizationName: text().notNull(),
    passwordHash: text().notNull(),
    /** SHA-256 of the link's token; a resend replaces it (only the newest link works). */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.email, t.createdAt), index().on(t.expiresAt)],
);

/** A password reset link (server/auth/password-reset.ts): its token's SHA-256, 30 minutes, used once. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId), index().on(t.expiresAt)],
);

// ---------------------------------------------------------------------------------------------------
// Stored alignment (docs/performance.md "Stored alignment"). The views above stay the live reference; these
// tables hold the same figures, kept current by statement-level triggers in the transaction of every write
// that can change them (migration 0011). Only those triggers write them; the application reads them.

/** The deal's keys, copied into the stored rows so that rollups and score-sorted lists need not join deals. */
const dealKeys = () => ({
  ownerId: uuid().notNull(),
  teamId: uuid(),
  stage: dealStageEnum().notNull(),
  currency: char({ length: 3 }).notNull(),
});

/** A stored row's deal: deleting the deal deletes the row (and the rollups follow). */
const ofDeal = (name: string, columns: [AnyPgColumn, AnyPgColumn]) =>
  foreignKey({ name, columns, foreignColumns: [deals.orgId, deals.id] }).onDelete("cascade");

/**
 * The date stored figures are computed for. A deal whose close date falls in no active strategy is measured
 * against the strategy that contains "today" (pickStrategy); that fallback can only change on the first or
 * the day after the last day of an active strategy, so it stays right for every day in [validFrom,
 * validUntil). Readers check the range and roll the clock (tandem_alignment_roll_clock) once it has passed.
 */
export const alignmentClock = pgTable("alignment_clock", {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  asOf: date().notNull(),
  fallbackStrategyId: uuid(),
  validFrom: date().notNull(),
  validUntil: date().notNull(),
});

/** Each deal's three-way score (the view deal_scores, stored), with the deal's keys for rollups and sorting. */
export const dealAlignment = pgTable(
  "deal_alignment",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    ...dealKeys(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    strategyId: uuid(),
    customer: doublePrecision().notNull(),
    company: doublePrecision().notNull(),
    rep: doublePrecision().notNull(),
    score: integer().notNull(),
    flags: text().array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId] }),
    ofDeal("deal_alignment_deal_fk", [t.orgId, t.dealId]),
    index().on(t.orgId, t.score, t.dealId),
    index().on(t.orgId, t.teamId, t.score, t.dealId),
    index().on(t.orgId, t.ownerId, t.strategyId),
    index().on(t.orgId, t.strategyId),
  ],
);

/**
 * The objectives each deal serves (the view deal_objective_matches, stored), with the deal's keys and its share
 * of the amount on the objective: amount / k for a deal serving k objectives of that strategy. `lead` marks one
 * match per deal and strategy (the first objective by id), so that sums over a strategy's objectives can count
 * each deal once (the pipeline on no objective = the open pipeline − the lead amounts, exactly).
 */
export const dealObjectiveMatch = pgTable(
  "deal_objective_match",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    objectiveId: uuid().notNull(),
    strategyId: uuid().notNull(),
    explicit: boolean().notNull(),
    lead: boolean().notNull(),
    ...dealKeys(),
    amount: numeric({ precision: 14, scale: 2 }).notNull(),
    share: numeric().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.objectiveId] }),
    ofDeal("deal_objective_match_deal_fk", [t.orgId, t.dealId]),
    index().on(t.orgId, t.objectiveId, t.dealId),
  ],
);

/** Deal count, amount and score per (team, owner, stage, currency): totals, dashboards, pipeline per person. */
export const dealRollup = pgTable(
  "deal_rollup",
  {
    orgId: orgId(),
    ...dealKeys(),
    deals: integer().notNull(),
    amount: numeric().notNull(),
    scoreSum: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    unique("deal_rollup_key").on(t.orgId, t.ownerId, t.teamId, t.stage, t.currency).nullsNotDistinct(),
    index().on(t.orgId, t.teamId),
  ],
);

/**
 * Deal count, amount and split amount (Σ amount / k) per (objective, team, owner, stage, currency): pipeline per
 * objective for people and teams (the heat-map, the team's mix) and totals filtered by objective. The lead
 * measures count each deal once per strategy (see dealObjectiveMatch.lead).
 */
export const dealObjectiveRollup = pgTable(
  "deal_objective_rollup",
  {
    orgId: orgId(),
    objectiveId: uuid().notNull(),
    strategyId: uuid().notNull(),
    ...dealKeys(),
    deals: integer().notNull(),
    amount: numeric().notNull(),
    share: numeric().notNull(),
    leadDeals: integer().notNull(),
    leadAmount: numeric().notNull(),
  },
  (t) => [
    unique("deal_objective_rollup_key")
      .on(t.orgId, t.objectiveId, t.strategyId, t.ownerId, t.teamId, t.stage, t.currency)
      .nullsNotDistinct(),
    index().on(t.orgId, t.strategyId, t.ownerId),
  ],
);

/**
 * Words of each deal's name and of its account's name, lowercased (tandem_search_terms), for the list's search:
 * `starts_with(term, …)` is leakproof and served by the text_pattern_ops index, where ILIKE under row-level
 * security scans every deal in scope.
 */
export const dealSearchTerms = pgTable(
  "deal_search_terms",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    term: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.term] }),
    ofDeal("deal_search_terms_deal_fk", [t.orgId, t.dealId]),
    index().on(t.orgId, t.term.op("text_pattern_ops"), t.dealId),
  ],
);

/**
 * Strategy-wide changes of the current transaction (new focus rules, weights, strategy dates…), recorded by
 * the triggers and recomputed once when it commits (a deferred constraint trigger, migration 0011): a strategy
 * save that rewrites every focus rule costs one recomputation of the deals whose matches really changed.
 * Empty outside a transaction.
 */
export const alignmentPending = pgTable(
  "alignment_pending",
  {
    orgId: orgId(),
    kind: text({ enum: ["strategies", "weights", "objectives", "focus"] }).notNull(),
    targetId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.targetId] })],
);

/**
 * Deals whose stored figures wait for recomputation after a strategy-wide change too large to recompute at commit
 * (docs/performance.md "Strategy changes at scale"). Readers show these deals' figures as being recomputed, never
 * as current; tandem_alignment_work() recomputes them in batches (`rematch`: their objective matches too).
 */
export const alignmentStale = pgTable(
  "alignment_stale",
  {
    orgId: orgId(),
    dealId: uuid().notNull(),
    rematch: boolean().notNull(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dealId] }), ofDeal("alignment_stale_deal_fk", [t.orgId, t.dealId])],
);

// ---------------------------------------------------------------------------------------------------
// Integrations (docs/api.md): API keys, webhook endpoints and their deliveries

/** An organization's API keys: only the SHA-256 of the key is stored; `prefix` lets people tell keys apart. */
export const apiKeys = pgTable(
  "api_keys",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    scope: text({ enum: ["read", "write"] }).notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("api_keys_creator_fk", [t.orgId, t.createdBy]),
    // A request names only its key: the lookup by hash crosses organizations (like share links).
    uniqueIndex().on(t.keyHash),
    index().on(t.orgId, t.createdAt),
  ],
);

/** Where an organization's events are sent. `allowPrivateNetwork`: an admin's opt-out of the SSRF guard. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    url: text().notNull(),
    events: text().array().notNull(),
    secret: text().notNull(),
    status: text({ enum: ["active", "paused"] })
      .notNull()
      .default("active"),
    allowPrivateNetwork: boolean().notNull().default(false),
    /** Deliveries that gave up in a row; reaching the limit pauses the endpoint. */
    consecutiveFailures: integer().notNull().default(0),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("webhook_endpoints_creator_fk", [t.orgId, t.createdBy]),
    index().on(t.orgId, t.createdAt),
  ],
);

/** One event for one endpoint: pending until answered 2xx or out of attempts. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    orgId: orgId(),
    id: id(),
    endpointId: uuid().notNull(),
    event: text().notNull(),
    payload: jsonb().notNull(),
    status: text({ enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer(),
    responseBody: text(),
    error: text(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "webhook_deliveries_endpoint_fk",
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id],
    }).onDelete("cascade"),
    index().on(t.orgId, t.endpointId, t.createdAt),
    // The worker's queue: only pending rows, due first.
    index()
      .on(t.orgId, t.nextAttemptAt)
      .where(sql`status = 'pending'`),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Single sign-on through OpenID Connect, per organization (docs/sso.md). The sign-in flow runs on the privileged
// connection, like password sign-in (there is no tenant scope before signing in); the admin settings (sso router)
// run as the application role under the tenant policy.

/** One identity provider per organization. The client secret is stored encrypted (server/auth/sso/crypto.ts). */
export const ssoConfigs = pgTable(
  "sso_configs",
  {
    orgId: uuid()
      .notNull()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The provider's issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` (base64url); never sent to a client. */
    clientSecretEncrypted: text().notNull(),
    /** Members' passwords are refused (admins keep a break-glass password sign-in, audited). */
    required: boolean().notNull().default(false),
    /** Role and team of a person from a covered domain who signs in for the first time (just-in-time). */
    defaultRole: roleEnum().notNull().default("rep"),
    defaultTeamId: uuid(),
    updatedBy: uuid().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "sso_configs_default_team_fk",
      columns: [t.orgId, t.defaultTeamId],
      foreignColumns: [teams.orgId, teams.id],
    }).onDelete("set null"), // only default_team_id: the migration says SET NULL ("default_team_id")
    foreignKey({
      name: "sso_configs_updater_fk",
      columns: [t.orgId, t.updatedBy],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);

/**
 * The email domains an organization's provider covers. A domain belongs to one organization at most (the unique
 * index on the domain alone, like a user's email), so an address never leads to two providers.
 */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    orgId: uuid()
      .notNull()
      .references(() => ssoConfigs.orgId, { onDelete: "cascade" }),
    domain: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.domain] }), uniqueIndex("sso_domains_domain_unique").on(t.domain)],
);

/**
 * One SSO sign-in in progress (server/auth/sso/logins.ts). Two single-use steps, both within `expiresAt`:
 * the provider's answer claims the `state` (stateUsedAt), then the browser redeems the one-time ticket the
 * callback handed it for a Tandem session (ticketUsedAt). Only hashes of the state and the ticket are stored.
 */
export const ssoLogins = pgTable(
  "sso_logins",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull(),
    stateHash: text().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    stateUsedAt: timestamp({ withTimezone: true }),
    ticketHash: text(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    ticketUsedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.stateHash),
    uniqueIndex().on(t.ticketHash),
    index().on(t.expiresAt),
  ],
);

/**
 * Which provider account (the ID token's `sub`) is which Tandem user, per organization: once linked, a sign-in is
 * recognized by its subject, and another subject claiming the same email is refused.
 */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    orgId: uuid().notNull(),
    subject: text().notNull(),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subject] }),
    unique("sso_identities_org_user_unique").on(t.orgId, t.userId),
    foreignKey({
      name: "sso_identities_member_fk",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
  ],
);
