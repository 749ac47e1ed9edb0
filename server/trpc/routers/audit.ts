import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, users } from "@/db/schema";
import { orgProcedure, router } from "../init";
import { pageLimitSchema } from "../schemas";

export const auditRouter = router({
  /** The audit log, newest first, keyset-paginated; filter by action prefix (e.g. "member.") or entity type. */
  list: orgProcedure("audit.read")
    .input(
      z.object({
        action: z.string().trim().max(60).regex(/^[a-z_.]*$/, { message: "Use lowercase letters, dots and underscores" }).optional(),
        limit: pageLimitSchema,
        cursor: z.object({ at: z.date(), id: z.uuid() }).nullish(),
      }),
    )
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            at: z.date(),
            actorName: z.string().nullable(),
            action: z.string(),
            entityType: z.string(),
            entityId: z.uuid().nullable(),
            before: z.unknown(),
            after: z.unknown(),
          }),
        ),
        nextCursor: z.object({ at: z.date(), id: z.uuid() }).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const cursor = input.cursor;
      const rows = await ctx.db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          actorName: users.name,
          action: auditEvents.action,
          entityType: auditEvents.entityType,
          entityId: auditEvents.entityId,
          before: auditEvents.before,
          after: auditEvents.after,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(
          and(
            eq(auditEvents.orgId, ctx.orgId),
            input.action ? sql`starts_with(${auditEvents.action}, ${input.action})` : undefined,
            cursor ? or(lt(auditEvents.at, cursor.at), and(eq(auditEvents.at, cursor.at), lt(auditEvents.id, cursor.id))) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > input.limit && last ? { at: last.at, id: last.id } : null };
    }),
});
