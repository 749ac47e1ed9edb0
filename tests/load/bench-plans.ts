/**
 * The account-plan benchmark of issue 12 (docs/plans.md "Benchmark"), on a database of its own on the machine's
 * Postgres (created, migrated and dropped here):
 *
 * 1. `plans.get` of a plan with 200 stakeholders (an org chart of 200 contacts) and 500 steps (375 dependencies),
 *    next to the same call on a plan of 5 contacts and 10 steps: the SQL statements each call runs (the same number
 *    for both: nothing is fetched per row) and the times; and the plan's loading query alone (`loadPlan`, outside a
 *    request: no membership or access check, no transaction), to tell the queries' share from the call's fixed cost.
 * 2. The stakeholder map's automatic layout (components/plans/chart-layout.ts, elkjs) of the 200 people, as the
 *    browser runs it (here in Node).
 * 3. 100 live subscribers on that plan (`planLive.watch`), half on each of two app instances — two pools with their
 *    own LISTEN connections in this process —, and changes made through either: the time from the save's start
 *    until each subscriber holds the change.
 *
 * Prints figures and ratios; never asserts a time (the machine's load decides them).
 *
 *   npm run bench:plans            BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB (the
 *                                  scratch database's name, plans_bench_<pid>), BENCH_RUNS (30),
 *                                  BENCH_SUBSCRIBERS (100), BENCH_CHANGES (20), BENCH_PARTS (get,layout,live:
 *                                  the plan's load always runs; the layout and the live part only if named)
 */
import { cpus, loadavg } from "node:os";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import * as s from "@/db/schema";
import { chartEdges, layoutChart } from "@/components/plans/chart-layout";
import { visibilityOf } from "@/server/services/deal-access";
import { findPlan } from "@/server/services/plan-access";
import type { LiveEvent } from "@/server/services/plan-live";
import { loadPlan } from "@/server/services/plans";
import { callerFor, createOrg, createUser, type TestOrg } from "../helpers/fixtures";
import { log, onCleanup, runScript, sleep } from "./lib";
import { percentile, table } from "./stats";
import { scratchDatabase } from "./scratch-database";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
/** Which parts to run: get (always), layout, live. */
const PARTS = new Set((process.env.BENCH_PARTS ?? "get,layout,live").split(","));
const STAKEHOLDERS = 200;
const STEPS = 500;

type Caller = ReturnType<typeof callerFor>;
type Envelope = [string, LiveEvent, unknown];

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
};

/** An account with `people` contacts (a tree: each reports to one of the first quarter), a plan with `steps`. */
async function seedPlan(handle: DatabaseHandle, org: TestOrg, people: number, steps: number) {
  const { db } = handle;
  const accountId = crypto.randomUUID();
  await db.insert(s.accounts).values({
    orgId: org.id,
    id: accountId,
    name: `Account ${people}`,
    ownerId: org.rep.id,
    teamId: org.subTeamId,
  });
  const contactIds = Array.from({ length: people }, () => crypto.randomUUID());
  await db.insert(s.contacts).values(
    contactIds.map((id, i) => ({
      orgId: org.id,
      id,
      accountId,
      name: `Person ${i}`,
      title: i === 0 ? "CEO" : `Role ${i}`,
      reportsToId: i === 0 ? null : contactIds[Math.floor((i - 1) / 4)]!,
    })),
  );
  const rep = callerFor(db, org.rep, org.id);
  const { id: planId } = await rep.plans.create({ accountId, title: `Plan ${people}/${steps}` });
  const roles = ["economic_buyer", "decision_maker", "champion", "influencer", "technical_buyer", "user"] as const;
  const stances = ["supporter", "neutral", "skeptic", "opponent", "unknown"] as const;
  await db.insert(s.planStakeholders).values(
    contactIds.map((contactId, i) => ({
      orgId: org.id,
      planId,
      contactId,
      buyingRole: roles[i % roles.length]!,
      influence: 1 + (i % 5),
      stance: stances[i % stances.length]!,
      personalWin: i % 3 === 0 ? "" : `Win ${i}`,
      relationshipOwnerId: i % 2 === 0 ? org.rep.id : null,
    })),
  );
  const stepIds = Array.from({ length: steps }, () => crypto.randomUUID());
  await db.insert(s.planSteps).values(
    stepIds.map((id, i) => ({
      orgId: org.id,
      id,
      planId,
      title: `Step ${i}`,
      side: i % 2 === 0 ? ("us" as const) : ("customer" as const),
      dueOn: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      status: i % 3 === 0 ? ("done" as const) : ("open" as const),
      position: i,
    })),
  );
  const edges = stepIds.flatMap((stepId, i) =>
    i % 4 === 0 ? [] : [{ orgId: org.id, stepId, dependsOnId: stepIds[i - 1]! }],
  );
  if (edges.length > 0) await db.insert(s.planStepDependencies).values(edges);
  return { planId, stepIds };
}

/** Times `call` RUNS times after three warm-up calls; `counter` counts the SQL statements of each. */
async function timeCalls(call: () => Promise<unknown>, counter: { queries: number }) {
  const times: number[] = [];
  const queries: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    counter.queries = 0;
    const start = performance.now();
    await call();
    if (i >= 3) {
      times.push(performance.now() - start);
      queries.push(counter.queries);
    }
  }
  return { ...stats(times), queries: Math.max(...queries) };
}

/** Opens a subscriber and returns a function that resolves at its next change event (with the time it arrived). */
async function subscribe(api: Caller, planId: string) {
  const iterable = (await api.planLive.watch({ planId })) as AsyncIterable<Envelope>;
  const iterator = iterable[Symbol.asyncIterator]();
  const next = async (kind: LiveEvent["kind"]) => {
    for (;;) {
      const step = await iterator.next();
      if (step.done) throw new Error("a stream ended");
      if (step.value[1].kind === kind) return performance.now();
    }
  };
  await next("sync");
  onCleanup(async () => void (await iterator.return?.()));
  return next;
}

async function main(): Promise<number> {
  const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = await scratchDatabase(serverUrl, process.env.BENCH_DB ?? `plans_bench_${process.pid}`);
  const counter = { queries: 0 };
  const first = openDatabase({ url: url, max: 10, logger: { logQuery: () => void counter.queries++ } });
  onCleanup(() => first.close());
  await first.migrate();
  const second = openDatabase({ url: url, max: 10 });
  onCleanup(() => second.close());

  log(`seeding: a plan with ${STAKEHOLDERS} stakeholders and ${STEPS} steps, and a small one`);
  const org = await createOrg(first.db, "Bench Plans");
  const big = await seedPlan(first, org, STAKEHOLDERS, STEPS);
  const small = await seedPlan(first, org, 5, 10);
  await first.db.execute("analyze");

  const rep = callerFor(first.db, org.rep, org.id);
  log(`plans.get × ${RUNS} on each, and the plan's loading query alone`);
  const getBig = await timeCalls(() => rep.plans.get({ planId: big.planId }), counter);
  const getSmall = await timeCalls(() => rep.plans.get({ planId: small.planId }), counter);
  const actor = { orgId: org.id, userId: org.rep.id, role: "rep" as const };
  const visibility = await visibilityOf(first.db, actor);
  const inContext = await findPlan(first.db, actor, big.planId);
  const loadBig = await timeCalls(() => loadPlan(first.db, visibility, inContext), counter);
  const plan = await rep.plans.get({ planId: big.planId });
  if (plan.contacts.length !== STAKEHOLDERS || plan.steps.length !== STEPS) throw new Error("the big plan is short");
  if (!PARTS.has("layout") && !PARTS.has("live")) return report(getBig, getSmall, loadBig, null, [], []);

  const layouts: number[] = [];
  const edges = chartEdges(plan.contacts);
  if (PARTS.has("layout")) log(`stakeholder map layout × ${RUNS}`);
  for (let i = 0; PARTS.has("layout") && i < RUNS + 3; i++) {
    const start = performance.now();
    const positions = await layoutChart(
      plan.contacts.map((person) => person.contactId),
      edges,
    );
    if (i >= 3) layouts.push(performance.now() - start);
    if (positions.size !== STAKEHOLDERS) throw new Error("the layout lost people");
  }

  if (!PARTS.has("live")) return report(getBig, getSmall, loadBig, stats(layouts), [], []);
  log(`${SUBSCRIBERS} subscribers on two instances`);
  const viewers = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => createUser(first.db, `Viewer ${i}`)));
  await first.db
    .insert(s.memberships)
    .values(viewers.map((user) => ({ orgId: org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" as const })));
  await first.db
    .insert(s.planCollaborators)
    .values(viewers.map((user) => ({ orgId: org.id, planId: big.planId, userId: user.id, access: "viewer" as const })));
  // Closing a stream announces the viewer's departure: let that finish before the pools close.
  onCleanup(async () => void (await sleep(1000)));
  const instances = [first, second];
  const subscribers = await Promise.all(
    viewers.map(async (user, i) => ({
      instance: i % 2,
      next: await subscribe(callerFor(instances[i % 2]!.db, user, org.id), big.planId),
    })),
  );
  const same: number[] = [];
  const other: number[] = [];
  for (let change = 0; change < CHANGES; change++) {
    const through = change % 2;
    const editor = callerFor(instances[through]!.db, org.rep, org.id);
    const stepId = big.stepIds[change]!;
    const arrivals = subscribers.map((subscriber) => subscriber.next("change"));
    const start = performance.now();
    await editor.planSteps.update({ planId: big.planId, stepId, version: 1, title: `Step ${change}, edited` });
    const times = await Promise.all(arrivals);
    times.forEach((at, i) => (subscribers[i]!.instance === through ? same : other).push(at - start));
    await sleep(50);
  }

  return report(getBig, getSmall, loadBig, stats(layouts), same, other);
}

type Stats = ReturnType<typeof stats>;

function report(
  getBig: Stats & { queries: number },
  getSmall: Stats & { queries: number },
  loadBig: Stats & { queries: number },
  layout: Stats | null,
  same: number[],
  other: number[],
): number {
  const all = [...same, ...other];
  const row = (name: string, x: Stats, extra: string | number = "") => [name, x.p50, x.p95, x.max, extra];
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    `\n### Account plans (${new Date().toISOString().slice(0, 10)}, ${RUNS} runs, ${cpus().length} cores, load ${load})\n`,
  );
  console.log(
    table(
      ["", "p50 ms", "p95 ms", "max ms", "SQL statements"],
      [
        row(`plans.get, ${STAKEHOLDERS} stakeholders / ${STEPS} steps`, getBig, getBig.queries),
        row("plans.get, 5 contacts / 10 steps", getSmall, getSmall.queries),
        row(`loadPlan alone, ${STAKEHOLDERS} / ${STEPS}`, loadBig, loadBig.queries),
        ...(layout ? [row(`map layout (elkjs), ${STAKEHOLDERS} people`, layout)] : []),
        ...(all.length > 0
          ? [
              row(`live: ${SUBSCRIBERS} subscribers × ${CHANGES} changes, all`, stats(all), `${all.length} deliveries`),
              row("live: subscriber on the editing instance", stats(same)),
              row("live: subscriber on the other instance", stats(other)),
            ]
          : []),
      ],
    ),
  );
  console.log(
    `\nplans.get big / small at p50: ${(getBig.p50 / getSmall.p50).toFixed(1)}× for ` +
      `${((STAKEHOLDERS + STEPS) / 15).toFixed(0)}× the rows; statements per call: ${getBig.queries} vs ${getSmall.queries}.`,
  );
  return 0;
}

runScript("bench-plans", 900, main);
