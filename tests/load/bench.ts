/**
 * The benchmark of issue 9 (docs/performance.md "Benchmark"): each procedure through the tRPC server caller (the
 * app) and its floor — the minimal SQL returning the same answer (tests/load/bench-floors.ts) — interleaved in one
 * process, as a rep, a region's manager (~50 reps) and the admin, on a database made by `npm run bench:seed`.
 * Both run as tandem_app under row-level security. Prints a markdown table (p50 and p95 of each, app / floor at
 * p50) and writes bench/results.json. Ratios are reported, never asserted: the machine's load decides the times.
 *
 *   npm run bench -- --database scale_bench_1m        # an existing bench database
 *   npm run bench -- --deals 20000                    # seeds tandem_bench_20000 first, drops it at the end
 *   BENCH_RUNS=20 BENCH_WARMUP=3 (defaults 15 and 3)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import * as floors from "./bench-floors";
import { benchEmail } from "./bench-seed";
import { log, onCleanup, percentile, ROOT, runScript } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);

type Caller = ReturnType<typeof createCaller>;
interface Scenario {
  who: floors.Who;
  name: string;
  app: (caller: Caller) => Promise<unknown>;
  floor: floors.Floor;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<number> {
  const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let database = argument("database");
  if (!database) {
    const deals = argument("deals") ?? process.env.BENCH_DEALS ?? "10000";
    database = `tandem_bench_${deals}`;
    const seeded = database;
    onCleanup(async () => {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${seeded} with (force)`);
      await admin.end();
    });
    execFileSync("npx", ["tsx", "tests/load/bench-seed.ts", "--deals", deals, "--database", database], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const handle = openDatabase({ url: url.toString(), max: 4 });
  onCleanup(() => handle.close());
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  onCleanup(() => client.end({ timeout: 5 }));

  const [ids] = await client<{ orgId: string; strategyId: string; rootTeamId: string; dealCount: number }[]>`
    select o.id as "orgId", s.id as "strategyId", (select t.id from teams t where t.org_id = o.id and t.parent_team_id is null limit 1) as "rootTeamId",
      (select count(*)::int from deals d where d.org_id = o.id) as "dealCount"
    from organizations o join strategies s on s.org_id = o.id and s.status = 'active' where o.slug = 'bench'`;
  if (!ids) throw new Error(`${database} holds no bench organization: run npm run bench:seed first`);
  const userOf = async (email: string) =>
    (await client<{ id: string }[]>`select id from users where email = ${email}`)[0]!.id;
  // The manager of the first region (the root's first child team), or of the root in a one-team organization.
  const [region] = await client<{ teamId: string; managerId: string }[]>`
    select t.id as "teamId", tm.user_id as "managerId" from teams t
    join team_members tm on tm.org_id = t.org_id and tm.team_id = t.id and tm.is_manager
    where t.org_id = ${ids.orgId} order by (t.parent_team_id is null), t.parent_team_id = ${ids.rootTeamId} desc, t.name limit 1`;
  const [scope] = await client<{ teamIds: string[]; reps: number }[]>`
    with recursive sub(id) as (select ${region!.teamId}::uuid union select c.id from teams c join sub on c.parent_team_id = sub.id where c.org_id = ${ids.orgId})
    select array_agg(sub.id) as "teamIds", (select count(*)::int from team_members tm where tm.org_id = ${ids.orgId} and tm.team_id in (select id from sub) and not tm.is_manager) as reps from sub`;
  const people: floors.Who[] = [
    { role: "rep", orgId: ids.orgId, userId: await userOf(benchEmail("rep", 1)), teamIds: [] },
    { role: "manager", orgId: ids.orgId, userId: region!.managerId, teamIds: scope!.teamIds },
    { role: "admin", orgId: ids.orgId, userId: await userOf(benchEmail("admin")), teamIds: [] },
  ];
  log(`${database}: ${ids.dealCount} deals; the manager sees ${scope!.teamIds.length} teams, ${scope!.reps} reps`);

  const callers = new Map(
    people.map((who) => [
      who.role,
      createCaller(
        createContext({
          db: handle.db,
          session: { userId: who.userId, sessionVersion: 1, sessionId: crypto.randomUUID() },
          headers: new Headers({ [ORG_HEADER]: who.orgId }),
        }),
      ),
    ]),
  );
  const [someDeal] = await client<
    { id: string }[]
  >`select id from deals where org_id = ${ids.orgId} and owner_id = ${people[0]!.userId} limit 1`;

  const scenarios: Scenario[] = [];
  for (const who of people) {
    const teamId = who.role === "admin" ? ids.rootTeamId : region!.teamId;
    // Page 1,000 by close date (or the last page of a smaller scope): its cursor, found once.
    const caller = callers.get(who.role)!;
    let deep = await caller.deals.list({ limit: 25 });
    let cursor = undefined;
    for (let page = 1; page < 1000 && deep.nextCursor; page++) {
      cursor = deep.nextCursor;
      deep = await caller.deals.list({ limit: 25, cursor });
    }
    scenarios.push(
      {
        who,
        name: "goals.mine",
        app: (c) => c.goals.mine({ strategyId: ids.strategyId }),
        floor: floors.goalsMine(ids.strategyId),
      },
      { who, name: "dashboard.summary", app: (c) => c.dashboard.summary(), floor: floors.dashboard },
      {
        who,
        name: "deals.list page 1 (close date)",
        app: (c) => c.deals.list({ limit: 25 }),
        floor: floors.listByCloseDate(),
      },
      {
        who,
        name: "deals.list page 1,000 (keyset)",
        app: (c) => c.deals.list({ limit: 25, cursor }),
        floor: floors.listByCloseDate(cursor),
      },
      {
        who,
        name: "deals.list page 1 (score)",
        app: (c) => c.deals.list({ limit: 25, sort: { by: "score", dir: "desc" } }),
        floor: floors.listByScore(),
      },
      { who, name: "deals.totals", app: (c) => c.deals.totals({}), floor: floors.totals },
      { who, name: "deals.board", app: (c) => c.deals.board({}), floor: floors.board },
    );
    if (who.role !== "rep")
      scenarios.push({
        who,
        name: "alignment.teamHeatmap",
        app: (c) => c.alignment.teamHeatmap({ strategyId: ids.strategyId, teamId }),
        floor: floors.heatmap(ids.strategyId, teamId),
      });
    if (who.role === "rep" && someDeal)
      scenarios.push({
        who,
        name: "deals.get",
        app: (c) => c.deals.get({ dealId: someDeal.id }),
        floor: floors.oneDeal(someDeal.id),
      });
  }

  const runFloor = (scenario: Scenario) =>
    client.begin(async (tx) => {
      await tx`select set_config('role', 'tandem_app', true), set_config('app.user_id', ${scenario.who.userId}, true), set_config('app.org_id', ${scenario.who.orgId}, true)`;
      return scenario.floor(tx, scenario.who);
    });
  const samples = scenarios.map(() => ({ app: [] as number[], floor: [] as number[] }));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (const [index, scenario] of scenarios.entries()) {
      const app = await timed(() => scenario.app(callers.get(scenario.who.role)!));
      const floor = await timed(() => runFloor(scenario));
      if (run >= WARMUP) {
        samples[index]!.app.push(app);
        samples[index]!.floor.push(floor);
      }
    }
    log(`run ${run + 1}/${WARMUP + RUNS}${run < WARMUP ? " (warm-up)" : ""}`);
  }

  const results = scenarios.map((scenario, index) => {
    const app = [...samples[index]!.app].sort((a, b) => a - b);
    const floor = [...samples[index]!.floor].sort((a, b) => a - b);
    const p = (values: number[], q: number) => Math.round(percentile(values, q) * 10) / 10;
    return {
      who: scenario.who.role,
      procedure: scenario.name,
      appP50: p(app, 50),
      appP95: p(app, 95),
      floorP50: p(floor, 50),
      floorP95: p(floor, 95),
      ratio: Math.round((percentile(app, 50) / percentile(floor, 50)) * 10) / 10,
    };
  });
  const lines = [
    `${ids.dealCount} deals; ${RUNS} runs after ${WARMUP} warm-up, interleaved; milliseconds`,
    "",
    "| who | procedure | app p50 | app p95 | floor p50 | floor p95 | app / floor (p50) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) => `| ${r.who} | ${r.procedure} | ${r.appP50} | ${r.appP95} | ${r.floorP50} | ${r.floorP95} | ${r.ratio} |`,
    ),
  ];
  console.log(`\n${lines.join("\n")}\n`);
  const out = path.join(ROOT, "bench");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "results.json"),
    JSON.stringify({ database, deals: ids.dealCount, runs: RUNS, results }, null, 2),
  );
  return 0;
}

runScript("bench", 6 * 3600, main);
