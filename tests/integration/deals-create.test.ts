import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { useDealsWorld } from "./deals-fixtures";

describe("deals router", () => {
  const { world, pipe, as, newDeal } = useDealsWorld();

  describe("create", () => {
    it("creates a deal owned by the rep, in the rep's team, audited", async () => {
      const created = await newDeal("New pilot", {
        amount: "12345.67",
        currency: "EUR",
        product: "Vision QA",
        problemFit: "partly",
        goalIds: [pipe.goals.account],
        objectiveIds: [pipe.objectives.idle],
      });
      expect(created).toEqual({ id: expect.any(String), version: 1, stage: "prospecting" });
      const [row] = await world.db.select().from(s.deals).where(eq(s.deals.id, created.id));
      expect(row).toMatchObject({
        ownerId: world.org.rep.id,
        teamId: world.org.subTeamId,
        amount: "12345.67",
        currency: "EUR",
        problemFit: "partly",
        version: 1,
      });
      const detail = await as("rep").deals.get({ dealId: created.id });
      expect(detail.goals.find((g) => g.id === pipe.goals.account)).toMatchObject({ linked: true, advanced: true });
      expect(detail.objectives.find((o) => o.id === pipe.objectives.idle)).toMatchObject({
        matched: true,
        explicit: true,
      });
      expect(detail.objectives.find((o) => o.id === pipe.objectives.mfg)).toMatchObject({
        matched: true,
        explicit: false,
      });
      expect(await lastAudit(world.db, world.org.id, "deal.created")).toMatchObject({
        actorId: world.org.rep.id,
        entityType: "deal",
        entityId: created.id,
        after: { name: "New pilot", stage: "prospecting" },
      });
    });

    it("an admin may create a deal for a rep; a rep only for themselves", async () => {
      const { id } = await as("admin").deals.create({
        accountId: pipe.accounts.acme,
        name: "Assigned",
        ownerId: world.org.rep.id,
      });
      expect((await as("rep").deals.get({ dealId: id })).owner.id).toBe(world.org.rep.id);
      const error = await expectTRPCError(
        as("rep").deals.create({ accountId: pipe.accounts.acme, name: "For someone", ownerId: world.org.manager.id }),
        "FORBIDDEN",
      );
      expect(error.message).toMatch(/^ownerId: /);
      await expectBadRequest(
        as("admin").deals.create({ accountId: pipe.accounts.acme, name: "Viewer's", ownerId: world.org.viewer.id }),
        "ownerId",
      );
    });

    it.each([
      ["amount", { amount: "-5" }, "Must not be negative"],
      ["amount", { amount: "12.345" }, "Use at most 2 decimals"],
      ["amount", { amount: "lots" }, "Use a decimal amount"],
      ["currency", { currency: "usd" }, "3-letter ISO 4217"],
      ["currency", { currency: "XQZ" }, "Unknown currency code"],
      ["stage", { stage: "won" }, "Invalid option"],
      ["closeDate", { closeDate: "2026-02-30" }, "Use a date"],
      ["name", { name: "" }, "Required"],
      ["problemFit", { problemFit: "maybe" }, "Invalid option"],
      ["accountId", { accountId: "acme" }, "Invalid UUID"],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, patch, reason) => {
      const before = await world.db.$count(s.deals);
      const message = await expectBadRequest(newDeal("Bad", patch as Record<string, unknown>), field);
      expect(message).toContain(reason);
      expect(await world.db.$count(s.deals)).toBe(before);
    });

    it("an account without industry or region matches no focus rule on them (migration 0005)", async () => {
      const [bare] = await world.db
        .insert(s.accounts)
        .values({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          name: "Bare account",
          ownerId: world.org.rep.id,
          teamId: world.org.subTeamId,
        })
        .returning({ id: s.accounts.id });
      const { id } = await newDeal("On a bare account", { accountId: bare!.id });
      const detail = await as("rep").deals.get({ dealId: id });
      expect(detail.objectives.filter((o) => o.matched)).toEqual([]);
      expect(detail.alignment.flags).toContain("OUTSIDE_STRATEGY");
    });

    it("disqualified needs a reason, so it is not a starting stage", async () => {
      await expectBadRequest(newDeal("DQ", { stage: "disqualified" }), "stage");
    });

    it("an account of another organization or one the rep cannot see → NOT_FOUND; goals of someone else → BAD_REQUEST", async () => {
      const [foreign] = await world.db
        .insert(s.accounts)
        .values({ orgId: world.other.id, id: crypto.randomUUID(), name: "Foreign" })
        .returning({ id: s.accounts.id });
      await expectTRPCError(newDeal("X", { accountId: foreign!.id }), "NOT_FOUND");
      await expectTRPCError(newDeal("X", { accountId: pipe.accounts.globex }), "NOT_FOUND");
      const [otherGoal] = await world.db
        .insert(s.goals)
        .values({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          userId: world.org.manager.id,
          strategyId: pipe.strategyId,
          category: "other",
          title: "Manager's",
        })
        .returning({ id: s.goals.id });
      await expectBadRequest(newDeal("X", { goalIds: [otherGoal!.id] }), "goalIds");
      await expectTRPCError(newDeal("X", { objectiveIds: [crypto.randomUUID()] }), "NOT_FOUND");
    });

    it("new links go to objectives of an active strategy; a link the deal already has survives its strategy's archiving", async () => {
      const draftId = crypto.randomUUID();
      const draftObjective = crypto.randomUUID();
      await world.db.insert(s.strategies).values({
        orgId: world.org.id,
        id: draftId,
        name: "Next half (draft)",
        startsOn: "2030-01-01",
        endsOn: "2030-06-30",
        status: "draft",
      });
      await world.db.insert(s.objectives).values({
        orgId: world.org.id,
        id: draftObjective,
        strategyId: draftId,
        title: "Secret plan",
        weight: 100,
        position: 0,
      });
      await expectBadRequest(newDeal("X", { objectiveIds: [draftObjective] }), "objectiveIds");

      const { id } = await newDeal("Linked before archiving", { objectiveIds: [pipe.objectives.mfg] });
      const archivedId = crypto.randomUUID();
      const archivedObjective = crypto.randomUUID();
      await world.db.insert(s.strategies).values({
        orgId: world.org.id,
        id: archivedId,
        name: "Last half",
        startsOn: "2020-01-01",
        endsOn: "2020-06-30",
        status: "archived",
      });
      await world.db.insert(s.objectives).values({
        orgId: world.org.id,
        id: archivedObjective,
        strategyId: archivedId,
        title: "Old aim",
        weight: 100,
        position: 0,
      });
      await world.db
        .insert(s.dealObjectives)
        .values({ orgId: world.org.id, dealId: id, objectiveId: archivedObjective });
      const kept = await as("rep").deals.update({
        dealId: id,
        version: 1,
        name: "Still editable",
        objectiveIds: [pipe.objectives.mfg, archivedObjective],
      });
      expect(kept.version).toBe(2);
      await expectBadRequest(
        as("rep").deals.update({
          dealId: id,
          version: 2,
          objectiveIds: [pipe.objectives.mfg, archivedObjective, draftObjective],
        }),
        "objectiveIds",
      );
    });
  });
});
