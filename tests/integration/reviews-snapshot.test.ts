/**
 * A shared review shows the figures of the moment it was shared: later edits of deals, goals and the strategy
 * change nothing in it (the snapshot is stored, never recomputed). And assembling a review costs a fixed number
 * of statements, whatever the rep's number of deals.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deals, goals, objectives } from "@/db/schema";
import { useWorld } from "../helpers/world";
import { DEMO_OBJECTIVES, insertAccount, insertDeal, insertGoal, insertStrategy } from "./alignment-fixtures";

describe("review snapshots", () => {
  const world = useWorld();
  let strategyId: string;
  let objectiveIds: string[];
  let goalId: string;
  let dealId: string;

  beforeAll(async () => {
    const { db, org } = world;
    ({ id: strategyId, objectiveIds } = await insertStrategy(db, org.id, { objectives: DEMO_OBJECTIVES }));
    goalId = await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Quota",
      category: "quota",
      target: "100000",
      unit: "USD",
      links: [[objectiveIds[0]!, 2]],
    });
    const account = await insertAccount(db, org.id, { industry: "Manufacturing", segment: "Enterprise" });
    dealId = await insertDeal(db, org.id, { accountId: account, ownerId: org.rep.id, amount: "40000" });
    await insertDeal(db, org.id, { accountId: account, ownerId: org.rep.id, amount: "10000", stage: "closed_won" });
  });

  it("edits of deals, goals and the strategy after sharing leave the shared review unchanged", async () => {
    const manager = world.api(world.org.manager);
    const { id } = await manager.reviews.start({ subjectId: world.org.rep.id, strategyId });
    await manager.reviews.share({ reviewId: id, version: 1 });
    const before = await manager.reviews.get({ reviewId: id });
    expect(before.snapshot?.deals.items.map((d) => d.amount)).toEqual(["40000.00"]);
    expect(before.snapshot?.goals[0]).toMatchObject({ title: "Quota", currentValue: "10000.00", progress: 0.1 });

    const { db, org } = world;
    await db
      .update(deals)
      .set({ amount: "90000", stage: "negotiation" })
      .where(and(eq(deals.orgId, org.id), eq(deals.id, dealId)));
    const retail = await insertAccount(db, org.id, { industry: "Retail" });
    await insertDeal(db, org.id, { accountId: retail, ownerId: org.rep.id, amount: "70000" });
    await db
      .update(goals)
      .set({ title: "Quota, renamed", target: "50000" })
      .where(and(eq(goals.orgId, org.id), eq(goals.id, goalId)));
    await db
      .update(objectives)
      .set({ title: "Renamed objective", weight: 5 })
      .where(and(eq(objectives.orgId, org.id), eq(objectives.id, objectiveIds[0]!)));

    const after = await manager.reviews.get({ reviewId: id });
    expect(after.snapshot).toEqual(before.snapshot);
    expect((await world.api(world.org.rep).reviews.get({ reviewId: id })).snapshot).toEqual(before.snapshot);

    // The edits did change the live figures: a new draft shows them (the comparison above is not vacuous).
    const { id: fresh } = await manager.reviews.start({ subjectId: world.org.rep.id, strategyId });
    const live = (await manager.reviews.get({ reviewId: fresh })).snapshot;
    expect(live?.deals.total).toBe(2);
    expect(live?.goals[0]?.title).toBe("Quota, renamed");
    expect(live?.pipelineMix.objectives[0]?.title).toBe("Renamed objective");
    expect(live?.alignment).not.toEqual(before.snapshot?.alignment);
  });

  it("assembling a review for a rep with 2,000 deals takes the same few statements as for one with 3", async () => {
    const { db, org, handle } = world;
    const manager = world.api(org.manager);
    const { id } = await manager.reviews.start({ subjectId: org.rep.id, strategyId });
    const countGet = async () => {
      handle.resetQueryCount();
      const review = await manager.reviews.get({ reviewId: id });
      return { statements: handle.queryCount(), deals: review.snapshot?.deals.total ?? 0 };
    };
    const small = await countGet();
    const account = await insertAccount(db, org.id, { industry: "Manufacturing" });
    await db.insert(deals).values(
      Array.from({ length: 2000 - small.deals }, (_, i) => ({
        orgId: org.id,
        id: crypto.randomUUID(),
        accountId: account,
        ownerId: org.rep.id,
        name: `Bulk ${i}`,
        amount: String(1000 + i),
        stage: "qualification" as const,
        closeDate: "2026-12-01",
        currency: "USD",
      })),
    );
    const large = await countGet();
    expect(large.deals).toBe(2000);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(9);
    const review = await manager.reviews.get({ reviewId: id });
    expect(review.snapshot?.deals.items).toHaveLength(200);
    // 2,000 deals through the stored-alignment triggers take a while on PGlite.
  }, 300_000);
});
