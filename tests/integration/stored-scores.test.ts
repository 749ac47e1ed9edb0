/**
 * Stored alignment (docs/performance.md) on the demo organization, through the application's own procedures:
 * it equals its references after the seed, after a strategy save (weights and focus rules), after a strategy
 * for the next period is activated, across clock dates, and while a large change is recomputed in the background;
 * and the database is set up for it (JIT off).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db/client";
import * as s from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { withTenant } from "@/server/db/tenant";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { callerFor } from "../helpers/fixtures";
import { clockIsToday, storedAlignmentProblems } from "./stored-scores-reference";

describe("stored alignment on the demo organization", () => {
  let handle: TestDatabase;
  let orgId: string;
  let adminId: string;

  const admin = () => callerFor(handle.db, { id: adminId }, orgId);
  const stored = async () =>
    new Map(
      (
        await handle.db
          .select({
            dealId: s.dealAlignment.dealId,
            score: s.dealAlignment.score,
            strategyId: s.dealAlignment.strategyId,
          })
          .from(s.dealAlignment)
          .where(eq(s.dealAlignment.orgId, orgId))
      ).map((row) => [row.dealId, row]),
    );
  /**
   * What the readers say while deals wait for the background worker: the home, the pipeline's totals and the team
   * view (whether figures are being recomputed), and the deals every page of the pipeline and the board mark.
   */
  const readersSayRecomputing = async (strategyId: string) => {
    const api = admin();
    const [home, totals, team, board] = await Promise.all([
      api.home.get(),
      api.deals.totals({}),
      api.alignment.teamHeatmap({ strategyId }),
      api.deals.board({ perStage: 100 }),
    ]);
    const marked = new Set<string>();
    const listed: string[] = [];
    for (let cursor: { key: string; id: string } | null = null, first = true; first || cursor; first = false) {
      const page = await api.deals.list({ limit: 100, cursor });
      for (const row of page.items) {
        listed.push(row.id);
        if (row.recomputing) marked.add(row.id);
      }
      cursor = page.nextCursor;
    }
    // A deal's page says it too: one marked deal and one not.
    const samples = [listed.find((id) => marked.has(id)), listed.find((id) => !marked.has(id))];
    for (const dealId of samples.filter((id) => id !== undefined)) {
      expect((await api.deals.get({ dealId })).alignment.recomputing, dealId).toBe(marked.has(dealId));
    }
    // The board shows the same marks as the list on the cards it holds.
    for (const card of board.columns.flatMap((column) => column.items)) {
      expect(card.recomputing, card.name).toBe(marked.has(card.id));
    }
    return { views: [home.recomputing, totals.recomputing, team.recomputing], markedDeals: [...marked].sort() };
  };
  const activeStrategy = async () => {
    const { items } = await admin().strategy.list();
    return admin().strategy.get({ strategyId: items.find((strategy) => strategy.status === "active")!.id });
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    orgId = (await seedDemo(handle.db)).orgId;
    const [row] = await handle.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, "admin@acme.test"));
    adminId = row!.id;
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("equals the references after the seed (every deal, match, rollup and search term)", async () => {
    expect(await clockIsToday(handle.db, orgId)).toBe(true);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    const [counts] = await selectRows<{ deals: number; stored: number; matches: number; rollups: number }>(
      handle.db,
      sql`select (select count(*)::int from deals where org_id = ${orgId}) as deals,
            (select count(*)::int from deal_alignment where org_id = ${orgId}) as stored,
            (select count(*)::int from deal_objective_match where org_id = ${orgId}) as matches,
            (select count(*)::int from deal_objective_rollup where org_id = ${orgId}) as rollups`,
    );
    expect(counts!.stored).toBe(counts!.deals);
    expect(counts!.matches).toBeGreaterThan(100);
    expect(counts!.rollups).toBeGreaterThan(10);
  }, 60_000);

  it("a strategy save (weights and a focus rule) updates every affected score when it commits", async () => {
    const strategy = await activeStrategy();
    const before = await stored();
    const [heaviest, second] = [...strategy.objectives].sort((a, b) => b.weight - a.weight);
    const weights = new Map([
      [heaviest!.id, second!.weight],
      [second!.id, heaviest!.weight],
    ]);
    await admin().strategy.update({
      strategyId: strategy.id,
      version: strategy.version,
      name: strategy.name,
      startsOn: strategy.startsOn,
      endsOn: strategy.endsOn,
      objectives: strategy.objectives.map((o, index) => ({
        id: o.id,
        title: o.title,
        description: o.description,
        weight: weights.get(o.id) ?? o.weight,
        ownerId: o.ownerId,
        // The first objective loses its first focus rule.
        focus: index === 0 ? o.focus.slice(1) : o.focus,
      })),
    });
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    const after = await stored();
    const measured = [...after.values()].filter((row) => row.strategyId === strategy.id);
    const changed = measured.filter((row) => row.score !== before.get(row.dealId)?.score);
    expect(changed.length).toBeGreaterThan(10);
  }, 60_000);

  it("activating next period's strategy re-measures the deals closing in it, and the clock moves into it", async () => {
    const current = await activeStrategy();
    const next = await admin().strategy.duplicate({
      strategyId: current.id,
      name: "Next half",
      startsOn: addDays(current.endsOn, 1),
      endsOn: addDays(current.endsOn, 181),
    });
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    await admin().strategy.activate({ strategyId: next.id, version: next.version });
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    const closingInNext = await handle.db
      .select({ id: s.deals.id })
      .from(s.deals)
      .where(sql`${s.deals.orgId} = ${orgId} and ${s.deals.closeDate} between ${next.startsOn} and ${next.endsOn}`);
    expect(closingInNext.length).toBeGreaterThan(0);
    const measured = await stored();
    for (const deal of closingInNext) expect(measured.get(deal.id)?.strategyId).toBe(next.id);

    // On a date inside the next period, deals without a close date in an active strategy fall back to it.
    const undated = [...measured.values()].filter((row) => row.strategyId === current.id).length;
    await handle.db.execute(
      sql`select tandem_alignment_roll_clock(${orgId}::uuid, ${addDays(next.startsOn, 10)}::date)`,
    );
    expect(await clockIsToday(handle.db, orgId)).toBe(false);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    const moved = [...(await stored()).values()].filter((row) => row.strategyId === next.id).length;
    expect(moved).toBeGreaterThan(closingInNext.length);
    expect(undated).toBeGreaterThan(0);

    // A reader (the application role) rolls the clock back to today before reading.
    const [clock] = await withTenant(handle.db, { userId: adminId, orgId }, (tx) =>
      selectRows<{ as_of: string }>(tx, sql`select (tandem_alignment_roll_clock()).as_of::text as as_of`),
    );
    const [today] = await selectRows<{ today: string }>(handle.db, sql`select current_date::text as today`);
    expect(clock!.as_of).toBe(today!.today);
    expect(await clockIsToday(handle.db, orgId)).toBe(true);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
  }, 120_000);

  it("a strategy change too big to recompute at commit queues its deals; background work drains them", async () => {
    const strategy = await activeStrategy();
    const [heaviest] = [...strategy.objectives].sort((a, b) => b.weight - a.weight);
    const asAdmin = <T>(fn: (tx: Database) => Promise<T>) => withTenant(handle.db, { userId: adminId, orgId }, fn);
    await asAdmin(async (tx) => {
      await tx.execute(sql`select set_config('tandem.alignment_sync_limit', '10', true)`);
      await tx.execute(sql`update objectives set weight = weight + 1 where org_id = ${orgId} and id = ${heaviest!.id}`);
    });
    const queued = async () =>
      Number(
        (
          await selectRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from alignment_stale where org_id = ${orgId}`,
          )
        )[0]!.n,
      );
    const waiting = await queued();
    expect(waiting).toBeGreaterThan(10);
    // Every deal not queued is current; the queued ones are the ones readers show as being recomputed.
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    expect(await readersSayRecomputing(strategy.id)).toEqual({
      views: [true, true, true],
      markedDeals: (
        await selectRows<{ id: string }>(
          handle.db,
          sql`select deal_id as id from alignment_stale where org_id = ${orgId} order by deal_id`,
        )
      ).map((row) => row.id),
    });
    const left: number[] = [];
    for (let remaining = waiting; remaining > 0;) {
      remaining = Number(
        (
          await asAdmin((tx) =>
            selectRows<{ left: string }>(tx, sql`select tandem_alignment_work(p_limit => 50) as left`),
          )
        )[0]!.left,
      );
      left.push(remaining);
      expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    }
    expect(left.length).toBe(Math.ceil(waiting / 50));
    expect(await queued()).toBe(0);
    expect(await readersSayRecomputing(strategy.id)).toEqual({ views: [false, false, false], markedDeals: [] });
  }, 120_000);

  it("turns JIT compilation off for the database and the application role", async () => {
    const rows = await selectRows<{ settings: string[] }>(
      handle.db,
      sql`select setconfig as settings from pg_db_role_setting
          where setdatabase = (select oid from pg_database where datname = current_database())
             or setrole = (select oid from pg_roles where rolname = 'tandem_app')`,
    );
    const settings = rows.flatMap((row) => row.settings);
    expect(settings.filter((setting) => setting === "jit=off").length).toBeGreaterThanOrEqual(2);
  });
});

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
