/**
 * Where a team view's time goes on a bench database (docs/performance.md "Team home from stored scores"): times the
 * region manager's or the admin's home.get, heat-map page (50 reps in full) or board through the server caller (2 warm-up
 * calls, 8 timed), then runs EXPLAIN (ANALYZE, BUFFERS) of each statement of one more call as tandem_app with the
 * tenant settings (after a first pass on the same connection, unreported), printing planning and execution times
 * (and the plans with a 4th argument). For a CPU profile: `node --cpu-prof --import tsx tests/load/bench-profile.ts …`.
 *
 *   npx tsx tests/load/bench-profile.ts scale_bench_1m admin home [plan]
 *   npx tsx tests/load/bench-profile.ts scale_bench_1m manager heatmap plan
 *   npx tsx tests/load/bench-profile.ts scale_bench_1m manager board plan
 */
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

const [database, role, what, explain] = process.argv.slice(2);
const url = `postgres://postgres@127.0.0.1:5432/${database}`;
let captured: { q: string; p: unknown[] }[] | null = null;
const handle = openDatabase({
  url,
  max: 2,
  logger: { logQuery: (q, p) => captured?.push({ q, p }) },
});
const client = postgres(url, { max: 1, onnotice: () => {} });
const [ids] = await client`select o.id as "orgId", s.id as "strategyId",
  (select t.id from teams t where t.org_id = o.id and t.parent_team_id is null limit 1) as "rootTeamId"
  from organizations o join strategies s on s.org_id = o.id and s.status = 'active' where o.slug = 'bench'`;
const [region] = await client`select t.id as "teamId", tm.user_id as "managerId" from teams t
    join team_members tm on tm.org_id = t.org_id and tm.team_id = t.id and tm.is_manager
    where t.org_id = ${ids!.orgId} order by (t.parent_team_id is null), t.parent_team_id = ${ids!.rootTeamId} desc, t.name limit 1`;
const adminId = (await client`select id from users where email = 'admin@bench.test'`)[0]!.id;
const userId = role === "admin" ? adminId : region!.managerId;
// The admin opens the whole organization (no team), as the bench measures it.
const teamId = role === "admin" ? undefined : region!.teamId;
const caller = createCaller(
  createContext({
    db: handle.db,
    session: { userId, sessionVersion: 1, sessionId: crypto.randomUUID() },
    headers: new Headers({ [ORG_HEADER]: ids!.orgId }),
  }),
);
const calls = {
  home: () => caller.home.get(teamId ? { teamId } : undefined),
  heatmap: () => caller.alignment.teamHeatmap({ strategyId: ids!.strategyId, teamId, offset: 0, limit: 50 }),
  board: () => caller.deals.board({}),
};
if (!what || !(what in calls)) throw new Error(`what: one of ${Object.keys(calls).join(", ")}`);
const call = calls[what as keyof typeof calls];
for (let i = 0; i < 2; i++) await call();
const times: number[] = [];
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  await call();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`${role} ${what}: p50 ${times[4]!.toFixed(1)} ms, all ${times.map((t) => t.toFixed(0)).join(" ")}`);
captured = [];
await call();
const statements = captured as { q: string; p: unknown[] }[];
captured = null;
const explained = async (q: string, p: unknown[]) =>
  client.begin(async (tx) => {
    await tx`select set_config('role', 'tandem_app', true), set_config('app.user_id', ${userId}, true), set_config('app.org_id', ${ids!.orgId}, true)`;
    return tx.unsafe(`explain (analyze, buffers${explain === "verbose" ? "" : ", costs off"}) ${q}`, p as never[]);
  });
const measured = statements.filter(({ q }) => !/^(begin|commit|select set_config)/i.test(q.trim()));
// A first pass unreported: on a connection's first statements planning also fills the catalog caches (12 ms instead
// of 2 for the board), which the app's warm connections do not pay.
for (const { q, p } of measured) await explained(q, p);
for (const { q, p } of measured) {
  const plan = await explained(q, p);
  const lines = plan.map((r) => r["QUERY PLAN"] as string);
  const total = lines.filter((l) => /Planning Time|Execution Time/.test(l)).join(", ");
  console.log(`\n--- ${q.replace(/\s+/g, " ").slice(0, 100)}\n${total}`);
  if (explain) console.log(lines.filter((l) => !/Planning Time|Execution Time/.test(l)).join("\n"));
}
await handle.close();
await client.end();
