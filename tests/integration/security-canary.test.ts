/**
 * Promise 11, private goals: a private goal may only move numbers and counts. A canary — a private goal of a rep,
 * with a title, unit, category and importance nobody else's goal has, linked to every deal of its owner — is
 * planted in the demo organization; then every procedure of the router (enumerated at run time) is called as every
 * other role, with inputs generated from its zod schema that name the canary's own ids first (the goal, its owner,
 * their deals, team and strategy). No answer, data or error, may contain the canary's id, title, unit, category or
 * importance. The owner's own answers do contain them (the test is not vacuous).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, newTally, writeTally } from "../helpers/security-summary";
import { selectRows, type Database } from "@/db/client";
import { goals } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  answerOf,
  callInSavepoint,
  describeOutcome,
  expectNoProblems,
  listProcedures,
  rolledBack,
  sampleProcedureInput,
} from "../helpers/security";
import { idChooser, readOrgData, type OrgData } from "../helpers/security-data";

const procedures = listProcedures();
const CANARY = {
  title: `Canary goal ${crypto.randomUUID().slice(0, 8)} (secret promotion)`,
  unit: "canary-unit",
  category: "promotion" as const,
  importance: 3,
};

/** The canary's traces in an answer. Every other goal of the organization has category quota, importance 1. */
function tracesIn(answer: unknown, goalId: string): string[] {
  const text = JSON.stringify(answer ?? null);
  const traces: string[] = [];
  if (text.includes(goalId)) traces.push("its id");
  if (text.includes(CANARY.title)) traces.push("its title");
  if (text.includes(CANARY.unit)) traces.push("its unit");
  if (text.includes(`"category":"${CANARY.category}"`)) traces.push("its category");
  if (text.includes(`"importance":${CANARY.importance}`)) traces.push("its importance");
  return traces;
}

describe("a private goal leaves no trace outside its owner's answers (canary)", () => {
  let handle: TestDatabase;
  let db: Database;
  let orgId: string;
  let owner: string;
  let goalId: string;
  let others: { role: string; userId: string }[];
  let data: OrgData;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    orgId = (await seedDemo(db)).orgId;
    // The owner: the rep with the most deals; the others: one member of every role, and another rep.
    const reps = await selectRows<{ user_id: string; role: string; deals: number }>(
      db,
      sql`select m.user_id::text, m.role::text, (select count(*)::int from deals d where d.org_id = m.org_id and d.owner_id = m.user_id) deals
          from memberships m where m.org_id = ${orgId} and m.status = 'active' order by deals desc, m.user_id`,
    );
    owner = reps.find((r) => r.role === "rep")!.user_id;
    others = ["admin", "manager", "viewer", "rep"].map((role) => ({
      role: role === "rep" ? "another rep" : role,
      userId: reps.find((r) => r.role === role && r.user_id !== owner)!.user_id,
    }));

    // Nobody else's goal shares the canary's category or importance, so finding them is finding the canary.
    await db.update(goals).set({ category: "quota", importance: 1 }).where(eq(goals.orgId, orgId));
    const [strategy] = await selectRows<{ strategy_id: string }>(
      db,
      sql`select strategy_id::text from goals where org_id = ${orgId} and user_id = ${owner}
          group by strategy_id order by count(*) desc limit 1`,
    );
    goalId = crypto.randomUUID();
    await db.insert(goals).values({
      orgId,
      id: goalId,
      userId: owner,
      strategyId: strategy!.strategy_id,
      visibility: "private",
      ...CANARY,
    });
    // The deals closing within the canary's strategy first (deals.get picks the strategy by close date).
    const ownDeals = await selectRows<{ id: string }>(
      db,
      sql`select d.id::text from deals d, strategies s
          where d.org_id = ${orgId} and d.owner_id = ${owner} and s.org_id = d.org_id and s.id = ${strategy!.strategy_id}
          order by (d.close_date between s.starts_on and s.ends_on) desc nulls last, d.id`,
    );
    expect(ownDeals.length).toBeGreaterThan(0);
    await db.execute(
      sql`insert into deal_goals (org_id, deal_id, goal_id) select org_id, id, ${goalId}::uuid from deals
          where org_id = ${orgId} and owner_id = ${owner}`,
    );

    // Inputs name the canary's surroundings first: its goal, its owner, their deals, teams and strategy.
    data = await readOrgData(db, orgId);
    const first = (table: string, ids: string[]) =>
      data.ids.set(table, [...ids, ...(data.ids.get(table) ?? []).filter((id) => !ids.includes(id))]);
    first("goals", [goalId]);
    first("users", [owner]);
    // A deal whose strategy (by close date) is the canary's, so that deals.get shows the canary to its owner.
    let shown: string | undefined;
    for (const { id } of ownDeals) {
      const get = await call(owner, "deals.get", { dealId: id });
      if (get.ok && JSON.stringify(get.data).includes(goalId)) {
        shown = id;
        break;
      }
    }
    first("deals", shown ? [shown] : []);
    first("strategies", [strategy!.strategy_id]);
    const teams = await selectRows<{ team_id: string }>(
      db,
      sql`select team_id::text from team_members where org_id = ${orgId} and user_id = ${owner}`,
    );
    first(
      "teams",
      teams.map((t) => t.team_id),
    );
    // Make sure another goal still exists (the "quota, 1" rewrite must not have emptied the organization).
    const [rest] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int n from goals where org_id = ${orgId} and id <> ${goalId}`,
    );
    expect(rest!.n).toBeGreaterThan(0);
  }, 240_000);

  const tally = newTally("security-canary");
  afterAll(async () => {
    writeTally(tally);
    await handle?.close();
  });

  async function call(userId: string, path: string, input: unknown) {
    return rolledBack(db, (tx) => callInSavepoint(tx, { user: { id: userId }, orgHeader: orgId }, path, input));
  }

  it("the owner sees the canary (deals.get, goals and the team view), so the search below can find it", async () => {
    const deal = data.ids.get("deals")![0]!;
    const get = await call(owner, "deals.get", { dealId: deal });
    expect(get.ok && tracesIn(answerOf(get), goalId)).toEqual(
      expect.arrayContaining(["its id", "its title", "its category", "its importance"]),
    );
  });

  it("an admin's edit of the deal's goal links keeps the link to the goal they cannot see", async () => {
    const admin = others.find((o) => o.role === "admin")!.userId;
    const dealId = data.ids.get("deals")![0]!;
    const linked = await rolledBack(db, async (tx) => {
      const get = await callInSavepoint(tx, { user: { id: admin }, orgHeader: orgId }, "deals.get", { dealId });
      if (!get.ok) throw get.error;
      const deal = get.data as {
        version: number;
        goals: { id: string; linked: boolean }[];
        hiddenGoals: { total: number; advanced: number };
      };
      expect(deal.hiddenGoals.total).toBeGreaterThanOrEqual(1); // the canary (the demo's reps have private goals too)
      const goalIds = deal.goals.filter((g) => g.linked).map((g) => g.id);
      const update = await callInSavepoint(tx, { user: { id: admin }, orgHeader: orgId }, "deals.update", {
        dealId,
        version: deal.version,
        goalIds,
      });
      if (!update.ok) throw update.error;
      return selectRows<{ goal_id: string }>(
        tx,
        sql`select goal_id::text from deal_goals where org_id = ${orgId} and deal_id = ${dealId}`,
      );
    });
    expect(linked.map((row) => row.goal_id)).toContain(goalId);
  });

  it.each(["admin", "manager", "viewer", "another rep"])(
    "no procedure answers %s with any trace of it",
    async (role) => {
      const userId = others.find((o) => o.role === role)!.userId;
      const chooser = idChooser(data);
      const problems: string[] = [];
      let called = 0;
      for (const procedure of procedures) {
        if (procedure.type === "subscription") continue;
        const input = sampleProcedureInput(procedure, chooser);
        const outcome = await call(userId, procedure.path, input);
        count(tally, { procedure: procedure.path, caller: role, outcome });
        called++;
        // A 5xx is counted in the summary (the fuzz and matrix tests fail on it); this test looks for traces.
        const traces = tracesIn(answerOf(outcome), goalId);
        if (traces.length > 0)
          problems.push(`${procedure.path} (${describeOutcome(outcome)}) shows ${traces.join(", ")}`);
      }
      tally.notes.push(
        problems.length === 0
          ? `canary: ${called} procedures as ${role}, no trace of the private goal`
          : `canary: FOUND as ${role}: ${problems.join("; ")}`,
      );
      expect(called).toBeGreaterThan(30);
      expectNoProblems(problems, `the canary as seen by ${role}`);
    },
  );
});
