/**
 * strategy.*: the company's strategy per period — objectives with weights, owners and focus rules. The rules and
 * the writes are in server/services/strategy-changes.ts (docs/alignment.md "Strategies"); each mutation runs in
 * the procedure's one transaction, so a refused change leaves nothing behind.
 */
import { z } from "zod";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { currentStrategyId, todayUtc } from "@/server/domain/strategy-rules";
import {
  endsAfterStart,
  objectivesSchema,
  periodFields,
  strategyDetailSchema,
  strategySummarySchema,
} from "@/server/domain/strategy-schemas";
import { listStrategies } from "@/server/services/strategies";
import {
  activateStrategy,
  archiveStrategy,
  createStrategy,
  deleteStrategy,
  duplicateStrategy,
  updateStrategy,
} from "@/server/services/strategy-changes";
import { canSeeDrafts, findStrategy } from "@/server/services/strategy-records";
import { orgProcedure, router } from "../init";

export const strategyRouter = router({
  /** Strategies by period, newest first; drafts only for those who manage strategy. Marks the current one. */
  list: orgProcedure("strategy.read")
    .output(z.object({ items: z.array(strategySummarySchema), currentId: z.uuid().nullable() }))
    .query(async ({ ctx }) => {
      const items = await listStrategies(ctx.db, ctx.orgId, canSeeDrafts(ctx.membership));
      return { items, currentId: currentStrategyId(items, todayUtc()) };
    }),

  get: orgProcedure("strategy.read")
    .input(z.object({ strategyId: idSchema }))
    .output(strategyDetailSchema)
    .query(async ({ ctx, input }) => findStrategy(ctx.db, ctx.membership, input.strategyId)),

  /** A new draft for a period, without objectives. */
  create: orgProcedure("strategy.manage")
    .input(z.object(periodFields).superRefine(endsAfterStart))
    .output(strategyDetailSchema)
    .mutation(({ ctx, input }) => createStrategy(ctx.db, ctx.actor, input)),

  /**
   * Saves the whole strategy — name, period and the full list of objectives with their focus rules — as of
   * the version the editor read. Objectives keep their ids (and so their goal links); objectives left out
   * are deleted with their links. An active strategy must keep weights summing to 100 and a period that
   * overlaps no other active strategy; its edits are audited with the before and after.
   */
  update: orgProcedure("strategy.manage")
    .input(
      z
        .object({ strategyId: idSchema, version: versionSchema, ...periodFields, objectives: objectivesSchema })
        .superRefine(endsAfterStart),
    )
    .output(strategyDetailSchema)
    .mutation(({ ctx, input }) => updateStrategy(ctx.db, ctx.actor, input)),

  /** Draft → active, when its weights sum to 100 and no other active strategy shares a day of its period. */
  activate: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(strategyDetailSchema)
    .mutation(({ ctx, input }) => activateStrategy(ctx.db, ctx.actor, input)),

  /** Active (or draft) → archived: read-only from then on; its goals and scores stay readable. */
  archive: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(strategyDetailSchema)
    .mutation(({ ctx, input }) => archiveStrategy(ctx.db, ctx.actor, input)),

  /** A new draft for another period, starting from a copy of this strategy's objectives and focus rules. */
  duplicate: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, ...periodFields }).superRefine(endsAfterStart))
    .output(strategyDetailSchema)
    .mutation(({ ctx, input }) => duplicateStrategy(ctx.db, ctx.actor, input)),

  /** Deletes a draft (nothing can depend on a draft: goals are written only for active strategies). */
  delete: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteStrategy(ctx.db, ctx.actor, input)),
});
