import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { orgId } from "./columns";
import { deals } from "./deals";
import { dealStageEnum } from "./enums";
import { organizations } from "./tenancy";
import { tenantRef } from "./references";

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
  tenantRef(name, columns, deals).onDelete("cascade");

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
