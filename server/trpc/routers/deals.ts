/**
 * Deals: the pipeline (list, totals, board, export), one deal with its three-way alignment, and the changes
 * to it (create, update with a version, move between stages, disqualify with a reason). The queries are in
 * server/services/deal-pipeline.ts and deal-detail.ts, the changes in deal-changes.ts.
 */
import { z } from "zod";
import { stageSchema } from "@/server/domain/deal-fields";
import { idSchema, pageLimitSchema, recomputingSchema } from "@/server/domain/schemas";
import {
  createDeal,
  createDealInput,
  disqualifyDeal,
  disqualifyDealInput,
  moveDeal,
  moveDealInput,
  updateDeal,
  updateDealInput,
} from "@/server/services/deal-changes";
import { dealDetailSchema, dealTimeline, loadDeal } from "@/server/services/deal-detail";
import { auditCursorSchema, auditEventSchema, auditPageSchema } from "@/server/services/audit";
import { dealOwners, dealOwnersInput, dealOwnersOutput } from "@/server/services/deal-owners";
import { dealBoard, dealOptions, dealTotals, exportDeals, listDeals } from "@/server/services/deal-pipeline";
import { dealCursorSchema, dealFiltersSchema, dealRowSchema, sortSchema } from "@/server/domain/deal-list-schemas";
import { SORT_KEYS } from "@/server/services/deal-queries";
import { orgProcedure, router } from "../init";

const listInput = z
  .object({
    filters: dealFiltersSchema.default({}),
    sort: sortSchema.default({ by: "closeDate", dir: "asc" }),
    limit: pageLimitSchema,
    cursor: dealCursorSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.cursor && !SORT_KEYS[input.sort.by].valid(input.cursor.key)) {
      ctx.addIssue({ code: "custom", path: ["cursor", "key"], message: "Not a cursor of this sort order" });
    }
  });

const totalsSchema = z.object({
  byStage: z.array(z.object({ stage: stageSchema, currency: z.string(), deals: z.number().int(), amount: z.string() })),
  /** Open stages only: closed and disqualified deals leave the pipeline but stay in byStage. */
  pipeline: z.array(z.object({ currency: z.string(), deals: z.number().int(), amount: z.string() })),
  recomputing: recomputingSchema,
});

const versionOutput = z.object({ id: z.uuid(), version: z.number().int(), stage: stageSchema });

export const dealsRouter = router({
  list: orgProcedure("deals.read")
    .input(listInput)
    .output(z.object({ items: z.array(dealRowSchema), nextCursor: dealCursorSchema.nullable() }))
    .query(({ ctx, input }) => listDeals(ctx.db, ctx.actor, input)),

  /** Count and sum per stage and currency for the filters (SQL; amounts stay decimal strings). */
  totals: orgProcedure("deals.read")
    .input(z.object({ filters: dealFiltersSchema.default({}) }))
    .output(totalsSchema)
    .query(({ ctx, input }) => dealTotals(ctx.db, ctx.actor, input.filters)),

  /** The kanban: per stage, the first deals by close date (at most `perStage`), with the stage's count. */
  board: orgProcedure("deals.read")
    .input(z.object({ filters: dealFiltersSchema.default({}), perStage: z.number().int().min(1).max(100).default(50) }))
    .output(
      z.object({
        columns: z.array(z.object({ stage: stageSchema, count: z.number().int(), items: z.array(dealRowSchema) })),
      }),
    )
    .query(({ ctx, input }) => dealBoard(ctx.db, ctx.actor, input)),

  /** Every row of the filtered list (up to 10,000), for the CSV export. */
  export: orgProcedure("deals.read")
    .input(
      z.object({ filters: dealFiltersSchema.default({}), sort: sortSchema.default({ by: "closeDate", dir: "asc" }) }),
    )
    .output(z.object({ items: z.array(dealRowSchema), truncated: z.boolean() }))
    .query(({ ctx, input }) => exportDeals(ctx.db, ctx.actor, input)),

  /** What the pipeline's filters and the deal form offer: teams, objectives, reasons (owners: deals.owners). */
  options: orgProcedure("deals.read")
    .output(
      z.object({
        teams: z.array(z.object({ id: z.uuid(), name: z.string(), parentTeamId: z.uuid().nullable() })),
        objectives: z.array(
          z.object({ id: z.uuid(), title: z.string(), weight: z.number().int(), strategyName: z.string() }),
        ),
        reasons: z.array(z.object({ id: z.uuid(), label: z.string() })),
      }),
    )
    .query(({ ctx }) => dealOptions(ctx.db, ctx.actor)),

  /** Possible owners the caller sees, by name, searched and keyset-paginated (the owner pickers). */
  owners: orgProcedure("deals.read")
    .input(dealOwnersInput)
    .output(dealOwnersOutput)
    .query(({ ctx, input }) => dealOwners(ctx.db, ctx.actor, input)),

  get: orgProcedure("deals.read", { plans: "keyed" })
    .input(z.object({ dealId: idSchema }))
    .output(dealDetailSchema)
    .query(({ ctx, input }) => loadDeal(ctx.db, ctx.actor, input.dealId)),

  create: orgProcedure("deals.write")
    .input(createDealInput)
    .output(versionOutput)
    .mutation(({ ctx, input }) => createDeal(ctx.db, ctx.actor, input)),

  /** Edits a deal as of `version`; a stale version answers CONFLICT with the deal as it is now. */
  update: orgProcedure("deals.write")
    .input(updateDealInput)
    .output(versionOutput)
    .mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.actor, input)),

  /** Moves a deal to another stage (the kanban); out of "disqualified" it reopens the deal. */
  move: orgProcedure("deals.write")
    .input(moveDealInput)
    .output(versionOutput)
    .mutation(({ ctx, input }) => moveDeal(ctx.db, ctx.actor, input)),

  /** Disqualifies a deal with a reason from the organization's list and a free note. */
  disqualify: orgProcedure("deals.write")
    .input(disqualifyDealInput)
    .output(versionOutput)
    .mutation(({ ctx, input }) => disqualifyDeal(ctx.db, ctx.actor, input)),

  /** The deal's history from the audit log, newest first: stage, owner, stakeholder and field changes. */
  timeline: orgProcedure("deals.read")
    .input(z.object({ dealId: idSchema, limit: pageLimitSchema, cursor: auditCursorSchema.nullish() }))
    .output(auditPageSchema(auditEventSchema))
    .query(({ ctx, input }) => dealTimeline(ctx.db, ctx.actor, input.dealId, input.limit, input.cursor)),
});
