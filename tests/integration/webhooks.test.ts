/**
 * Webhooks (docs/api.md): admins register endpoints; app changes queue signed deliveries that the worker sends,
 * retries with backoff and gives up on; an endpoint that keeps failing is paused; private addresses are refused
 * unless the endpoint allows them.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deals, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { deliverDueWebhooks, type WebhookPolicy } from "@/server/services/webhooks-worker";
import { SIGNATURE_HEADER, verifySignature } from "@/server/services/webhooks-signing";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, useWorld } from "../helpers/world";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver answering `status()`; records every request. */
async function receiver(status: () => number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(status()).end("ack");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/hook`, localhostUrl: `http://localhost:${port}/hook`, server };
}

const FAST: WebhookPolicy = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, pauseAfter: 5, timeoutMs: 5_000 };

describe("webhooks", () => {
  const world = useWorld();
  let ok: Awaited<ReturnType<typeof receiver>>;
  let failing: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    ok = await receiver(() => 200);
    failing = await receiver(() => 500);
  });
  afterAll(() => {
    ok.server.close();
    failing.server.close();
  });

  async function newDeal(name: string) {
    const api = world.api(world.org.admin);
    const account = await api.accounts.create({ name: `${name} Inc` });
    return api.deals.create({ accountId: account.id, name });
  }

  async function drain(policy: WebhookPolicy = FAST) {
    while ((await deliverDueWebhooks(world.db, policy)) > 0);
  }

  async function remove(endpointId: string) {
    await world.api(world.org.admin).webhooks.delete({ endpointId });
  }

  it("refuses a private address unless the admin allows it", async () => {
    const api = world.api(world.org.admin);
    for (const url of ["http://127.0.0.1/x", "http://localhost:8080/x", "http://[::1]/x", "http://169.254.169.254/"]) {
      await expectTRPCError(api.webhooks.create({ url, events: ["deal.created"] }), "BAD_REQUEST");
    }
    await expectTRPCError(api.webhooks.create({ url: "ftp://example.com/", events: ["deal.created"] }), "BAD_REQUEST");
    await expectTRPCError(api.webhooks.create({ url: "https://example.com/", events: [] }), "BAD_REQUEST");
    const allowed = await api.webhooks.create({ url: ok.url, events: ["deal.created"], allowPrivateNetwork: true });
    await remove(allowed.id);
  });

  it("delivers a signed event that the receiver can verify", async () => {
    const api = world.api(world.org.admin);
    const endpoint = await api.webhooks.create({
      url: ok.url,
      events: ["deal.created", "deal.stage_changed"],
      allowPrivateNetwork: true,
    });
    const deal = await newDeal("Signed");
    await world.api(world.org.admin).deals.move({ dealId: deal.id, version: 1, stage: "qualification" });
    await drain();
    const mine = ok.received.filter((request) => request.body.includes(deal.id));
    expect(mine.map((request) => (JSON.parse(request.body) as { type: string }).type)).toEqual([
      "deal.created",
      "deal.stage_changed",
    ]);
    for (const request of mine) {
      const header = request.headers[SIGNATURE_HEADER] as string;
      expect(verifySignature(endpoint.secret, header, request.body)).toBe(true);
      expect(verifySignature("whsec_wrong", header, request.body)).toBe(false);
    }
    const { items } = await api.webhooks.deliveries({ endpointId: endpoint.id });
    expect(items.map((item) => [item.status, item.responseStatus, item.attempts])).toEqual([
      ["succeeded", 200, 1],
      ["succeeded", 200, 1],
    ]);
    await remove(endpoint.id);
  });

  it("queues an event only for endpoints subscribed to it, when the change commits", async () => {
    const api = world.api(world.org.admin);
    const endpoint = await api.webhooks.create({
      url: ok.url,
      events: ["deal.updated", "deal.disqualified"],
      allowPrivateNetwork: true,
    });
    const deal = await newDeal("Events");
    const updated = await api.deals.update({ dealId: deal.id, version: 1, name: "Events renamed" });
    await expect(api.deals.update({ dealId: deal.id, version: 1, name: "Stale" })).rejects.toThrow();
    const [reason] = await api.reasons.list({ includeArchived: false });
    await api.deals.disqualify({ dealId: deal.id, version: updated.version, reasonId: reason!.id });
    const rows = await world.db
      .select({ event: webhookDeliveries.event, payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id))
      .orderBy(webhookDeliveries.createdAt);
    expect(rows.map((row) => row.event)).toEqual(["deal.updated", "deal.disqualified"]);
    expect(rows[1]?.payload).toMatchObject({ type: "deal.disqualified", data: { dealId: deal.id } });
    await remove(endpoint.id);
  });

  it("queues the events of single writes for every deal a CSV import writes, with the import's commit", async () => {
    const api = world.api(world.org.admin);
    const endpoint = await api.webhooks.create({
      url: ok.url,
      events: ["deal.created", "deal.updated", "deal.stage_changed", "deal.disqualified"],
      allowPrivateNetwork: true,
    });
    const queued = async () => {
      const rows = await world.db
        .select({ payload: webhookDeliveries.payload })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      return rows.map((row) => row.payload as { type: string; data: Record<string, unknown> });
    };
    // More deals than one insert batch of deliveries (500).
    const many = Array.from({ length: 510 }, (_, i) => `IMP-${i},Imported ${i},Importer Co,Prospecting`);
    const created = await api.imports.commit({
      kind: "deals",
      csv: ["Opportunity ID,Opportunity Name,Account Name,Stage", ...many].join("\n"),
    });
    expect(created.created).toBe(510);
    const ids = await world.db
      .select({ id: deals.id, externalId: deals.externalId })
      .from(deals)
      .where(inArray(deals.externalId, ["IMP-0", "IMP-1"]));
    const idOf = (externalId: string) => ids.find((row) => row.externalId === externalId)!.id;
    const afterCreate = await queued();
    expect(afterCreate).toHaveLength(510);
    expect(afterCreate.every((event) => event.type === "deal.created")).toBe(true);
    expect(afterCreate).toContainEqual(
      expect.objectContaining({ data: { dealId: idOf("IMP-0"), name: "Imported 0", stage: "prospecting" } }),
    );

    const [reason] = await api.reasons.list({ includeArchived: false });
    await api.imports.commit({
      kind: "deals",
      csv: [
        "Opportunity ID,Opportunity Name,Account Name,Stage,Disqualified Reason",
        "IMP-0,Imported 0,Importer Co,Qualification,",
        `IMP-1,Imported 1 renamed,Importer Co,Disqualified,${reason!.label}`,
      ].join("\n"),
    });
    const updates = (await queued()).filter((event) => event.type !== "deal.created");
    const summary = (event: { type: string; data: Record<string, unknown> }) => ({ type: event.type, ...event.data });
    expect(updates.map(summary)).toHaveLength(4);
    expect(updates.map(summary)).toEqual(
      expect.arrayContaining([
        { type: "deal.stage_changed", dealId: idOf("IMP-0"), from: "prospecting", to: "qualification" },
        { type: "deal.updated", dealId: idOf("IMP-0"), version: 2 },
        { type: "deal.disqualified", dealId: idOf("IMP-1"), reason: reason!.label },
        { type: "deal.updated", dealId: idOf("IMP-1"), version: 2 },
      ]),
    );

    // A refused file (one bad row) writes nothing and queues nothing.
    const before = (await queued()).length;
    await expectTRPCError(
      api.imports.commit({
        kind: "deals",
        csv: "Deal Name,Account Name,Amount\nFine,Importer Co,1\nBad,Importer Co,-5",
      }),
      "BAD_REQUEST",
    );
    expect(await queued()).toHaveLength(before);
    await remove(endpoint.id);
  });

  it("retries a failing receiver with backoff, gives up after the last attempt, and pauses the endpoint", async () => {
    const api = world.api(world.org.admin);
    const endpoint = await api.webhooks.create({
      url: failing.url,
      events: ["deal.created"],
      allowPrivateNetwork: true,
    });
    const first = await newDeal("Failing one");
    // The default policy waits 30 s after the first failure: one attempt, then the delivery waits.
    await drain({ ...FAST, baseDelayMs: 30_000, maxDelayMs: 30_000 });
    const [waiting] = await world.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(waiting?.status).toBe("pending");
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.responseStatus).toBe(500);
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    await world.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, waiting!.id));
    await drain();
    const hits = failing.received.filter((request) => request.body.includes(first.id));
    expect(hits).toHaveLength(FAST.maxAttempts);
    const { items } = await api.webhooks.deliveries({ endpointId: endpoint.id });
    expect(items[0]).toMatchObject({ status: "failed", attempts: FAST.maxAttempts, responseStatus: 500 });

    // Two more failing deliveries reach pauseAfter (5 consecutive failed attempts): the endpoint is paused.
    await newDeal("Failing two");
    await drain();
    const [paused] = await world.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(paused?.status).toBe("paused");
    const before = failing.received.length;
    await newDeal("While paused");
    await drain();
    expect(failing.received.length).toBe(before);
    await api.webhooks.resume({ endpointId: endpoint.id });
    const [resumed] = await world.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(resumed).toMatchObject({ status: "active", consecutiveFailures: 0 });
    await remove(endpoint.id);
  });

  it("never connects to a private address the endpoint does not allow (DNS resolved and checked)", async () => {
    // Written directly: the router already refuses these URLs, the worker must refuse them too.
    const endpointId = crypto.randomUUID();
    await world.db.insert(webhookEndpoints).values({
      orgId: world.org.id,
      id: endpointId,
      url: ok.localhostUrl,
      events: ["deal.created"],
      secret: "whsec_test",
      createdBy: world.org.admin.id,
    });
    const before = ok.received.length;
    await newDeal("Rebound");
    await drain();
    expect(ok.received.length).toBe(before);
    const [delivery] = await world.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId));
    expect(delivery?.error).toMatch(/not a public address/);
    expect(delivery?.responseStatus).toBeNull();
    await world.db.update(webhookEndpoints).set({ url: ok.url }).where(eq(webhookEndpoints.id, endpointId));
    await world.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.endpointId, endpointId));
    await drain();
    expect(ok.received.length).toBe(before);
    await remove(endpointId);
  });

  it("keeps each organization's endpoints to itself", async () => {
    const endpoint = await world
      .api(world.org.admin)
      .webhooks.create({ url: ok.url, events: ["deal.created"], allowPrivateNetwork: true });
    const theirs = world.api(world.other.admin, world.other.id);
    await expectTRPCError(theirs.webhooks.deliveries({ endpointId: endpoint.id }), "NOT_FOUND");
    await expectTRPCError(theirs.webhooks.pause({ endpointId: endpoint.id }), "NOT_FOUND");
    expect((await theirs.webhooks.list()).map((row) => row.id)).not.toContain(endpoint.id);
    await remove(endpoint.id);
  });

  describeOrgAccess(world, [
    { procedure: "webhooks.list", call: (api) => api.webhooks.list() },
    {
      procedure: "webhooks.create",
      call: (api) => api.webhooks.create({ url: "https://example.com/hook", events: ["deal.updated"] }),
    },
    { procedure: "apiKeys.list", call: (api) => api.apiKeys.list() },
    { procedure: "apiKeys.create", call: (api) => api.apiKeys.create({ name: "Key", scope: "read" }) },
  ]);
});
