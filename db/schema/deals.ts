import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { DEAL_STAGES } from "../../server/domain/vocabulary";
import { createdAt, id, orgId, updatedAt, version } from "./columns";
import { buyingRoleEnum, dealStageEnum, problemFitEnum, stanceEnum } from "./enums";
import { memberRef, tenantRef } from "./references";
import { goals, objectives } from "./strategy";
import { teams } from "./teams";
import { organizations } from "./tenancy";

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
    tenantRef("accounts_team_fk", [t.orgId, t.teamId], teams),
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
    tenantRef("contacts_account_fk", [t.orgId, t.accountId], accounts).onDelete("cascade"),
    tenantRef("contacts_reports_to_fk", [t.orgId, t.reportsToId], t),
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
    tenantRef("deals_account_fk", [t.orgId, t.accountId], accounts),
    memberRef("deals_owner_fk", [t.orgId, t.ownerId]),
    tenantRef("deals_team_fk", [t.orgId, t.teamId], teams),
    tenantRef("deals_disqualified_reason_fk", [t.orgId, t.disqualifiedReasonId], disqualificationReasons),
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
    tenantRef("deal_objectives_deal_fk", [t.orgId, t.dealId], deals).onDelete("cascade"),
    tenantRef("deal_objectives_objective_fk", [t.orgId, t.objectiveId], objectives).onDelete("cascade"),
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
    tenantRef("deal_goals_deal_fk", [t.orgId, t.dealId], deals).onDelete("cascade"),
    tenantRef("deal_goals_goal_fk", [t.orgId, t.goalId], goals).onDelete("cascade"),
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
    tenantRef("stakeholders_deal_fk", [t.orgId, t.dealId], deals).onDelete("cascade"),
    tenantRef("stakeholders_contact_fk", [t.orgId, t.contactId], contacts),
    unique("stakeholders_deal_contact_unique").on(t.orgId, t.dealId, t.contactId),
    index().on(t.orgId, t.contactId),
    check("stakeholders_influence_check", sql`${t.influence} between 1 and 5`),
  ],
);
