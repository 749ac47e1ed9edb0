import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { goals } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess } from "../helpers/world";
import { insertAccount, insertDeal, insertGoal, insertMember, insertStrategy } from "./alignment-fixtures";
import { useGoalsWorld } from "./goals-fixtures";

describe("goals router", () => {
  const { world, rep, strategyId, objectiveIds, repGoalId, newGoal } = useGoalsWorld();

  describeOrgAccess(world, [
    { procedure: "goals.mine", call: (api) => api.goals.mine({ strategyId }) },
    { procedure: "goals.shared", call: (api) => api.goals.shared({ strategyId }) },
    { procedure: "goals.create", call: (api) => api.goals.create(newGoal()) },
    {
      procedure: "goals.update",
      call: (api) =>
        api.goals.update({ goalId: repGoalId, version: 1, category: "other", title: "Access", visibility: "manager" }),
    },
    { procedure: "goals.delete", call: (api) => api.goals.delete({ goalId: repGoalId }) },
  ]);

  describe("quota progress", () => {
    it("sums the owner's closed-won deals with a close date in the period, in the goal's currency", async () => {
      const seller = await insertMember(world.db, world.org.id, "Quota Seller", "rep", { teamId: world.org.subTeamId });
      const accountId = await insertAccount(world.db, world.org.id);
      const deal = (
        amount: string,
        extra: Parameters<typeof insertDeal>[2] extends infer T ? Partial<T> : never = {},
      ) =>
        insertDeal(world.db, world.org.id, {
          accountId,
          ownerId: seller.id,
          amount,
          stage: "closed_won",
          closeDate: "2026-08-01",
          ...extra,
        });
      await deal("1000.25");
      await deal("2000.50", { closeDate: "2026-12-31" });
      await deal("999.00", { closeDate: "2026-06-30" }); // before the period
      await deal("500.00", { stage: "negotiation" }); // open
      await deal("700.00", { currency: "EUR" }); // another currency
      await insertDeal(world.db, world.org.id, {
        accountId,
        ownerId: world.org.rep.id,
        amount: "50000.00",
        stage: "closed_won",
        closeDate: "2026-09-01",
      }); // someone else's
      const api = world.api(seller);
      const quota = await api.goals.create({
        strategyId,
        category: "quota",
        title: "Close $10K",
        target: "10000",
        unit: "usd",
        currentValue: "123",
      });
      expect(quota).toMatchObject({ unit: "USD", currentValue: "3000.75", progressAutomatic: true });
      const euro = await api.goals.create({
        strategyId,
        category: "quota",
        title: "Close €1K",
        target: "1000",
        unit: "EUR",
      });
      expect(euro.currentValue).toBe("700.00");
      // Not stored: the column keeps what was entered; progress is computed at read time.
      const [row] = await world.db
        .select({ currentValue: goals.currentValue })
        .from(goals)
        .where(eq(goals.id, quota.id));
      expect(row?.currentValue).toBe("123.00");
      await deal("0.25", { closeDate: "2026-10-10" });
      expect((await api.goals.mine({ strategyId })).goals.find((g) => g.id === quota.id)?.currentValue).toBe("3001.00");
    });
  });

  describe("mine and shared", () => {
    it("mine shows only the caller's own goals; a viewer has none", async () => {
      const mine = await rep().goals.mine({ strategyId });
      expect(mine.goals.every((g) => g.userId === world.org.rep.id)).toBe(true);
      expect(mine.goals.length).toBeGreaterThan(0);
      const viewer = await world.api(world.org.viewer).goals.mine({ strategyId });
      expect(viewer.goals).toEqual([]);
      expect(viewer.alignment.score).toBe(0);
      expect(viewer.alignment.suggestions[0]?.kind).toBe("no_pipeline");
    });

    it("shared shows teammates' team-visible goals only — never manager-only or private ones, nor people outside the caller's teams", async () => {
      const mate = await insertMember(world.db, world.org.id, "Team Mate", "rep", { teamId: world.org.subTeamId });
      const outsider = await insertMember(world.db, world.org.id, "Far Away", "rep");
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "Shared with the team",
        visibility: "team",
      });
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "For my manager",
        visibility: "manager",
      });
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "Just mine",
        visibility: "private",
      });
      await insertGoal(world.db, world.org.id, {
        userId: outsider.id,
        strategyId,
        title: "Outside",
        visibility: "team",
      });
      const shared = await rep().goals.shared({ strategyId });
      const titles = shared.flatMap((person) => person.goals.map((g) => g.title));
      expect(titles).toContain("Shared with the team");
      expect(titles).not.toContain("For my manager");
      expect(titles).not.toContain("Just mine");
      expect(titles).not.toContain("Outside");
      expect(shared.find((person) => person.userId === mate.id)).toMatchObject({
        name: "Team Mate",
        teamNames: ["Initech East"],
      });
      expect(shared.map((person) => person.userId)).not.toContain(world.org.rep.id);
      // The outsider shares a team with nobody.
      expect(await world.api(outsider).goals.shared({ strategyId })).toEqual([]);
    });

    it("another organization's strategy → NOT_FOUND", async () => {
      const theirs = await insertStrategy(world.db, world.other.id, {
        startsOn: "2021-01-01",
        endsOn: "2021-06-30",
        objectives: [{ title: "X", weight: 100 }],
      });
      await expectTRPCError(rep().goals.mine({ strategyId: theirs.id }), "NOT_FOUND");
      await expectTRPCError(rep().goals.shared({ strategyId: theirs.id }), "NOT_FOUND");
      await expectTRPCError(rep().goals.create(newGoal({ strategyId: theirs.id })), "NOT_FOUND");
    });

    it("issues the same number of SQL statements whatever the number of goals and deals", async () => {
      const seller = await insertMember(world.db, world.org.id, "Busy Seller", "rep", { teamId: world.org.subTeamId });
      const api = world.api(seller);
      const accountId = await insertAccount(world.db, world.org.id, { industry: "Healthcare" });
      const count = async () => {
        world.handle.resetQueryCount();
        await api.goals.mine({ strategyId });
        return world.handle.queryCount();
      };
      await insertGoal(world.db, world.org.id, { userId: seller.id, strategyId, links: [[objectiveIds[0]!, 2]] });
      await insertDeal(world.db, world.org.id, { accountId, ownerId: seller.id, amount: "10.00" });
      const few = await count();
      for (let i = 0; i < 10; i++) {
        await insertGoal(world.db, world.org.id, {
          userId: seller.id,
          strategyId,
          category: i % 2 ? "quota" : "skill",
          unit: "USD",
          links: [[objectiveIds[i % 4]!, 1 + (i % 3)]],
        });
        await insertDeal(world.db, world.org.id, {
          accountId,
          ownerId: seller.id,
          amount: `${100 + i}.00`,
          stage: i % 3 ? "proposal" : "closed_won",
        });
      }
      expect(await count()).toBe(few);
    });
  });
});
