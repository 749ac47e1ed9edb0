/**
 * notifications.*: the caller's own notifications in the organization (the bell). Everyone has them; row-level
 * security already hides other people's rows, and every query names the caller too.
 */
import { z } from "zod";
import { listNotifications, markRead, unreadCount } from "@/server/services/notifications";
import { orgProcedure, router } from "../init";
import { cursorTimeSchema, keysetPage, timeCursor } from "@/server/db/keyset";
import { pageLimitSchema } from "@/server/domain/schemas";

const cursorSchema = z.object({ time: cursorTimeSchema, id: z.uuid() });

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  entityType: z.string(),
  entityId: z.uuid(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export const notificationsRouter = router({
  /** Newest first, keyset-paginated; `unreadOnly` for the bell's first view. */
  list: orgProcedure("org.read")
    .input(
      z.object({
        limit: pageLimitSchema,
        cursor: cursorSchema.nullish(),
        unreadOnly: z.boolean().default(false),
      }),
    )
    .output(z.object({ items: z.array(notificationSchema), nextCursor: cursorSchema.nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await listNotifications(
        ctx.db,
        { orgId: ctx.orgId, userId: ctx.user.id },
        { limit: input.limit + 1, cursor: input.cursor ?? undefined, unreadOnly: input.unreadOnly },
      );
      const { page, nextCursor } = keysetPage(rows, input.limit, timeCursor);
      return {
        items: page.map((row) => ({
          id: row.id,
          kind: row.kind,
          entityType: row.entityType,
          entityId: row.entityId,
          payload: asRecord(row.payload),
          createdAt: row.createdAt,
          readAt: row.readAt,
        })),
        nextCursor,
      };
    }),

  unreadCount: orgProcedure("org.read")
    .output(z.object({ count: z.number().int().min(0) }))
    .query(async ({ ctx }) => ({ count: await unreadCount(ctx.db, { orgId: ctx.orgId, userId: ctx.user.id }) })),

  /** Marks some of the caller's notifications read; ids that are not the caller's (or unknown) change nothing. */
  markRead: orgProcedure("org.read")
    .input(z.object({ ids: z.array(z.uuid()).min(1).max(100) }))
    .output(z.object({ changed: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({
      changed: await markRead(ctx.db, { orgId: ctx.orgId, userId: ctx.user.id }, input.ids),
    })),

  markAllRead: orgProcedure("org.read")
    .output(z.object({ changed: z.number().int() }))
    .mutation(async ({ ctx }) => ({ changed: await markRead(ctx.db, { orgId: ctx.orgId, userId: ctx.user.id }) })),
});
