import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { ROLES } from "@/server/authz/permissions";
import { allows } from "@/server/authz/record-rules";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess } from "../helpers/world";
import { reasonId, useDealsWorld } from "./deals-fixtures";

describe("deals router", () => {
  const { world, pipe, as, newDeal } = useDealsWorld();

  describeOrgAccess(world, [
    { procedure: "deals.list", call: (api) => api.deals.list({}) },
    { procedure: "deals.totals", call: (api) => api.deals.totals({}) },
    { procedure: "deals.board", call: (api) => api.deals.board({}) },
    { procedure: "deals.export", call: (api) => api.deals.export({}) },
    { procedure: "deals.options", call: (api) => api.deals.options() },
    { procedure: "deals.get", call: (api) => api.deals.get({ dealId: pipe.deals.repOpen }) },
    { procedure: "deals.timeline", call: (api) => api.deals.timeline({ dealId: pipe.deals.repOpen }) },
    {
      procedure: "deals.create",
      call: (api) => api.deals.create({ accountId: pipe.accounts.acme, name: "Access" }),
    },
    {
      procedure: "deals.update",
      call: (api) => api.deals.update({ dealId: pipe.deals.repOpen, version: 1, name: "Access" }),
    },
    {
      procedure: "deals.move",
      call: (api) => api.deals.move({ dealId: pipe.deals.repOpen, version: 1, stage: "proposal" }),
    },
    {
      procedure: "deals.disqualify",
      call: async (api) =>
        api.deals.disqualify({
          dealId: pipe.deals.repOpen,
          version: 1,
          reasonId: await reasonId(world.db, world.org.id, "Outside strategy"),
        }),
    },
  ]);

  describe("record rules (server/authz/record-rules.ts) decide who may edit the rep's deal", () => {
    it.each(ROLES)("%s", async (role) => {
      const { id } = await newDeal(`Rules ${role}`);
      const editable = allows({ userId: world.org[role].id, role }, "deal.edit", { ownerId: world.org.rep.id });
      expect((await as(role).deals.get({ dealId: id })).canEdit).toBe(editable);
      const update = as(role).deals.update({ dealId: id, version: 1, name: `Renamed by ${role}` });
      if (editable) expect((await update).version).toBe(2);
      else await expectTRPCError(update, "FORBIDDEN");
    });
  });

  describe("visibility", () => {
    const visibleIds = async (role: "admin" | "manager" | "rep" | "viewer") =>
      new Set((await as(role).deals.list({ limit: 100 })).items.map((deal) => deal.id));

    it("reps see their own deals, managers their team tree, viewers their teams, admins all", async () => {
      const { repOpen, repWon, outsiderOpen } = pipe.deals;
      expect([...(await visibleIds("admin"))]).toEqual(expect.arrayContaining([repOpen, repWon, outsiderOpen]));
      const rep = await visibleIds("rep");
      expect(rep.has(repOpen) && rep.has(repWon) && !rep.has(outsiderOpen)).toBe(true);
      const manager = await visibleIds("manager");
      expect(manager.has(repOpen) && !manager.has(outsiderOpen)).toBe(true);
      const viewer = await visibleIds("viewer");
      expect(viewer.has(repOpen) && !viewer.has(outsiderOpen)).toBe(true);
      expect((await world.api(pipe.outsider).deals.list({})).items.map((deal) => deal.id)).toEqual([outsiderOpen]);
    });

    it("the board shows each role only deals its list shows: another team's deal only to the admin", async () => {
      const { repOpen, outsiderOpen } = pipe.deals;
      for (const role of ["admin", "manager", "rep", "viewer"] as const) {
        const board = await as(role).deals.board({ perStage: 100 });
        const onBoard = board.columns.flatMap((column) => column.items.map((deal) => deal.id));
        const listed = await visibleIds(role);
        expect(onBoard.filter((id) => !listed.has(id))).toEqual([]);
        expect(onBoard).toContain(repOpen);
        expect(onBoard.includes(outsiderOpen)).toBe(role === "admin");
      }
    });

    it("a deal the caller may not see → NOT_FOUND, one they may see but not edit → FORBIDDEN", async () => {
      await expectTRPCError(as("rep").deals.get({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
      await expectTRPCError(as("manager").deals.get({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
      expect((await as("manager").deals.get({ dealId: pipe.deals.repOpen })).canEdit).toBe(false);
      await expectTRPCError(
        as("manager").deals.update({ dealId: pipe.deals.repOpen, version: 1, name: "Mine now" }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        as("rep").deals.update({ dealId: pipe.deals.outsiderOpen, version: 1, name: "Mine now" }),
        "NOT_FOUND",
      );
      expect((await as("rep").deals.get({ dealId: pipe.deals.repOpen })).canEdit).toBe(true);
      expect((await as("admin").deals.get({ dealId: pipe.deals.outsiderOpen })).canEdit).toBe(true);
    });

    it("others see how many goals the owner keeps from them, never which (title, id, category, importance)", async () => {
      await world.db.insert(s.goals).values({
        orgId: world.org.id,
        id: crypto.randomUUID(),
        userId: world.org.rep.id,
        strategyId: pipe.strategyId,
        category: "promotion",
        title: "Secret promotion plan",
        importance: 3,
        visibility: "private",
      });
      const titles = async (role: "admin" | "manager" | "rep" | "viewer") =>
        (await as(role).deals.get({ dealId: pipe.deals.repOpen })).goals.map((g) => g.title);
      expect(await titles("rep")).toContain("Secret promotion plan");
      for (const role of ["admin", "manager", "viewer"] as const) {
        const deal = await as(role).deals.get({ dealId: pipe.deals.repOpen });
        expect(await titles(role)).not.toContain("Secret promotion plan");
        expect(deal.goals.map((g) => g.category)).not.toContain("promotion");
        expect(deal.hiddenGoals.total).toBeGreaterThanOrEqual(1);
      }
      // "manager" visibility: managers and admins read it, viewers do not.
      expect(await titles("manager")).toContain("Quota");
      expect(await titles("viewer")).not.toContain("Quota");
      const reasons = (await as("viewer").deals.get({ dealId: pipe.deals.repOpen })).alignment.reasons.join(" ");
      expect(reasons).not.toContain("Secret promotion plan");
      // The score counts every goal, whoever looks.
      expect((await as("viewer").deals.get({ dealId: pipe.deals.repOpen })).alignment.score).toBe(
        (await as("rep").deals.get({ dealId: pipe.deals.repOpen })).alignment.score,
      );
    });

    it("another organization's deal → NOT_FOUND, even for its admin id", async () => {
      const [foreign] = await world.db
        .select({ id: s.deals.id })
        .from(s.deals)
        .where(eq(s.deals.orgId, world.org.id))
        .limit(1);
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).deals.get({ dealId: foreign!.id }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).deals.update({ dealId: foreign!.id, version: 1, name: "x" }),
        "NOT_FOUND",
      );
      expect((await world.api(world.other.admin, world.other.id).deals.list({})).items).toEqual([]);
    });

    it("a deal waiting for the background worker is marked for its organization only", async () => {
      const dealId = pipe.deals.repOpen;
      await world.db.insert(s.alignmentStale).values({ orgId: world.org.id, dealId, rematch: false });
      try {
        const rep = as("rep");
        const rows = (await rep.deals.list({ limit: 100 })).items;
        expect(rows.filter((row) => row.recomputing).map((row) => row.id)).toEqual([dealId]);
        expect((await rep.deals.get({ dealId })).alignment.recomputing).toBe(true);
        expect((await rep.deals.totals({})).recomputing).toBe(true);
        expect((await rep.home.get()).recomputing).toBe(true);
        // Another organization's readers: nothing of theirs waits, and they learn nothing of this one's queue.
        const other = world.api(world.other.admin, world.other.id);
        expect((await other.deals.totals({})).recomputing).toBe(false);
        expect((await other.home.get()).recomputing).toBe(false);
      } finally {
        await world.db.delete(s.alignmentStale).where(eq(s.alignmentStale.orgId, world.org.id));
      }
      expect((await as("rep").deals.totals({})).recomputing).toBe(false);
    });
  });
});
