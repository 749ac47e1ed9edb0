/**
 * The stored alignment's background worker (server/services/alignment-worker.ts): a strategy change too large to
 * recompute at commit queues its deals, and the worker started as the server starts it drains the queue, batch by
 * batch, leaving every stored figure equal to its references.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { selectRows, type Database } from "@/db/client";
import * as s from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { withTenant } from "@/server/db/tenant";
import { drainAlignmentQueue, startAlignmentWorker } from "@/server/services/alignment-worker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { storedAlignmentProblems } from "./stored-scores-reference";

describe("alignment background worker", () => {
  let handle: TestDatabase;
  let orgId: string;
  let adminId: string;

  const queued = async () =>
    (
      await selectRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from alignment_stale where org_id = ${orgId}`,
      )
    )[0]!.n;

  /** Changes the heaviest objective's weight with a sync limit of 10 deals: every deal of the strategy is queued. */
  const queueStrategyChange = async () => {
    await withTenant(handle.db, { userId: adminId, orgId }, async (tx: Database) => {
      await tx.execute(sql`select set_config('tandem.alignment_sync_limit', '10', true)`);
      await tx.execute(
        sql`update objectives set weight = weight + 1 where org_id = ${orgId} and id = (
              select o.id from objectives o join strategies st on st.org_id = o.org_id and st.id = o.strategy_id
              where o.org_id = ${orgId} and st.status = 'active' order by o.weight desc, o.id limit 1)`,
      );
    });
    return queued();
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

  it("drains a strategy change's queue in the background, every figure current afterwards", async () => {
    const waiting = await queueStrategyChange();
    expect(waiting).toBeGreaterThan(50);
    const errors: unknown[] = [];
    const worker = startAlignmentWorker(async () => handle.db, {
      batch: 25,
      intervalMs: 10,
      onError: (error) => errors.push(error),
    });
    try {
      await vi.waitFor(async () => expect(await queued()).toBe(0), { timeout: 60_000, interval: 50 });
    } finally {
      await worker.stop();
    }
    expect(errors).toEqual([]);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
  }, 120_000);

  it("works in batches of the given size and stops when asked", async () => {
    const waiting = await queueStrategyChange();
    expect(waiting).toBeGreaterThan(50);
    let calls = 0;
    // Stops after two batches: exactly 2 × 20 deals recomputed, the rest still queued and never shown as current.
    const batches = await drainAlignmentQueue(handle.db, 20, () => ++calls > 2);
    expect(batches).toBe(2);
    expect(await queued()).toBe(waiting - 40);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
    expect(await drainAlignmentQueue(handle.db, 20)).toBe(Math.ceil((waiting - 40) / 20));
    expect(await queued()).toBe(0);
    expect(await drainAlignmentQueue(handle.db, 20)).toBe(0);
  }, 120_000);
});
