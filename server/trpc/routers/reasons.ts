/**
 * The organization's disqualification reasons. Every organization starts with defaults (a database trigger,
 * migration 0004); admins add, rename and archive them. Archived reasons are no longer offered, but deals
 * disqualified with them keep them, so reports stay whole.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { deals, disqualificationReasons } from "@/db/schema";
import { lineSchema } from "@/server/domain/deal-fields";
import { isUniqueViolation } from "@/server/db/errors";
import { auditAs } from "@/server/services/audit";
import type { Database } from "@/db/client";
import type { Actor } from "@/server/authz/actor";
import { findReason } from "@/server/services/deal-changes";
import { orgProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";
import { conflict } from "@/server/domain/errors";

const labelSchema = lineSchema(120, 1);

const reasonSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  suggestedFor: z.string().nullable(),
  archived: z.boolean(),
  position: z.number().int(),
  /** Deals disqualified with this reason. */
  deals: z.number().int(),
});

function duplicateLabel(error: unknown): never {
  if (isUniqueViolation(error)) conflict("label", "A reason with this label already exists.");
  throw error;
}

/** The caller's change of one reason, in the audit log (`before`: the values it replaced). */
const auditReason = (
  db: Database,
  actor: Actor,
  reasonId: string,
  change: { action: string; before?: unknown; after: unknown },
) => auditAs(db, actor, { entityType: "disqualification_reason", entityId: reasonId, ...change });

export const reasonsRouter = router({
  list: orgProcedure("deals.read")
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .output(z.array(reasonSchema))
    .query(async ({ ctx, input }) => {
      return ctx.db
        .select({
          id: disqualificationReasons.id,
          label: disqualificationReasons.label,
          suggestedFor: disqualificationReasons.suggestedFor,
          archived: disqualificationReasons.archived,
          position: disqualificationReasons.position,
          deals: count(deals.id),
        })
        .from(disqualificationReasons)
        .leftJoin(
          deals,
          and(
            eq(deals.orgId, disqualificationReasons.orgId),
            eq(deals.disqualifiedReasonId, disqualificationReasons.id),
          ),
        )
        .where(
          and(
            eq(disqualificationReasons.orgId, ctx.orgId),
            input.includeArchived ? undefined : eq(disqualificationReasons.archived, false),
          ),
        )
        .groupBy(disqualificationReasons.orgId, disqualificationReasons.id)
        .orderBy(
          asc(disqualificationReasons.archived),
          asc(disqualificationReasons.position),
          asc(disqualificationReasons.label),
        );
    }),

  create: orgProcedure("reasons.manage")
    .input(z.object({ label: labelSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const id = crypto.randomUUID();
      const [last] = await ctx.db
        .select({ position: sql<number>`coalesce(max(${disqualificationReasons.position}), -1)::int` })
        .from(disqualificationReasons)
        .where(eq(disqualificationReasons.orgId, ctx.orgId));
      // A savepoint, so that a duplicate label leaves the transaction usable for the error answer.
      await ctx.db
        .transaction((tx) =>
          tx
            .insert(disqualificationReasons)
            .values({ orgId: ctx.orgId, id, label: input.label, position: (last?.position ?? -1) + 1 }),
        )
        .catch(duplicateLabel);
      await auditReason(ctx.db, ctx.actor, id, { action: "reason.created", after: input });
      return { id };
    }),

  rename: orgProcedure("reasons.manage")
    .input(z.object({ reasonId: idSchema, label: labelSchema }))
    .output(z.object({ id: z.uuid(), label: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const reason = await findReason(ctx.db, ctx.orgId, input.reasonId);
      await ctx.db
        .transaction((tx) =>
          tx
            .update(disqualificationReasons)
            .set({ label: input.label })
            .where(and(eq(disqualificationReasons.orgId, ctx.orgId), eq(disqualificationReasons.id, input.reasonId))),
        )
        .catch(duplicateLabel);
      await auditReason(ctx.db, ctx.actor, input.reasonId, {
        action: "reason.renamed",
        before: { label: reason.label },
        after: { label: input.label },
      });
      return { id: input.reasonId, label: input.label };
    }),

  setArchived: orgProcedure("reasons.manage")
    .input(z.object({ reasonId: idSchema, archived: z.boolean() }))
    .output(z.object({ id: z.uuid(), archived: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const reason = await findReason(ctx.db, ctx.orgId, input.reasonId);
      if (reason.archived === input.archived) return { id: input.reasonId, archived: input.archived };
      await ctx.db
        .update(disqualificationReasons)
        .set({ archived: input.archived })
        .where(and(eq(disqualificationReasons.orgId, ctx.orgId), eq(disqualificationReasons.id, input.reasonId)));
      await auditReason(ctx.db, ctx.actor, input.reasonId, {
        action: input.archived ? "reason.archived" : "reason.restored",
        before: { archived: reason.archived },
        after: { archived: input.archived },
      });
      return { id: input.reasonId, archived: input.archived };
    }),
});
