/**
 * The live SQL view deal_scores (the oracle) and what one deal's page shows (deals.get: the stored figures of
 * deal_alignment, which the triggers keep current) must agree: on every deal of the demo seed, and again after
 * goals, objectives and stakeholders change underneath. The TypeScript reference scoreDeal() is compared with both
 * in stored-scores-property.test.ts.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { callerFor } from "../helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

describe("deal scores: one deal's page agrees with the live view", () => {
  let handle: TestDatabase;
  let orgId: string;
  let adminId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    orgId = (await seedDemo(handle.db)).orgId;
    const [admin] = await handle.db
      .select({ id: s.users.id })
      .from(s.users)
      .where(eq(s.users.email, "admin@acme.test"));
    adminId = admin!.id;
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  const api = () => callerFor(handle.db, { id: adminId }, orgId);

  async function compareAll(dealIds?: string[]) {
    const view = await handle.db
      .select({
        dealId: s.dealScores.dealId,
        score: s.dealScores.score,
        customer: s.dealScores.customer,
        company: s.dealScores.company,
        rep: s.dealScores.rep,
        flags: s.dealScores.flags,
        strategyId: s.dealScores.strategyId,
      })
      .from(s.dealScores)
      .where(eq(s.dealScores.orgId, orgId));
    const rows = dealIds ? view.filter((row) => dealIds.includes(row.dealId)) : view;
    for (const row of rows) {
      const deal = await api().deals.get({ dealId: row.dealId });
      const label = `${deal.name} (${row.dealId})`;
      expect(deal.alignment.score, label).toBe(row.score);
      // Bit-for-bit: the same IEEE operations in both.
      expect(deal.alignment.components, label).toEqual({ customer: row.customer, company: row.company, rep: row.rep });
      expect(deal.alignment.flags, label).toEqual(row.flags);
      expect(deal.alignment.strategy?.id ?? null, label).toBe(row.strategyId);
    }
    return rows;
  }

  it("on every seeded deal", async () => {
    const rows = await compareAll();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    // The seed exercises every flag and the whole range.
    const flags = new Set(rows.flatMap((row) => row.flags));
    expect([...flags].sort()).toEqual([
      "BLOCKER_UNADDRESSED",
      "DISQUALIFY",
      "NOT_IN_REP_GOALS",
      "NO_CHAMPION",
      "NO_ECONOMIC_BUYER",
      "OUTSIDE_STRATEGY",
      "WINS_UNKNOWN",
    ]);
    expect(Math.min(...rows.map((row) => row.score))).toBe(0);
    expect(Math.max(...rows.map((row) => row.score))).toBeGreaterThan(85);
  }, 120_000);

  it("after goals, objectives, focus rules and stakeholders change (another screen, no recomputation)", async () => {
    const [riley] = await handle.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, "rep@acme.test"));
    const rileyDeals = await handle.db
      .select({ id: s.deals.id })
      .from(s.deals)
      .where(and(eq(s.deals.orgId, orgId), eq(s.deals.ownerId, riley!.id)));
    const ids = rileyDeals.map((deal) => deal.id);
    const before = new Map((await compareAll(ids)).map((row) => [row.dealId, row]));

    // The strategy screen re-weights objectives and drops a focus rule; the goals screen removes a goal.
    await handle.db.execute(
      sql`update objectives set weight = case when weight = 40 then 10 else weight end where org_id = ${orgId}`,
    );
    await handle.db.execute(sql`delete from objective_focus where org_id = ${orgId} and dimension = 'region'`);
    await handle.db.execute(
      sql`delete from goals where org_id = ${orgId} and user_id = ${riley!.id} and category = 'quota'`,
    );
    // And a stakeholder's win gets captured.
    await handle.db.execute(
      sql`update stakeholders set personal_win = 'Board story', how_we_serve_it = 'ROI model' where org_id = ${orgId} and deal_id in (select id from deals where owner_id = ${riley!.id}) and personal_win = ''`,
    );
    const after = await compareAll(ids);
    expect(after.some((row) => row.score !== before.get(row.dealId)?.score)).toBe(true);
  }, 120_000);

  it("the list's scores come from the same view (and are filterable by flag)", async () => {
    const list = await api().deals.list({ filters: { flag: "DISQUALIFY" }, limit: 100 });
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      expect(item.score).toBe(0);
      const deal = await api().deals.get({ dealId: item.id });
      expect(deal.alignment.flags).toEqual(item.flags);
    }
  }, 120_000);

  it("deals.get reads the stored figures, as the list does (no recomputation on read)", async () => {
    const [row] = await handle.db
      .select({ dealId: s.dealAlignment.dealId, score: s.dealAlignment.score })
      .from(s.dealAlignment)
      .where(eq(s.dealAlignment.orgId, orgId))
      .limit(1);
    const marked = (row!.score + 37) % 101;
    const mark = (score: number) =>
      handle.db
        .update(s.dealAlignment)
        .set({ score })
        .where(and(eq(s.dealAlignment.orgId, orgId), eq(s.dealAlignment.dealId, row!.dealId)));
    await mark(marked);
    try {
      expect((await api().deals.get({ dealId: row!.dealId })).alignment.score).toBe(marked);
    } finally {
      await mark(row!.score);
    }
    expect((await api().deals.get({ dealId: row!.dealId })).alignment.score).toBe(row!.score);
  }, 120_000);
});
