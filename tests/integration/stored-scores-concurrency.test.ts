/**
 * Concurrent writes to inputs shared by many deals (an account, an owner's goals, a deal's stakeholders, a
 * strategy's weights) never leave a stored figure computed from the other transaction's uncommitted state
 * (docs/performance.md "Concurrency"). On Postgres the two transactions really overlap: the test waits until
 * one is blocked on the other's lock before letting the first commit. PGlite has a single connection, so there
 * the same writes run one after the other; the outcome must be the same.
 */
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createPropertyWorld, resetWorld, type PropertyWorld } from "./stored-scores-world";
import { storedAlignmentProblems } from "./stored-scores-reference";

describe("stored alignment under concurrent writes", () => {
  let handle: TestDatabase;
  let world: PropertyWorld;

  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await createPropertyWorld(handle.db, "Concurrent");
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  const asApp = <T>(fn: (tx: Database) => Promise<T>) =>
    withTenant(handle.db, { userId: world.adminId, orgId: world.orgId }, fn);

  /** Whether the backend `pid` is waiting for a lock. */
  async function isBlocked(pid: number) {
    const [row] = await selectRows<{ blocked: boolean }>(
      handle.db,
      sql`select exists (select 1 from pg_stat_activity where pid = ${pid} and wait_event_type = 'Lock') as blocked`,
    );
    return row!.blocked;
  }
  async function untilBlocked(pid: number) {
    for (let attempt = 0; attempt < 10_000; attempt++) if (await isBlocked(pid)) return;
    throw new Error(`backend ${pid} never waited for a lock`);
  }

  /**
   * `first` writes and holds its transaction open; `second` runs meanwhile. When `waiter` is "second", the second
   * transaction must block on the first's locks until the first commits; when it is "first", the first blocks
   * at its commit (deferred work) until the second commits.
   */
  async function overlap(first: SQL[], second: SQL[], waiter: "first" | "second") {
    if (handle.kind === "pglite") {
      for (const writes of [first, second]) await asApp(async (tx) => void (await runAll(tx, writes)));
      return;
    }
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstPid!: number;
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const firstDone = asApp(async (tx) => {
      firstPid = await pidOf(tx);
      await runAll(tx, first);
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    if (waiter === "second") {
      let secondPid!: number;
      let secondStarted!: () => void;
      const started = new Promise<void>((resolve) => (secondStarted = resolve));
      const secondDone = asApp(async (tx) => {
        secondPid = await pidOf(tx);
        secondStarted();
        await runAll(tx, second);
      });
      await started;
      await untilBlocked(secondPid);
      releaseFirst();
      await Promise.all([firstDone, secondDone]);
    } else {
      let releaseSecond!: () => void;
      const secondMayCommit = new Promise<void>((resolve) => (releaseSecond = resolve));
      let secondWrote!: () => void;
      const secondHasWritten = new Promise<void>((resolve) => (secondWrote = resolve));
      const secondDone = asApp(async (tx) => {
        await runAll(tx, second);
        secondWrote();
        await secondMayCommit;
      });
      await secondHasWritten;
      releaseFirst();
      await untilBlocked(firstPid);
      releaseSecond();
      await Promise.all([firstDone, secondDone]);
    }
  }
  const pidOf = async (tx: Database) =>
    (await selectRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
  const runAll = async (tx: Database, writes: SQL[]) => {
    for (const write of writes) await tx.execute(write);
  };

  const newDeal = (account: SQL, owner: string) =>
    sql`insert into deals (org_id, id, account_id, name, amount, stage, close_date, owner_id, product, problem_fit)
        values (${world.orgId}, gen_random_uuid(), (${account}), 'Concurrent deal', 5000, 'proposal', current_date,
          ${owner}, 'vision', 'yes')`;
  const granite = () => sql`select id from accounts where org_id = ${world.orgId} and name like 'Granite%'`;

  it("an account's industry change and a new deal on the account", async () => {
    await resetWorld(handle.db, world);
    await overlap(
      [sql`update accounts set industry = 'Healthcare' where org_id = ${world.orgId} and id = (${granite()})`],
      [newDeal(granite(), world.members[0]!)],
      "second",
    );
    expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a goal added for an owner and a new deal of that owner", async () => {
    await resetWorld(handle.db, world);
    await overlap(
      [
        sql`insert into goals (org_id, id, user_id, strategy_id, category, title, importance)
            select ${world.orgId}, gen_random_uuid(), ${world.members[0]}, id, 'commission', 'Accelerator', 3
            from strategies where org_id = ${world.orgId} and name = 'Now'`,
      ],
      [newDeal(granite(), world.members[0]!)],
      "second",
    );
    expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("two stakeholders added to the same deal", async () => {
    await resetWorld(handle.db, world);
    const stakeholder = (role: string, win: string, contact: string) =>
      sql`insert into stakeholders (org_id, id, deal_id, contact_id, buying_role, influence, personal_win)
          select ${world.orgId}, gen_random_uuid(), d.id, c.id, ${role}::buying_role, 4, ${win}
          from deals d, contacts c
          where d.org_id = ${world.orgId} and d.name like 'Granite% deal 1'
            and c.org_id = d.org_id and c.name = ${contact}`;
    await overlap(
      [stakeholder("champion", "Promotion", "Mercy Health contact 1")],
      [stakeholder("blocker", "", "Nordic Fleet contact 2")],
      "second",
    );
    expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a strategy's weights changed while a new deal is written (the strategy waits at its commit)", async () => {
    await resetWorld(handle.db, world);
    await overlap(
      [
        sql`update objectives set weight = 100 - weight
            where org_id = ${world.orgId}
              and strategy_id = (select id from strategies where org_id = ${world.orgId} and name = 'Now')`,
      ],
      [newDeal(granite(), world.members[1]!)],
      "first",
    );
    expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
  });
});
