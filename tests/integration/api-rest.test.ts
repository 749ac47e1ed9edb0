/**
 * The REST API (docs/api.md) end to end through its HTTP handler: the OpenAPI document is valid OpenAPI 3.1;
 * create → update with a stale version (409) → list; and the keys that must be refused, with exact statuses.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, apiKeys, auditEvents, memberships } from "@/db/schema";
import { openApiDocument } from "@/server/api/handler";
import { REST_ROUTES } from "@/server/api/routes";
import { createUser } from "../helpers/fixtures";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createKey, rest } from "../helpers/rest";
import { useWorld } from "../helpers/world";

describe("REST API", () => {
  const world = useWorld();

  it("serves a valid OpenAPI 3.1 document with every route", async () => {
    const document = openApiDocument("http://tandem.test/api/v1");
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.keys(item as object));
    expect(operations).toHaveLength(REST_ROUTES.length);
  });

  it("runs create → stale update (409 with the current record) → update → list → get", async () => {
    const { id: keyId, key } = await createKey(world.db, world.org.admin, world.org.id, "write");
    const account = await rest(world.db, key, "POST", "/accounts", { name: "Globex" });
    expect(account.status).toBe(200);
    const accountId = account.body.id as string;
    const created = await rest(world.db, key, "POST", "/deals", {
      accountId,
      name: "Globex renewal",
      amount: "1200.00",
    });
    expect(created.status).toBe(200);
    const dealId = created.body.id as string;
    expect(created.body.version).toBe(1);

    const first = await rest(world.db, key, "PATCH", `/deals/${dealId}`, { version: 1, name: "Globex renewal 2027" });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await rest(world.db, key, "PATCH", `/deals/${dealId}`, { version: 1, name: "Lost update" });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("CONFLICT");
    expect(JSON.stringify(stale.body)).toContain("Globex renewal 2027");

    const list = await rest(world.db, key, "POST", "/deals/query", { filters: { accountId }, limit: 10 });
    expect(list.status).toBe(200);
    const items = list.body.items as { id: string; name: string }[];
    expect(items.map((item) => [item.id, item.name])).toEqual([[dealId, "Globex renewal 2027"]]);

    const got = await rest(world.db, key, "GET", `/deals/${dealId}`);
    expect(got.status).toBe(200);
    expect(got.body.name).toBe("Globex renewal 2027");

    // Each write is audited with the key that made it; the key records its last use.
    const audited = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "api.write"))
      .orderBy(auditEvents.at, auditEvents.id);
    const writes = audited.filter((event) => event.entityId === keyId).map((event) => event.after);
    expect(writes).toEqual([
      { procedure: "accounts.create", recordId: accountId },
      { procedure: "deals.create", recordId: dealId },
      { procedure: "deals.update", recordId: dealId },
    ]);
    const [row] = await world.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("commits a write and its api.write audit together, or neither", async () => {
    const { id: keyId, key } = await createKey(world.db, world.org.admin, world.org.id, "write");
    // The audit insert fails (a trigger refuses api.write entries): the write must roll back with it.
    await world.db.execute(sql`create function refuse_api_write() returns trigger language plpgsql as $$
      begin if new.action = 'api.write' then raise exception 'audit refused'; end if; return new; end $$`);
    await world.db.execute(
      sql`create trigger refuse_api_write before insert on audit_events for each row execute function refuse_api_write()`,
    );
    try {
      const refused = await rest(world.db, key, "POST", "/accounts", { name: "Unaudited Ltd" });
      expect(refused.status).toBe(500);
    } finally {
      await world.db.execute(sql`drop trigger refuse_api_write on audit_events`);
      await world.db.execute(sql`drop function refuse_api_write()`);
    }
    const unaudited = await world.db.select().from(accounts).where(eq(accounts.name, "Unaudited Ltd"));
    expect(unaudited).toEqual([]);
    // A write the app refuses leaves no entry; the committed one has exactly one.
    const created = await rest(world.db, key, "POST", "/accounts", { name: "Audited Ltd" });
    expect(created.status).toBe(200);
    const missing = await rest(world.db, key, "PATCH", `/deals/${crypto.randomUUID()}`, { version: 1, name: "X" });
    expect(missing.status).toBe(404);
    const audited = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api.write"), eq(auditEvents.entityId, keyId)));
    expect(audited.map((event) => event.after)).toEqual([{ procedure: "accounts.create", recordId: created.body.id }]);
  });

  it("answers bad input with 400 naming the field", async () => {
    const { key } = await createKey(world.db, world.org.admin, world.org.id, "write");
    const answer = await rest(world.db, key, "POST", "/deals", { accountId: "not-a-uuid", name: "" });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("BAD_REQUEST");
  });

  it("refuses a body over 1 MB with 413", async () => {
    const { key } = await createKey(world.db, world.org.admin, world.org.id, "write");
    const answer = await rest(world.db, key, "POST", "/accounts", { name: "x".repeat(1_100_000) });
    expect(answer.status).toBe(413);
  });

  describe("refused keys", () => {
    it("no key or an unknown key → 401", async () => {
      expect((await rest(world.db, null, "GET", "/strategies")).status).toBe(401);
      expect((await rest(world.db, "tdm_nope", "GET", "/strategies")).status).toBe(401);
    });

    it("a revoked key → 401", async () => {
      const { id, key } = await createKey(world.db, world.org.admin, world.org.id, "read");
      expect((await rest(world.db, key, "GET", "/strategies")).status).toBe(200);
      await world.api(world.org.admin).apiKeys.revoke({ keyId: id });
      expect((await rest(world.db, key, "GET", "/strategies")).status).toBe(401);
    });

    it("an expired key → 401", async () => {
      const { id, key } = await createKey(world.db, world.org.admin, world.org.id, "read");
      await world.db
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiKeys.id, id));
      expect((await rest(world.db, key, "GET", "/strategies")).status).toBe(401);
    });

    it("an expiry in the past or beyond five years is refused at creation with BAD_REQUEST", async () => {
      const create = (expiresAt: Date) =>
        world.api(world.org.admin).apiKeys.create({ name: "Probe", scope: "read", expiresAt });
      await expectTRPCError(create(new Date(Date.now() - 1000)), "BAD_REQUEST");
      // Past Postgres' timestamp range: must be refused by validation, not by the database.
      const farOff = await expectTRPCError(create(new Date("+036493-07-18T22:32:06.110Z")), "BAD_REQUEST");
      expect(farOff.message).toMatch(/five years/);
      const ok = await create(new Date(Date.now() + 365 * 24 * 60 * 60 * 1000));
      expect(ok.key).toMatch(/^tdm_/);
    });

    it("a key over its rate → 429", async () => {
      const { key } = await createKey(world.db, world.org.admin, world.org.id, "read");
      process.env.API_KEY_BURST = "2";
      process.env.API_KEY_PER_SECOND = "0.001";
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await rest(world.db, key, "GET", "/strategies")).status);
        expect(statuses).toEqual([200, 200, 429]);
        const refused = await rest(world.db, key, "GET", "/strategies");
        expect(refused.status).toBe(429);
        expect(refused.body.code).toBe("TOO_MANY_REQUESTS");
      } finally {
        delete process.env.API_KEY_BURST;
        delete process.env.API_KEY_PER_SECOND;
      }
    });

    it("a read key writing → 403", async () => {
      const { key } = await createKey(world.db, world.org.admin, world.org.id, "read");
      const answer = await rest(world.db, key, "POST", "/accounts", { name: "Nope" });
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe("FORBIDDEN");
    });

    it("a key of another organization → 404 for this organization's records", async () => {
      const { key } = await createKey(world.db, world.org.admin, world.org.id, "write");
      const account = await rest(world.db, key, "POST", "/accounts", { name: "Ours" });
      const { key: theirs } = await createKey(world.db, world.other.admin, world.other.id, "write");
      const answer = await rest(world.db, theirs, "GET", `/accounts/${account.body.id as string}`);
      expect(answer.status).toBe(404);
      const update = await rest(world.db, theirs, "PATCH", `/accounts/${account.body.id as string}`, {
        version: 1,
        name: "x",
      });
      expect(update.status).toBe(404);
    });

    it("a key whose creator is no longer an admin → 401", async () => {
      const creator = await createUser(world.db, "Former Admin");
      await world.db
        .insert(memberships)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: creator.id, role: "admin" });
      const { key } = await createKey(world.db, creator, world.org.id, "read");
      expect((await rest(world.db, key, "GET", "/strategies")).status).toBe(200);
      await world.db.update(memberships).set({ role: "rep" }).where(eq(memberships.userId, creator.id));
      expect((await rest(world.db, key, "GET", "/strategies")).status).toBe(401);
    });
  });
});
