import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, users } from "@/db/schema";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, olderThan } from "../keyset";
import { pageLimitSchema } from "../schemas";

const cursorSchema = z.object({ at: cursorTimeSchema, id: z.uuid() });

export const auditRouter = router({
  /** The audit log, newest first, keyset-paginated; filter by action prefix (e.g. "member.") or entity type. */
  list: orgProcedure("audit.read")
    .input(
      z.object({
        action: z.string().trim().max(60).regex(/^[a-z_.]*$/, { message: "Use lowercase letters, dots and underscores" }).optional(),
        limit: pageLimitSchema,
        cursor: cursorSchema.nullish(),
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
        nextCursor: cursorSchema.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const cursor = input.cursor;
      const rows = await ctx.db
        .select({
          item: {
            id: auditEvents.id,
            at: auditEvents.at,
            actorName: users.name,
            action: auditEvents.action,
            entityType: auditEvents.entityType,
            entityId: auditEvents.entityId,
            before: auditEvents.before,
            after: auditEvents.after,
          },
          cursorAt: cursorTime(auditEvents.at),
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(
          and(
            eq(auditEvents.orgId, ctx.orgId),
            input.action ? sql`starts_with(${auditEvents.action}, ${input.action})` : undefined,
            cursor ? olderThan(auditEvents.at, auditEvents.id, { time: cursor.at, id: cursor.id }) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return { items: page.map((row) => row.item), nextCursor: rows.length > input.limit && last ? { at: last.cursorAt, id: last.item.id } : null };
    }),
});
