/**
 * The benchmark's throughput part (issue 9, "The HTTP layer too"; docs/performance.md "HTTP layer"): a production
 * build (`npm start` of the existing .next, like tests/load/load.ts) on the bench database, and autocannon with
 * BENCH_HTTP_CONNECTIONS connections (20) against three targets, in BENCH_HTTP_ROUNDS interleaved rounds (3; every
 * other round in reverse order), after BENCH_HTTP_WARMUP seconds (2, at least 1) of each; a round of a target is
 * the number of requests its warm-up's rate gives in BENCH_HTTP_SECONDS (5), at least two a connection:
 * - GET /api/health (one `select 1`: the server's own floor);
 * - the trivial signed-in read: tRPC `org.current` as the browser's batch link sends it (session cookie and
 *   organization header);
 * - a manager's home page, the full HTML response.
 * Each connection is signed in as its own manager (the region managers, reused in turn where there are fewer than
 * connections), as 20 people at their desks would be: one person's 20 parallel requests would wait on the
 * per-person limits (3 transactions at once, one rate bucket) and measure those instead of the per-request cost.
 * Every answer must be a 2xx: a non-2xx or a connection error fails the run. The ratios trivial / health and
 * home / health are each round's requests per second over the same round's health figure, the median of those.
 */
import autocannon from "autocannon";
import path from "node:path";
import { BENCH_PASSWORD } from "./bench-seed";
import { log } from "./lib";
import { startNext } from "./processes";
import { signIn, type Client } from "./trpc-client";

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const WARMUP = Math.max(1, Number(process.env.BENCH_HTTP_WARMUP ?? 2));
export const THROUGHPUT_CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 20);
const CONNECTIONS = THROUGHPUT_CONNECTIONS;

export type Target = "health" | "trivial" | "home";
const TARGETS: Target[] = ["health", "trivial", "home"];

export interface TargetFigures {
  target: Target;
  path: string;
  /** Mean over the rounds. */
  requestsPerSecond: number;
  /** Medians over the rounds, milliseconds. */
  p50: number;
  p975: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ThroughputResults {
  connections: number;
  /** Distinct managers signed in, one a connection in turn. */
  people: number;
  seconds: number;
  rounds: number;
  targets: TargetFigures[];
  /** Median over the rounds of each round's target req/s over its health req/s; two decimals. */
  ratios: { trivialOverHealth: number; homeOverHealth: number };
  /** Each round's requests per second, per target, in round order. */
  perRound: Record<Target, number[]>;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The tRPC batch link's GET of one query without input (components/trpc/provider.tsx). */
const TRIVIAL_PATH = `/api/trpc/org.current?batch=1&input=${encodeURIComponent(
  JSON.stringify({ 0: { json: null, meta: { values: ["undefined"], v: 1 } } }),
)}`;

/** One request of each target with fetch first: a 200 with the expected body, or the run stops here. */
async function checkTarget(url: string, headers: Record<string, string>, expect: (body: string) => boolean) {
  const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  if (response.status !== 200 || !expect(body))
    throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
}

export async function httpThroughput(options: {
  databaseUrl: string;
  workDir: string;
  /** The managers to sign in, one a connection in turn; the first is the scenario's (checked for content). */
  managerEmails: string[];
  orgId: string;
  slug: string;
}): Promise<ThroughputResults> {
  const server = await startNext(options.databaseUrl, path.join(options.workDir, "next.log"));
  const emails = options.managerEmails.slice(0, CONNECTIONS);
  log(`throughput: production server (npm start) on ${server.url}; signing in ${emails.length} managers`);
  const managers: Client[] = [];
  for (const email of emails) managers.push(await signIn(server.url, email, BENCH_PASSWORD));
  const paths: Record<Target, string> = { health: "/api/health", trivial: TRIVIAL_PATH, home: `/o/${options.slug}` };
  /** Each target's headers for each manager. */
  const headers: Record<Target, (manager: Client) => Record<string, string>> = {
    health: () => ({}),
    trivial: (manager) => ({ cookie: manager.cookie, "x-tandem-org": options.orgId }),
    home: (manager) => ({ cookie: manager.cookie }),
  };
  for (const manager of managers) {
    await checkTarget(`${server.url}${paths.trivial}`, headers.trivial(manager), (body) =>
      body.includes(`"slug":"${options.slug}"`),
    );
    await checkTarget(`${server.url}${paths.home}`, headers.home(manager), (body) => body.includes("Welcome,"));
  }
  await checkTarget(`${server.url}${paths.health}`, {}, (body) => body.includes('"ok"'));

  const shoot = (target: Target, run: { duration: number } | { amount: number }) => {
    let connection = 0;
    return autocannon({
      url: `${server.url}${paths[target]}`,
      connections: CONNECTIONS,
      setupClient: (client) => client.setHeaders(headers[target](managers[connection++ % managers.length]!)),
      timeout: 60,
      // autocannon ends a run at its next sample tick after the last answer: at the default 1 s, a round's duration
      // (and so its req/s) was off by up to a second in five.
      sampleInt: 100,
      ...run,
    });
  };
  // A round of a target is a number of requests, not a time: autocannon drops the requests still running when a timed
  // run ends, and a slow page on a loaded machine would then count none. Each target's count is what its warm-up's
  // rate gives in SECONDS (at least two a connection), so a round takes about SECONDS, however slow the target.
  const amounts = {} as Record<Target, number>;
  for (const target of TARGETS) {
    const warm = await shoot(target, { duration: WARMUP });
    const rate = (warm["2xx"] + warm.non2xx) / warm.duration;
    amounts[target] = Math.max(2 * CONNECTIONS, Math.round(rate * SECONDS));
  }

  const runs = new Map<Target, Awaited<ReturnType<typeof autocannon>>[]>(TARGETS.map((target) => [target, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const target of r % 2 === 0 ? TARGETS : [...TARGETS].reverse()) {
      const result = await shoot(target, { amount: amounts[target] });
      runs.get(target)!.push(result);
      const rps = (result["2xx"] + result.non2xx) / result.duration;
      log(
        `round ${r + 1}/${ROUNDS} ${target}: ${rps.toFixed(1)} req/s, p50 ${result.latency.p50} ms` +
          (result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ""),
      );
    }
  }
  await server.stop();

  const perRound = Object.fromEntries(
    TARGETS.map((target) => [target, runs.get(target)!.map((r) => round((r["2xx"] + r.non2xx) / r.duration, 1))]),
  ) as Record<Target, number[]>;
  const targets = TARGETS.map((target): TargetFigures => {
    const results = runs.get(target)!;
    const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((total, r) => total + pick(r), 0);
    return {
      target,
      path: paths[target].split("?")[0]!,
      requestsPerSecond: round(sum((r) => (r["2xx"] + r.non2xx) / r.duration) / results.length, 1),
      p50: median(results.map((r) => r.latency.p50)),
      p975: median(results.map((r) => r.latency.p97_5)),
      requests: sum((r) => r["2xx"] + r.non2xx),
      non2xx: sum((r) => r.non2xx),
      errors: sum((r) => r.errors),
    };
  });
  const ratioOf = (target: Target) =>
    round(median(perRound[target].map((rps, r) => rps / Math.max(perRound.health[r]!, 1e-9))), 2);
  return {
    connections: CONNECTIONS,
    people: managers.length,
    seconds: SECONDS,
    rounds: ROUNDS,
    targets,
    ratios: { trivialOverHealth: ratioOf("trivial"), homeOverHealth: ratioOf("home") },
    perRound,
  };
}

/** The throughput table, in markdown like the bench's own. */
export function throughputTable(results: ThroughputResults): string[] {
  return [
    `Throughput of a production build: ${results.connections} connections (signed in as ${results.people} managers in turn), ${results.rounds} interleaved rounds of about ${results.seconds} s per target (a request count from the warm-up's rate)`,
    "",
    "| target | path | req/s | p50 ms | p97.5 ms | requests | non-2xx | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.targets.map(
      (t) =>
        `| ${t.target} | ${t.path} | ${t.requestsPerSecond} | ${t.p50} | ${t.p975} | ${t.requests} | ${t.non2xx} | ${t.errors} |`,
    ),
    "",
    `trivial / health: ${results.ratios.trivialOverHealth}; home / health: ${results.ratios.homeOverHealth} (median over rounds of each round's req/s ratio)`,
  ];
}

/** Why the run fails: any non-2xx or connection error, or a ratio below its floor. */
export function throughputBreaches(
  results: ThroughputResults,
  floors: { trivialOverHealth: number; homeOverHealth: number },
): string[] {
  const breaches: string[] = [];
  for (const t of results.targets) {
    if (t.non2xx > 0 || t.errors > 0) breaches.push(`${t.target}: ${t.non2xx} non-2xx answers, ${t.errors} errors`);
  }
  for (const key of ["trivialOverHealth", "homeOverHealth"] as const) {
    if (!(results.ratios[key] >= floors[key]))
      breaches.push(`${key}: ${results.ratios[key]} < ${floors[key]} (throughput ratio floor)`);
  }
  return breaches;
}
