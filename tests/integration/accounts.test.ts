import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { StaleVersionError } from "@/server/domain/errors";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createKey, rest } from "../helpers/rest";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("accounts router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);
  const versionOf = async (accountId: string) => {
    const [row] = await world.db
      .select({ version: s.accounts.version })
      .from(s.accounts)
      .where(eq(s.accounts.id, accountId));
    return row!.version;
  };

  describeOrgAccess(world, [
    { procedure: "accounts.list", call: (api) => api.accounts.list({}) },
    { procedure: "accounts.get", call: (api) => api.accounts.get({ accountId: pipe.accounts.acme }) },
    { procedure: "accounts.create", call: (api) => api.accounts.create({ name: "Access Co" }) },
    {
      procedure: "accounts.update",
      call: (api) => api.accounts.update({ accountId: pipe.accounts.acme, version: 1, industry: "Manufacturing" }),
    },
  ]);

  describe("list and get", () => {
    it("reps see accounts they own or have deals on; managers and viewers their teams'; admins all", async () => {
      const names = async (api: ReturnType<typeof as>) =>
        (await api.accounts.list({ limit: 100 })).items.map((a) => a.name);
      expect(await names(as("admin"))).toEqual(expect.arrayContaining(["Acme Manufacturing", "Globex Retail"]));
      expect(await names(as("rep"))).toEqual(["Acme Manufacturing"]);
      expect(await names(as("manager"))).toEqual(["Acme Manufacturing"]);
      expect(await names(as("viewer"))).toEqual(["Acme Manufacturing"]);
      expect(await names(world.api(pipe.outsider))).toEqual(["Globex Retail"]);
      // A deal on someone else's account makes the account readable (not editable) for the deal's owner.
      await world.db.insert(s.deals).values({
        orgId: world.org.id,
        id: crypto.randomUUID(),
        accountId: pipe.accounts.globex,
        name: "Rep on Globex",
        ownerId: world.org.rep.id,
        teamId: world.org.subTeamId,
      });
      const list = await as("rep").accounts.list({ limit: 100 });
      expect(list.items.map((a) => [a.name, a.canEdit])).toEqual([
        ["Acme Manufacturing", true],
        ["Globex Retail", false],
      ]);
      expect((await as("rep").accounts.get({ accountId: pipe.accounts.globex })).canWriteContacts).toBe(true);
    });

    it("counts the visible open deals in the same query; searches; pages by name", async () => {
      const acme = (await as("rep").accounts.list({ search: "acme" })).items;
      expect(acme).toEqual([
        expect.objectContaining({ name: "Acme Manufacturing", openDeals: 1, ownerName: world.org.rep.name }),
      ]);
      expect((await as("admin").accounts.list({ search: "100%" })).items).toEqual([]);
      const first = await as("admin").accounts.list({ limit: 1 });
      const second = await as("admin").accounts.list({ limit: 1, cursor: first.nextCursor });
      expect(first.items[0]!.name < second.items[0]!.name).toBe(true);
    });

    it("get: contacts and visible deals with scores", async () => {
      const acme = await as("rep").accounts.get({ accountId: pipe.accounts.acme });
      expect(acme).toMatchObject({ name: "Acme Manufacturing", canEdit: true, canWriteContacts: true });
      expect(acme.contacts.map((c) => c.name)).toEqual(["Carla CFO", "Ida IT", "Oscar Ops"]);
      expect(acme.deals.map((d) => d.name)).toEqual(expect.arrayContaining(["Acme vision rollout", "Acme pilot"]));
      expect(acme.deals.every((d) => d.score >= 0 && d.score <= 100)).toBe(true);
      await expectTRPCError(as("rep").accounts.get({ accountId: crypto.randomUUID() }), "NOT_FOUND");
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).accounts.get({ accountId: pipe.accounts.acme }),
        "NOT_FOUND",
      );
    });

    it("a list issues a constant number of statements", async () => {
      const count = async (limit: number) => {
        world.handle.resetQueryCount();
        await as("manager").accounts.list({ limit });
        return world.handle.queryCount();
      };
      expect(await count(1)).toBe(await count(100));
    });
  });

  describe("create and update", () => {
    it("a rep creates an account they own, in their team; audited", async () => {
      const { id } = await as("rep").accounts.create({
        name: "  Initrode  ",
        domain: "https://www.Initrode.example/about",
        industry: "Logistics",
        segment: "",
        region: "NA",
      });
      const [row] = await world.db.select().from(s.accounts).where(eq(s.accounts.id, id));
      expect(row).toMatchObject({
        name: "Initrode",
        domain: "initrode.example",
        industry: "Logistics",
        segment: null,
        ownerId: world.org.rep.id,
        teamId: world.org.subTeamId,
      });
      expect(await lastAudit(world.db, world.org.id, "account.created")).toMatchObject({
        entityId: id,
        actorId: world.org.rep.id,
      });
    });

    it("only owners and admins edit; only admins reassign", async () => {
      const acme = pipe.accounts.acme;
      await as("rep").accounts.update({ accountId: acme, version: await versionOf(acme), segment: "Mid-Market" });
      expect((await as("rep").accounts.get({ accountId: acme })).segment).toBe("Mid-Market");
      await expectTRPCError(
        as("manager").accounts.update({ accountId: acme, version: await versionOf(acme), segment: "SMB" }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        as("rep").accounts.update({ accountId: acme, version: await versionOf(acme), ownerId: world.org.manager.id }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        as("rep").accounts.update({ accountId: crypto.randomUUID(), version: 1, segment: "SMB" }),
        "NOT_FOUND",
      );
      await as("admin").accounts.update({
        accountId: acme,
        version: await versionOf(acme),
        ownerId: world.org.manager.id,
      });
      const [row] = await world.db
        .select({ ownerId: s.accounts.ownerId, teamId: s.accounts.teamId })
        .from(s.accounts)
        .where(eq(s.accounts.id, acme));
      expect(row).toEqual({ ownerId: world.org.manager.id, teamId: world.org.rootTeamId });
      expect(await lastAudit(world.db, world.org.id, "account.updated")).toMatchObject({
        before: { ownerId: world.org.rep.id },
        after: { ownerId: world.org.manager.id },
      });
      await as("admin").accounts.update({ accountId: acme, version: await versionOf(acme), ownerId: world.org.rep.id });
    });

    it.each([
      ["name", { name: "" }],
      ["domain", { name: "X", domain: "not a domain" }],
      ["industry", { name: "X", industry: "x".repeat(81) }],
      ["ownerId", { name: "X", ownerId: "me" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(as("admin").accounts.create(input as never), field);
    });

    it("a rep cannot create accounts for others; an admin cannot give one to a viewer or a stranger", async () => {
      await expectTRPCError(as("rep").accounts.create({ name: "Theirs", ownerId: world.org.manager.id }), "FORBIDDEN");
      await expectBadRequest(
        as("admin").accounts.create({ name: "Viewer's", ownerId: world.org.viewer.id }),
        "ownerId",
      );
      await expectTRPCError(
        as("admin").accounts.create({ name: "Stranger's", ownerId: world.other.rep.id }),
        "NOT_FOUND",
      );
    });
  });

  describe("versions and CONFLICT", () => {
    const newAccount = async (name: string) => (await as("rep").accounts.create({ name })).id;

    it("an update names the version it read, bumps it and answers the account as it is now", async () => {
      const id = await newAccount("Versioned Co");
      expect((await as("rep").accounts.get({ accountId: id })).version).toBe(1);
      const saved = await as("rep").accounts.update({ accountId: id, version: 1, industry: "Energy" });
      expect(saved).toEqual({
        id,
        name: "Versioned Co",
        domain: null,
        industry: "Energy",
        segment: null,
        region: null,
        ownerId: world.org.rep.id,
        ownerName: world.org.rep.name,
        version: 2,
      });
      expect((await as("rep").accounts.get({ accountId: id })).version).toBe(2);
      // Nothing changed: nothing written, the version stays.
      expect((await as("rep").accounts.update({ accountId: id, version: 2, industry: "Energy" })).version).toBe(2);
      await expectBadRequest(as("rep").accounts.update({ accountId: id, industry: "Oil" } as never), "version");
    });

    it("a stale version → CONFLICT carrying the current account; nothing is overwritten", async () => {
      const id = await newAccount("Contested Co");
      await as("admin").accounts.update({ accountId: id, version: 1, industry: "Energy", region: "EMEA" });
      const error = await expectTRPCError(
        as("rep").accounts.update({ accountId: id, version: 1, industry: "Retail" }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: .*version 2/);
      expect(error.cause).toBeInstanceOf(StaleVersionError);
      expect((error.cause as StaleVersionError).current).toEqual({
        id,
        name: "Contested Co",
        domain: null,
        industry: "Energy",
        segment: null,
        region: "EMEA",
        ownerId: world.org.rep.id,
        ownerName: world.org.rep.name,
        version: 2,
      });
      const [row] = await world.db
        .select({ industry: s.accounts.industry, version: s.accounts.version })
        .from(s.accounts)
        .where(eq(s.accounts.id, id));
      expect(row).toEqual({ industry: "Energy", version: 2 });
      // Re-applied on the version the CONFLICT carried, it goes through.
      expect(await as("rep").accounts.update({ accountId: id, version: 2, industry: "Retail" })).toMatchObject({
        industry: "Retail",
        region: "EMEA",
        version: 3,
      });
    });

    it("two concurrent saves of the same version: one wins, the other gets CONFLICT", async () => {
      const id = await newAccount("Race Co");
      const results = await Promise.allSettled([
        as("rep").accounts.update({ accountId: id, version: 1, segment: "SMB" }),
        as("rep").accounts.update({ accountId: id, version: 1, segment: "Enterprise" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(
        results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code),
      ).toEqual(["CONFLICT"]);
      expect(await versionOf(id)).toBe(2);
    });

    it("a CSV import is a write too: it bumps the version, and an edit from before it answers CONFLICT", async () => {
      const id = await newAccount("Imported Co");
      const result = await as("rep").imports.commit({
        kind: "accounts",
        csv: "Account Name,Industry\nImported Co,Energy\n",
      });
      expect(result).toMatchObject({ created: 0, updated: 1 });
      expect(await versionOf(id)).toBe(2);
      const error = await expectTRPCError(
        as("rep").accounts.update({ accountId: id, version: 1, industry: "Retail" }),
        "CONFLICT",
      );
      expect((error.cause as StaleVersionError).current).toMatchObject({ id, industry: "Energy", version: 2 });
    });

    it("REST: PATCH /accounts/{id} with a stale version → 409 with the account as it is now", async () => {
      const { key } = await createKey(world.db, world.org.admin, world.org.id, "write");
      const created = await rest(world.db, key, "POST", "/accounts", { name: "Rest Co" });
      const path = `/accounts/${created.body.id as string}`;
      const first = await rest(world.db, key, "PATCH", path, { version: 1, region: "APAC" });
      expect([first.status, first.body.version]).toEqual([200, 2]);
      const stale = await rest(world.db, key, "PATCH", path, { version: 1, region: "NA" });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe("CONFLICT");
      expect(JSON.stringify(stale.body)).toContain('"region":"APAC"');
      const missing = await rest(world.db, key, "PATCH", path, { region: "NA" });
      expect(missing.status).toBe(400);
    });
  });
});
