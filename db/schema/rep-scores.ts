import { bigint, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgId } from "./columns";
import { memberRef, tenantRef } from "./references";
import { strategies } from "./strategy";
import { organizations } from "./tenancy";

/**
 * Each person's alignment figures in a strategy (they depend on the objectives' ids only) and their score under the
 * weights the writer held (`score`, `weights`: a reader holding other weights scores the figures itself), as the
 * team views read them (docs/performance.md
 * "Stored rep scores"): what server/services/rep-scores.ts's loadRepScoreRows computes from the rollups and goals,
 * stored by the readers themselves (server/services/rep-score-store.ts). A row is current while the versions it
 * was computed from are still those of rep_alignment_inputs; triggers bump those on every write that can change
 * the figures (migration 0028), so a changed row is never read as current.
 */
export const repAlignmentScores = pgTable(
  "rep_alignment_scores",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    strategyId: uuid().notNull(),
    userId: uuid().notNull(),
    /** rep_alignment_inputs.version of the person (0: no row) and of the organization when computed. */
    userVersion: bigint({ mode: "number" }).notNull(),
    orgVersion: bigint({ mode: "number" }).notNull(),
    /** The RepScoreRow figures (goal counts, strongest links, pipeline buckets rounded, currencies). */
    figures: jsonb().notNull(),
    /**
     * The open pipeline not rounded, per objective (null: no objective; two arrays in the same order) and in all,
     * that a team's exact sums add up: columns, not jsonb, so that summing 5,000 people reads no document. Null
     * on rows stored before they existed (never current).
     */
    pipelineObjectiveIds: uuid().array(),
    pipelineAmounts: numeric().array(),
    pipelineTotal: numeric(),
    /**
     * The score of these figures under the objectives' weights in `weights` (ids and weights in the strategy's
     * order, as the writer held them): a reader holding the same weights ranks by it without scoring every
     * person (the whole organization's home). Null on rows stored before it existed.
     */
    score: smallint(),
    weights: text(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.strategyId, t.userId] }),
    tenantRef("rep_alignment_scores_strategy_fk", [t.orgId, t.strategyId], strategies).onDelete("cascade"),
    memberRef("rep_alignment_scores_member_fk", [t.orgId, t.userId]).onDelete("cascade"),
  ],
);

/**
 * The version of each person's score inputs (their open pipeline in the rollups, their goals and goal links) and,
 * under the nil uuid, of the organization's (objectives, strategies): the id of the last transaction that changed
 * them, written by the triggers of migration 0028. No row: version 0.
 */
export const repAlignmentInputs = pgTable(
  "rep_alignment_inputs",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid().notNull(),
    version: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);
