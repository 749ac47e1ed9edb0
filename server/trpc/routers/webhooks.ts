/** Webhook endpoints and their deliveries (docs/api.md): admins register, pause, resume and remove them. */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { badRequest, notFound } from "@/server/domain/errors";
import { recordAudit } from "@/server/services/audit";
import { newWebhookSecret } from "@/server/services/webhooks-signing";
import { isPublicAddress } from "@/server/services/webhooks-ssrf";
import { WEBHOOK_EVENTS } from "@/server/services/webhooks";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, olderThan } from "@/server/db/keyset";
import { idSchema, pageLimitSchema } from "@/server/domain/schemas";

const cursorSchema = z.object({ time: cursorTimeSchema, id: z.uuid() });

const endpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  status: z.enum(["active", "paused"]),
  allowPrivateNetwork: z.boolean(),
  consecutiveFailures: z.number().int(),
  createdAt: z.date(),
});

const deliverySchema = z.object({
  id: z.uuid(),
  event: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
});

const urlSchema = z
  .url({ protocol: /^https?$/, message: "Enter an http(s) URL" })
  .max(2000)
  // Refinements run after a failed format check too: only a parsable URL is inspected here.
  .refine((url) => !URL.canParse(url) || !(new URL(url).username || new URL(url).password), {
    message: "Leave credentials out of the URL",
  });

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  status: webhookEndpoints.status,
  allowPrivateNetwork: webhookEndpoints.allowPrivateNetwork,
  consecutiveFailures: webhookEndpoints.consecutiveFailures,
  createdAt: webhookEndpoints.createdAt,
};

async function setStatus(db: Database, actor: Actor, endpointId: string, status: "active" | "paused") {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status, consecutiveFailures: 0 })
    .where(and(eq(webhookEndpoints.orgId, actor.orgId), eq(webhookEndpoints.id, endpointId)))
    .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
  if (!row) notFound("endpointId", "Webhook not found.");
  const action = status === "paused" ? "webhook.paused" : "webhook.resumed";
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action,
    entityType: "webhook",
    entityId: row.id,
    after: { url: row.url },
  });
  return { id: row.id };
}

export const webhooksRouter = router({
  list: orgProcedure("integrations.manage")
    .output(z.array(endpointSchema))
    .query(({ ctx }) =>
      ctx.db.select(endpointColumns).from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt)).limit(100),
    ),

  /** Answers the signing secret: the only time it is shown. */
  create: orgProcedure("integrations.manage")
    .input(
      z.object({
        url: urlSchema,
        events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Pick at least one event").max(WEBHOOK_EVENTS.length),
        allowPrivateNetwork: z.boolean().default(false),
      }),
    )
    .output(z.object({ id: z.uuid(), secret: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const host = new URL(input.url).hostname.replace(/^\[|\]$/g, "");
      const literal = /^[\d.]+$|:/.test(host);
      if (!input.allowPrivateNetwork && (host === "localhost" || (literal && !isPublicAddress(host)))) {
        badRequest("url", "This address is private; deliveries go to public addresses only.");
      }
      const id = crypto.randomUUID();
      const secret = newWebhookSecret();
      const events = [...new Set(input.events)];
      await ctx.db.insert(webhookEndpoints).values({
        orgId: ctx.actor.orgId,
        id,
        url: input.url,
        events,
        secret,
        allowPrivateNetwork: input.allowPrivateNetwork,
        createdBy: ctx.actor.userId,
      });
      const after = { url: input.url, events, allowPrivateNetwork: input.allowPrivateNetwork };
      await recordAudit(ctx.db, {
        orgId: ctx.actor.orgId,
        actorId: ctx.actor.userId,
        action: "webhook.created",
        entityType: "webhook",
        entityId: id,
        after,
      });
      return { id, secret };
    }),

  pause: orgProcedure("integrations.manage")
    .input(z.object({ endpointId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => setStatus(ctx.db, ctx.actor, input.endpointId, "paused")),

  /** Resuming also clears the failure count; deliveries still pending go out at the next round. */
  resume: orgProcedure("integrations.manage")
    .input(z.object({ endpointId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => setStatus(ctx.db, ctx.actor, input.endpointId, "active")),

  delete: orgProcedure("integrations.manage")
    .input(z.object({ endpointId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.orgId, ctx.actor.orgId), eq(webhookEndpoints.id, input.endpointId)))
        .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
      if (!row) notFound("endpointId", "Webhook not found.");
      await recordAudit(ctx.db, {
        orgId: ctx.actor.orgId,
        actorId: ctx.actor.userId,
        action: "webhook.deleted",
        entityType: "webhook",
        entityId: row.id,
        before: { url: row.url },
      });
      return { id: row.id };
    }),

  /** An endpoint's deliveries, newest first (keyset on created_at, id). */
  deliveries: orgProcedure("integrations.manage")
    .input(
      z.object({
        endpointId: idSchema,
        limit: pageLimitSchema,
        cursor: cursorSchema.nullish(),
      }),
    )
    .output(z.object({ items: z.array(deliverySchema), nextCursor: cursorSchema.nullable() }))
    .query(async ({ ctx, input }) => {
      const [endpoint] = await ctx.db
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.orgId, ctx.actor.orgId), eq(webhookEndpoints.id, input.endpointId)));
      if (!endpoint) notFound("endpointId", "Webhook not found.");
      const { cursor } = input;
      const d = webhookDeliveries;
      const rows = await ctx.db
        .select({
          id: d.id,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.nextAttemptAt,
          responseStatus: d.responseStatus,
          responseBody: d.responseBody,
          error: d.error,
          createdAt: d.createdAt,
          time: cursorTime(d.createdAt),
        })
        .from(d)
        .where(
          and(
            eq(d.orgId, ctx.actor.orgId),
            eq(d.endpointId, input.endpointId),
            cursor ? olderThan(d.createdAt, d.id, cursor) : undefined,
          ),
        )
        .orderBy(desc(d.createdAt), desc(d.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      const nextCursor = rows.length > input.limit && last ? { time: last.time, id: last.id } : null;
      return { items, nextCursor }; // the output schema leaves `time` out
    }),
});
