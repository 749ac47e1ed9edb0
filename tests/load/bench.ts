/**
 * The benchmark of issue 9 (docs/performance.md "Benchmark"): each procedure through the tRPC server caller (the
 * app), through the tRPC HTTP handler (server/trpc/http.ts: a GET request as the browser sends it, a POST for the
 * deal write, with the rate buckets, cost limits and superjson of a real request; the session is given, not decoded
 * from a cookie), and its floor — the minimal SQL returning the same answer (tests/load/bench-floors.ts) —
 * interleaved in one process, as a rep, a region's manager (~50 reps) and the admin, on a database made by
 * `npm run bench:seed`. The rep's scenarios include a deal write (deals.move between two open stages). All run as
 * tandem_app under row-level security. Prints a markdown table (p50 and p95 of each, app / floor and HTTP / floor
 * at p50) and writes bench/results.json. Times are reported, never asserted: the machine's load decides them. With
 * `--check`, a ratio over its limit in tests/load/bench-thresholds.json fails the run (.ci/run's short form).
 *
 * Then the throughput of a production build (tests/load/bench-http.ts; needs `npx next build`): autocannon against
 * /api/health, a signed-in tRPC org.current and the manager's home page, with the ratios trivial / health and
 * home / health; any non-2xx answer fails the run, and with `--check` a ratio below its floor in
 * bench-thresholds.json ("throughput") does too.
 *
 *   npm run bench -- --database scale_bench_1m        # an existing bench database
 *   npm run bench -- --deals 20000                    # seeds tandem_bench_20000 first, drops it at the end
 *   npm run bench -- --deals 10000 --check            # and fail on a ratio over its limit
 *   BENCH_RUNS=20 BENCH_WARMUP=3 (defaults 15 and 3)
 *   BENCH_HTTP=off (no throughput part) or only (just it); BENCH_HTTP_SECONDS=5 per target and round,
 *   BENCH_HTTP_ROUNDS=3, BENCH_HTTP_WARMUP=2 (seconds per target), BENCH_HTTP_CONNECTIONS=20 (the defaults)
 *   npm run bench -- --database scale_bench_1m --only "admin (home|alignment)"   # scenarios whose "who name" matches
 *   npm run bench -- --database scale_bench_1m --only "(reviews|plans)\."        # the reviews and plans
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import superjson from "superjson";
import { openDatabase, type Database } from "@/db/client";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import * as floors from "./bench-floors";
import {
  THROUGHPUT_CONNECTIONS,
  httpThroughput,
  throughputBreaches,
  throughputTable,
  type ThroughputResults,
} from "./bench-http";
import { BENCH_ORG_SLUG, benchEmail } from "./bench-seed";
import { loadThresholds, ratioBreaches } from "./bench-thresholds";
import { TEAM_VIEW_PAGE } from "@/server/domain/team-view";
import { send } from "../helpers/http";
import { log, onCleanup, ROOT, runScript } from "./lib";
import { percentile } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** The throughput part: "on" (default), "off", or "only" (without the in-process scenarios). */
const HTTP_MODE = process.env.BENCH_HTTP ?? "on";

type Caller = ReturnType<typeof createCaller>;
interface Scenario {
  who: floors.Who;
  name: string;
  /** The procedure and its input: called through the server caller and over HTTP. */
  path: string;
  /** The input, or a function giving each call's (a write's version changes with every call). */
  input?: unknown;
  /** A mutation: sent by POST over HTTP. */
  mutation?: boolean;
  floor: floors.Floor;
  /** Called after each call of any layer (a write's own bookkeeping). */
  afterCall?: () => void;
}

const inputOf = (scenario: Scenario) =>
  typeof scenario.input === "function" ? (scenario.input as () => unknown)() : scenario.input;

/** The procedure at `path` ("deals.list") of a caller. */
function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
}

/**
 * The procedure as the browser calls it: a query as GET /api/trpc/<path>?input=<superjson>, a mutation as a POST of
 * it; answered 200.
 */
async function overHttp(db: Database, who: floors.Who, path: string, input: unknown, mutation = false): Promise<void> {
  const serialized = JSON.stringify(superjson.serialize(input));
  const query = input === undefined || mutation ? "" : `?input=${encodeURIComponent(serialized)}`;
  const init = mutation ? { method: "POST", headers: { "content-type": "application/json" }, body: serialized } : {};
  const session = { user: { id: who.userId }, orgId: who.orgId };
  const response = await send(db, session, `/api/trpc/${path}${query}`, init);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} over HTTP answered ${response.status}: ${body.slice(0, 300)}`);
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

/**
 * Reviews (issue 11) and account plans (issue 12), on what tests/load/bench-seed-extras.ts seeds: the rep's own
 * shared review; as the manager, a shared review and a draft (its snapshot assembled on the read: what starting and
 * sharing a review build) of a rep of their team, the team's review board; a plan as a collaborator (the rep: the
 * owner of their account's plan) and as the manager (a plan of a team's account). Absent records skip a scenario.
 */
async function reviewAndPlanScenarios(client: postgres.Sql, people: floors.Who[], teamId: string) {
  const [rep, manager] = people as [floors.Who, floors.Who];
  const [found] = await client<
    {
      own: string | null;
      subject: string | null;
      shared: string | null;
      draft: string | null;
      draftStrategy: string | null;
      repPlan: string | null;
      teamPlan: string | null;
    }[]
  >`with subject as (
      select r.subject_id as id from reviews r join team_members tm on tm.org_id = r.org_id and tm.user_id = r.subject_id
      where r.org_id = ${rep.orgId} and r.status = 'draft' and tm.team_id = any(${manager.teamIds}::uuid[])
      order by r.subject_id limit 1),
    draft as (
      select r.id, r.strategy_id from reviews r where r.org_id = ${rep.orgId} and r.subject_id = (select id from subject)
        and r.status = 'draft' order by r.created_at desc, r.id limit 1)
    select (select r.id from reviews r where r.org_id = ${rep.orgId} and r.subject_id = ${rep.userId} and r.status <> 'draft'
        order by r.shared_at desc, r.id limit 1) as own,
      (select id from subject) as subject,
      (select r.id from reviews r where r.org_id = ${rep.orgId} and r.subject_id = (select id from subject)
        and r.status <> 'draft' order by r.shared_at desc, r.id limit 1) as shared,
      (select id from draft) as draft,
      (select strategy_id from draft) as "draftStrategy",
      (select pc.plan_id from plan_collaborators pc where pc.org_id = ${rep.orgId} and pc.user_id = ${rep.userId}
        order by pc.plan_id limit 1) as "repPlan",
      (select ap.id from account_plans ap join accounts a on a.org_id = ap.org_id and a.id = ap.account_id
        where ap.org_id = ${rep.orgId} and a.team_id = any(${manager.teamIds}::uuid[]) order by ap.id limit 1) as "teamPlan"`;
  const scenarios: Scenario[] = [];
  const add = (who: floors.Who, name: string, path: string, input: Record<string, string>, floor: floors.Floor) =>
    scenarios.push({ who, name, path, input, floor });
  if (found?.own)
    add(rep, "reviews.get (own, shared)", "reviews.get", { reviewId: found.own }, floors.review(found.own));
  if (found?.shared)
    add(
      manager,
      "reviews.get (a rep's, shared)",
      "reviews.get",
      { reviewId: found.shared },
      floors.review(found.shared),
    );
  if (found?.draft && found.subject && found.draftStrategy)
    add(
      manager,
      "reviews.get (draft: snapshot assembled)",
      "reviews.get",
      { reviewId: found.draft },
      floors.draftReview(found.draft, found.subject, found.draftStrategy),
    );
  add(manager, "reviews.board (the team)", "reviews.board", { teamId }, floors.reviewBoard(manager.teamIds));
  if (found?.repPlan)
    add(rep, "plans.get (as a collaborator)", "plans.get", { planId: found.repPlan }, floors.plan(found.repPlan));
  if (found?.teamPlan)
    add(manager, "plans.get (a team's account)", "plans.get", { planId: found.teamPlan }, floors.plan(found.teamPlan));
  return scenarios;
}

async function main(): Promise<number> {
  // The HTTP layer charges every request to the caller's rate buckets (one statement, measured); the bench's
  // back-to-back calls must not be refused by them.
  process.env.RATE_LIMIT_USER_BURST ??= "1000000";
  process.env.RATE_LIMIT_USER_PER_SECOND ??= "1000000";
  process.env.RATE_LIMIT_ORG_BURST ??= "1000000";
  process.env.RATE_LIMIT_ORG_PER_SECOND ??= "1000000";
  // The production server of the throughput part: no background recomputation competing with the requests.
  process.env.TANDEM_ALIGNMENT_WORKER ??= "off";
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
  // The deal write: the rep moves one of their open deals back and forth between its stage and another open one,
  // each call (of every layer) at the version the previous one left.
  const [moved] = await client<{ id: string; version: number; stage: string }[]>`
    select id, version, stage from deals where org_id = ${ids.orgId} and owner_id = ${people[0]!.userId}
      and stage in ('prospecting', 'qualification', 'discovery', 'proposal', 'negotiation') limit 1`;
  const stages = moved ? [moved.stage, moved.stage === "proposal" ? "discovery" : "proposal"] : [];
  const nextStage = () => (moved!.stage === stages[0] ? stages[1]! : stages[0]!);

  // The stored rep scores (docs/performance.md "Stored rep scores"): the seed leaves them empty and the first read of
  // a team fills them. Filled here by the admin's home (every rep of the active strategy), then analyzed: with
  // autovacuum off (as on this machine) the table would keep the statistics of the empty table the seed analyzed,
  // and the planner would take 5,000 stored rows for one.
  await callers.get("admin")!.home.get();
  await client`analyze rep_alignment_scores, rep_alignment_inputs`;

  const only = HTTP_MODE === "only" ? /^$/ : argument("only") === undefined ? null : new RegExp(argument("only")!);
  const wanted = (who: floors.Who, name: string) => only === null || only.test(`${who.role} ${name}`);
  const candidates: Scenario[] = [];
  for (const who of people) {
    const teamId = who.role === "admin" ? ids.rootTeamId : region!.teamId;
    // The team views' input: the region for the manager; none for the admin — the whole organization, the view an
    // admin opens (its floors name the root team, whose subtree is every team of the bench organization).
    const teamInput = who.role === "admin" ? {} : { teamId };
    // Page 1,000 by close date (or the last page of a smaller scope): its cursor, found once (minutes at 1M deals).
    const caller = callers.get(who.role)!;
    let cursor = undefined;
    if (wanted(who, "deals.list page 1,000 (keyset)")) {
      let deep = await caller.deals.list({ limit: 25 });
      for (let page = 1; page < 1000 && deep.nextCursor; page++) {
        cursor = deep.nextCursor;
        deep = await caller.deals.list({ limit: 25, cursor });
      }
    }
    const list = (input: unknown) => ({ path: "deals.list", input });
    candidates.push(
      {
        who,
        name: "goals.mine",
        path: "goals.mine",
        input: { strategyId: ids.strategyId },
        floor: floors.goalsMine(ids.strategyId),
      },
      { who, name: "dashboard.summary", path: "dashboard.summary", floor: floors.dashboard },
      // The home: the rep's floor is its heaviest statement, the rep's goals and pipeline; a team's is what the
      // team's home shows — the stored score figures (rep_alignment_scores, filled by the warm-up runs: the first
      // read of a team stores them) and the lists beside them (until stop 29 the figures alone).
      {
        who,
        name: "home.get",
        path: "home.get",
        input: who.role === "rep" ? undefined : teamInput,
        floor: who.role === "rep" ? floors.goalsMine(ids.strategyId) : floors.teamHome(ids.strategyId, teamId),
      },
      { who, name: "deals.list page 1 (close date)", ...list({ limit: 25 }), floor: floors.listByCloseDate() },
      {
        who,
        name: "deals.list page 1,000 (keyset)",
        ...list({ limit: 25, cursor }),
        floor: floors.listByCloseDate(cursor),
      },
      {
        who,
        name: "deals.list page 1 (score)",
        ...list({ limit: 25, sort: { by: "score", dir: "desc" } }),
        floor: floors.listByScore(),
      },
      { who, name: "deals.totals", path: "deals.totals", input: {}, floor: floors.totals },
      { who, name: "deals.board", path: "deals.board", input: {}, floor: floors.board },
      {
        who,
        name: "deals.owners (search)",
        path: "deals.owners",
        input: { search: "rep 1", limit: 25 },
        floor: floors.owners("rep 1"),
      },
    );
    if (who.role !== "rep")
      // What the team view asks for, and what the procedure answers without a page named: every rep's figures,
      // the first 50 in full (it is always a page since stop 29: every rep in full was 1.2 s at 5,000 reps).
      candidates.push({
        who,
        name: "alignment.teamHeatmap (50 reps in full)",
        path: "alignment.teamHeatmap",
        input: { strategyId: ids.strategyId, ...teamInput },
        floor: floors.heatmapPage(ids.strategyId, teamId, TEAM_VIEW_PAGE),
      });
    if (who.role === "rep" && moved)
      candidates.push({
        who,
        name: "deals.move (a deal write)",
        path: "deals.move",
        mutation: true,
        input: () => ({ dealId: moved.id, version: moved.version, stage: nextStage() }),
        floor: (sql, caller) => floors.moveDeal(moved.id, moved.version, nextStage())(sql, caller),
        afterCall: () => Object.assign(moved, { version: moved.version + 1, stage: nextStage() }),
      });
    if (who.role === "rep" && someDeal)
      candidates.push({
        who,
        name: "deals.get",
        path: "deals.get",
        input: { dealId: someDeal.id },
        floor: floors.oneDeal(someDeal.id),
      });
  }

  candidates.push(...(await reviewAndPlanScenarios(client, people, region!.teamId)));

  const scenarios = candidates.filter((scenario) => wanted(scenario.who, scenario.name));
  const runFloor = (scenario: Scenario) =>
    client.begin(async (tx) => {
      await tx`select set_config('role', 'tandem_app', true), set_config('app.user_id', ${scenario.who.userId}, true), set_config('app.org_id', ${scenario.who.orgId}, true)`;
      return scenario.floor(tx, scenario.who);
    });
  const samples = scenarios.map(() => ({ app: [] as number[], http: [] as number[], floor: [] as number[] }));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (const [index, scenario] of scenarios.entries()) {
      const app = await timed(() => callByPath(callers.get(scenario.who.role)!, scenario.path, inputOf(scenario)));
      scenario.afterCall?.();
      const http = await timed(() =>
        overHttp(handle.db, scenario.who, scenario.path, inputOf(scenario), scenario.mutation),
      );
      scenario.afterCall?.();
      const floor = await timed(() => runFloor(scenario));
      scenario.afterCall?.();
      if (run >= WARMUP) {
        samples[index]!.app.push(app);
        samples[index]!.http.push(http);
        samples[index]!.floor.push(floor);
      }
    }
    log(`run ${run + 1}/${WARMUP + RUNS}${run < WARMUP ? " (warm-up)" : ""}`);
  }

  const results = scenarios.map((scenario, index) => {
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const [app, http, floor] = [
      sorted(samples[index]!.app),
      sorted(samples[index]!.http),
      sorted(samples[index]!.floor),
    ];
    const p = (values: number[], q: number) => Math.round(percentile(values, q) * 10) / 10;
    const ratio = (values: number[]) => Math.round((percentile(values, 50) / percentile(floor, 50)) * 10) / 10;
    return {
      who: scenario.who.role,
      procedure: scenario.name,
      appP50: p(app, 50),
      appP95: p(app, 95),
      httpP50: p(http, 50),
      httpP95: p(http, 95),
      floorP50: p(floor, 50),
      floorP95: p(floor, 95),
      // Each run's times in run order: --check compares each run's layers with that same run's floor.
      runs: samples[index]!,
      ratio: ratio(app),
      httpRatio: ratio(http),
    };
  });
  const lines = [
    `${ids.dealCount} deals; ${RUNS} runs after ${WARMUP} warm-up, interleaved; milliseconds`,
    "",
    "| who | procedure | app p50 | app p95 | HTTP p50 | HTTP p95 | floor p50 | floor p95 | app / floor | HTTP / floor |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.who} | ${r.procedure} | ${r.appP50} | ${r.appP95} | ${r.httpP50} | ${r.httpP95} | ${r.floorP50} | ${r.floorP95} | ${r.ratio} | ${r.httpRatio} |`,
    ),
  ];
  let throughput: ThroughputResults | null = null;
  if (HTTP_MODE !== "off") {
    const workDir = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
    onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
    // A person per connection where the organization has them: the scenario's manager, the other regions'
    // managers, then the teams'. One person's 20 parallel requests would measure the per-person limits (3
    // transactions at once, one rate bucket), not the per-request overhead.
    const managers = await client<{ email: string }[]>`
      select u.email from users u
      join team_members tm on tm.org_id = ${ids.orgId} and tm.user_id = u.id and tm.is_manager
      join teams t on t.org_id = tm.org_id and t.id = tm.team_id
      where t.parent_team_id is not null or t.id = ${region!.teamId}
      order by t.id <> ${region!.teamId}, t.parent_team_id <> ${ids.rootTeamId}, t.name
      limit ${THROUGHPUT_CONNECTIONS}`;
    const options = { databaseUrl: url.toString(), workDir, orgId: ids.orgId, slug: BENCH_ORG_SLUG };
    throughput = await httpThroughput({ ...options, managerEmails: managers.map((m) => m.email) });
    lines.push("", ...throughputTable(throughput));
  }
  console.log(`\n${lines.join("\n")}\n`);
  const out = path.join(ROOT, "bench");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "results.json"),
    JSON.stringify({ database, deals: ids.dealCount, runs: RUNS, results, throughput }, null, 2),
  );
  const thresholds = loadThresholds();
  // A non-2xx answer fails the run with or without --check: the throughput would not be the procedure's.
  const breaches = throughput ? throughputBreaches(throughput, thresholds.throughput) : [];
  const failedAnswers = breaches.filter((breach) => !breach.includes("ratio floor"));
  if (!process.argv.includes("--check")) {
    for (const breach of failedAnswers) console.log(`FAILED: ${breach}`);
    return failedAnswers.length ? 1 : 0;
  }
  breaches.push(...ratioBreaches(results, thresholds));
  for (const breach of breaches) console.log(`OUT OF LIMITS: ${breach}`);
  console.log(
    breaches.length
      ? "FAILED: answers or ratios outside tests/load/bench-thresholds.json"
      : "OK: every ratio within its limit",
  );
  return breaches.length ? 1 : 0;
}

runScript("bench", 6 * 3600, main);
