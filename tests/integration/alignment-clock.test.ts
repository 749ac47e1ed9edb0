/**
 * rollAlignmentClock (server/services/alignment-clock.ts): a reader rolls the organization's clock back to today
 * before reading stored figures, once per transaction however many readers the call runs; outside a transaction,
 * every call rolls.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { rollAlignmentClock } from "@/server/services/alignment-clock";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { clockIsToday } from "./stored-scores-reference";
import { createPropertyWorld, resetWorld, type PropertyWorld } from "./stored-scores-world";

describe("rollAlignmentClock", () => {
  let handle: TestDatabase;
  let world: PropertyWorld;

  beforeAll(async () => {
    handle = await createTestDatabase();
    // Strategies now and next: the clock's range ends when the next one starts, so a date in it is not today's.
    world = await createPropertyWorld(handle.db, "Clock");
    await resetWorld(handle.db, world);
  });
  afterAll(() => handle.close());

  const moveClockAway = () =>
    handle.db.execute(sql`select tandem_alignment_roll_clock(${world.orgId}::uuid, current_date + 200)`);
  const rollsIn = async (db: Database, times: number) => {
    const execute = vi.spyOn(db, "execute");
    try {
      for (let i = 0; i < times; i++) await rollAlignmentClock(db);
      return execute.mock.calls.length;
    } finally {
      execute.mockRestore();
    }
  };

  it("rolls the clock to today once per transaction", async () => {
    await moveClockAway();
    expect(await clockIsToday(handle.db, world.orgId)).toBe(false);
    const sent = await withTenant(handle.db, { userId: world.adminId, orgId: world.orgId }, (tx) => rollsIn(tx, 3));
    expect(sent).toBe(1);
    expect(await clockIsToday(handle.db, world.orgId)).toBe(true);

    // The next transaction rolls again.
    await moveClockAway();
    const again = await withTenant(handle.db, { userId: world.adminId, orgId: world.orgId }, (tx) => rollsIn(tx, 2));
    expect(again).toBe(1);
    expect(await clockIsToday(handle.db, world.orgId)).toBe(true);
  });

  it("outside a transaction, every call rolls", async () => {
    expect(await rollsIn(handle.db, 2)).toBe(2);
  });
});
