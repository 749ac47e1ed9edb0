import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("accounts router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);

  describeOrgAccess(world, [
    { procedure: "accounts.list", call: (api) => api.accounts.list({}) },
    { procedure: "accounts.get", call: (api) => api.accounts.get({ accountId: pipe.accounts.acme }) },
    { procedure: "accounts.create", call: (api) => api.accounts.create({ name: "Access Co" }) },
    {
      procedure: "accounts.update",
      call: (api) => api.accounts.update({ accountId: pipe.accounts.acme, industry: "Manufacturing" }),
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
      await as("rep").accounts.update({ accountId: pipe.accounts.acme, segment: "Mid-Market" });
      expect((await as("rep").accounts.get({ accountId: pipe.accounts.acme })).segment).toBe("Mid-Market");
      await expectTRPCError(
        as("manager").accounts.update({ accountId: pipe.accounts.acme, segment: "SMB" }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        as("rep").accounts.update({ accountId: pipe.accounts.acme, ownerId: world.org.manager.id }),
        "FORBIDDEN",
      );
      await expectTRPCError(as("rep").accounts.update({ accountId: crypto.randomUUID(), segment: "SMB" }), "NOT_FOUND");
      await as("admin").accounts.update({ accountId: pipe.accounts.acme, ownerId: world.org.manager.id });
      const [row] = await world.db
        .select({ ownerId: s.accounts.ownerId, teamId: s.accounts.teamId })
        .from(s.accounts)
        .where(eq(s.accounts.id, pipe.accounts.acme));
      expect(row).toEqual({ ownerId: world.org.manager.id, teamId: world.org.rootTeamId });
      expect(await lastAudit(world.db, world.org.id, "account.updated")).toMatchObject({
        before: { ownerId: world.org.rep.id },
        after: { ownerId: world.org.manager.id },
      });
      await as("admin").accounts.update({ accountId: pipe.accounts.acme, ownerId: world.org.rep.id });
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
});
