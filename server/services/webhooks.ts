/**
 * Webhooks (docs/api.md): events are queued as deliveries in the transaction of the change that causes them (a
 * change that rolls back sends nothing), and a background worker (webhooks-worker.ts) sends them, signed, with
 * retries and exponential backoff.
 */
import { and, arrayOverlaps, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { inBatches } from "@/server/db/in-batches";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/server/domain/webhook-events";

export { WEBHOOK_EVENTS, type WebhookEvent };

/** One event to queue: its type and its payload's data (ids, and e.g. the stage move). */
export interface QueuedEvent {
  event: WebhookEvent;
  data: Record<string, unknown>;
}

/**
 * Queues each event for every active endpoint of the organization that subscribed to it, in the caller's
 * transaction (under row-level security: only the organization's own endpoints are seen). The endpoints are read
 * once however many events there are (a CSV import queues one per deal it writes).
 */
export async function emitWebhookEvents(tx: Database, orgId: string, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const types = [...new Set(events.map((e) => e.event))];
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.orgId, orgId),
        eq(webhookEndpoints.status, "active"),
        arrayOverlaps(webhookEndpoints.events, types),
      ),
    );
  if (endpoints.length === 0) return;
  const occurredAt = new Date().toISOString();
  const rows = events.flatMap(({ event, data }) =>
    endpoints
      .filter((endpoint) => endpoint.events.includes(event))
      .map((endpoint) => {
        const id = crypto.randomUUID();
        return { orgId, id, endpointId: endpoint.id, event, payload: { id, type: event, occurredAt, orgId, data } };
      }),
  );
  await inBatches(rows, (batch) => tx.insert(webhookDeliveries).values(batch));
}

/** The deal events' payloads, the same whether a single write or a CSV import queues them (docs/api.md). */
export const dealEvents = {
  created: (dealId: string, name: string, stage: string): QueuedEvent => ({
    event: "deal.created",
    data: { dealId, name, stage },
  }),
  updated: (dealId: string, version: number): QueuedEvent => ({ event: "deal.updated", data: { dealId, version } }),
  stageChanged: (dealId: string, from: string, to: string): QueuedEvent => ({
    event: "deal.stage_changed",
    data: { dealId, from, to },
  }),
  disqualified: (dealId: string, reason: string | undefined): QueuedEvent => ({
    event: "deal.disqualified",
    data: { dealId, reason },
  }),
};

/** Queues one event (see emitWebhookEvents). */
export function emitWebhookEvent(tx: Database, orgId: string, event: QueuedEvent): Promise<void> {
  return emitWebhookEvents(tx, orgId, [event]);
}
