/**
 * Property: after every write of a random sequence — deals (one, several, all of an owner's), stakeholders,
 * goals, deal ↔ goal and deal ↔ objective links, objectives, focus rules, strategies (status, dates, new,
 * deleted), accounts and the clock's date — the stored alignment equals its references: the TypeScript
 * scoreDeal(), the live SQL views and GROUP BY over the base tables (stored-scores-reference.ts). Writes run as
 * the application role under row-level security, or on the privileged connection as seeds and imports do.
 * Another organization's stored figures never move. Stored rep scores too: after every write, every stored row
 * that reads as current equals the live figures and the scorer's score (stored-rep-scores-reference.ts), so a
 * write that changed a person's figures made their rows out of date; the team views' reader then fills every
 * member's rows again, and they equal the live figures.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { commandArbitrary, type Command, writeSql } from "./stored-scores-commands";
import { storedAlignmentProblems } from "./stored-scores-reference";
import { storedRepScoreProblems } from "./stored-rep-scores-reference";
import { loadTeamSummary } from "@/server/services/team-summary";
import { loadStrategy } from "@/server/services/strategies";
import { orgVersionSql } from "@/server/services/rep-scores";
import { createPropertyWorld, resetWorld, type PropertyWorld } from "./stored-scores-world";

describe("stored alignment under random writes", () => {
  let handle: TestDatabase;
  let world: PropertyWorld;
  let bystander: PropertyWorld;

  const fingerprint = async (orgId: string) => {
    const [row] = await selectRows<{ hash: string }>(
      handle.db,
      sql`select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as hash from (
            select deal_id::text, score, flags::text from deal_alignment where org_id = ${orgId}
            union all select deal_id::text, null, objective_id::text from deal_objective_match where org_id = ${orgId}
            union all select owner_id::text, deals, amount::text from deal_rollup where org_id = ${orgId}) r`,
    );
    return row!.hash;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await createPropertyWorld(handle.db, "Property");
    bystander = await createPropertyWorld(handle.db, "Bystander");
    await resetWorld(handle.db, bystander);
    // Every member of the world in a team (not as its manager), so that the team views' reader stores their rows.
    const [, second, manager, admin] = world.members;
    await handle.db.execute(sql`insert into team_members (org_id, team_id, user_id, is_manager) values
      (${world.orgId}, ${world.rootTeamId}, ${second}, false), (${world.orgId}, ${world.rootTeamId}, ${admin}, false),
      (${world.orgId}, ${world.subTeamId}, ${manager}, false) on conflict do nothing`);
  }, 120_000);

  /**
   * The team views' reader for every strategy of the world: stores the rows of those out of date. On the privileged
   * connection (no organization set), so that it does not roll the clock the commands moved.
   */
  async function fillRepScores() {
    const strategies = await selectRows<{ id: string }>(
      handle.db,
      sql`select id from strategies where org_id = ${world.orgId} order by id`,
    );
    for (const { id } of strategies) {
      const strategy = await loadStrategy(handle.db, world.orgId, id);
      if (strategy) await loadTeamSummary(handle.db, world.orgId, strategy, { kind: "organization" }, null);
    }
    // Every member's row of every strategy is now stored and current.
    const [current] = await selectRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from rep_alignment_scores s cross join ${orgVersionSql(world.orgId)} ov
        left join rep_alignment_inputs iv on iv.org_id = s.org_id and iv.user_id = s.user_id
        where s.org_id = ${world.orgId} and s.user_version = coalesce(iv.version, 0) and s.org_version = ov.version`,
    );
    expect(current!.n).toBe(strategies.length * world.members.length);
  }
  afterAll(async () => {
    await handle?.close();
  });

  /** The command's writes in one transaction, each resolved against what the previous ones left. */
  async function apply({ asApp, syncLimit, writes }: Command) {
    const run = async (tx: Database) => {
      if (syncLimit !== undefined)
        await tx.execute(sql`select set_config('tandem.alignment_sync_limit', ${String(syncLimit)}, true)`);
      for (const write of writes) {
        for (const statement of await writeSql(tx, world, write)) await tx.execute(statement);
      }
    };
    if (asApp) await withTenant(handle.db, { userId: world.adminId, orgId: world.orgId }, run);
    else await handle.db.transaction(run);
  }

  it("equals the references after every write", async () => {
    const before = await fingerprint(bystander.orgId);
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 10 }), async (commands) => {
        await resetWorld(handle.db, world);
        expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
        for (const [step, command] of commands.entries()) {
          await apply(command);
          const problems = await storedAlignmentProblems(handle.db, world.orgId);
          expect(problems, `after step ${step}: ${JSON.stringify(command)}`).toEqual([]);
          const repProblems = await storedRepScoreProblems(handle.db, world.orgId);
          expect(repProblems, `rep scores after step ${step}: ${JSON.stringify(command)}`).toEqual([]);
          await fillRepScores();
          expect(await storedRepScoreProblems(handle.db, world.orgId), `refilled after step ${step}`).toEqual([]);
        }
        // The background recomputation, run to the end, leaves every deal current.
        while (
          Number(
            (
              await selectRows<{ left: string }>(
                handle.db,
                sql`select tandem_alignment_work(${world.orgId}::uuid) as left`,
              )
            )[0]!.left,
          ) > 0
        );
        expect(await storedAlignmentProblems(handle.db, world.orgId)).toEqual([]);
        expect(
          await selectRows(handle.db, sql`select deal_id from alignment_stale where org_id = ${world.orgId}`),
        ).toEqual([]);
      }),
      { numRuns: Number(process.env.STORED_SCORES_RUNS ?? 30) },
    );
    expect(await fingerprint(bystander.orgId)).toBe(before);
    expect(await storedAlignmentProblems(handle.db, bystander.orgId)).toEqual([]);
  }, 600_000);
});
