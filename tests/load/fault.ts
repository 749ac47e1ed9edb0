/**
 * `npm run test:fault` — the database goes away in the middle of the load, and comes back.
 *
 * Runs on a private Postgres of its own (initdb into a temporary folder, its own port; as root the server
 * runs as the `postgres` user), so stopping it disturbs nothing else. Migrates and seeds it, starts
 * `npm start` (an existing production build) on it, signs in FAULT_CLIENTS people and runs a mixed load
 * (FAULT_WRITE_SHARE writes) whose every acknowledged write id is recorded. After FAULT_WARMUP seconds it
 * stops Postgres (`pg_ctl stop -m fast`, or FAULT_STOP_MODE=immediate for a crash), keeps the load going for
 * FAULT_OUTAGE seconds, starts Postgres again and keeps going for FAULT_AFTER seconds. Then it checks:
 *
 * - before the outage: no errors;
 * - during the outage: every failed request answered 503 SERVICE_UNAVAILABLE (never a 500 or a hang), and
 *   /api/health said 503;
 * - the app recovered by itself (no restart) within FAULT_RECOVERY_LIMIT seconds of Postgres accepting
 *   connections again, with no error after that;
 * - every write acknowledged with success is in the database afterwards (zero lost).
 *
 * Prints a summary table; removes the server, Postgres and its folder whatever happens.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { driveLoad, missingWrites } from "./load";
import { privatePostgres } from "./private-postgres";
import { log, onCleanup, runScript, sleep } from "./lib";
import { migrateAndSeed, startNext, tail } from "./processes";
import { latencyTable, table, type Sample } from "./stats";
import { signedInClients, type Client } from "./trpc-client";

const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 20);
const WRITE_SHARE = Number(process.env.FAULT_WRITE_SHARE ?? 0.5);
const WARMUP = Number(process.env.FAULT_WARMUP ?? 5);
const OUTAGE = Number(process.env.FAULT_OUTAGE ?? 5);
const AFTER = Number(process.env.FAULT_AFTER ?? 10);
const RECOVERY_LIMIT = Number(process.env.FAULT_RECOVERY_LIMIT ?? 10);
const STOP_MODE = process.env.FAULT_STOP_MODE ?? "fast";

async function health(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

/** A signed-in page load (the dashboard), as a browser would make it. */
async function page(baseUrl: string, client: Client): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}/o/acme-robotics`, {
      headers: { cookie: client.cookie, accept: "text/html" },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function main(): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), "tandem-fault-"));
  onCleanup(() => (process.env.FAULT_KEEP ? log(`kept ${work}`) : rmSync(work, { recursive: true, force: true })));
  log(`initdb into ${work}`);
  const pg = await privatePostgres(work);
  const admin = postgres(pg.url("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe("create database tandem");
  await admin.end({ timeout: 5 });
  const databaseUrl = pg.url("tandem");
  log("migrating and seeding");
  migrateAndSeed(databaseUrl);

  const server = await startNext(databaseUrl, path.join(work, "next.log"));
  log(`production server (npm start) on ${server.url}; signing in ${CLIENTS} clients`);
  const clients = await signedInClients(server.url, CLIENTS, () => "admin");

  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const timeline = { stopAt: 0, stoppedAt: 0, startAt: 0, startedAt: 0, end: 0 };
  const healthDuringOutage: number[] = [];
  let running = true;
  const load = driveLoad(server.url, clients, WRITE_SHARE, () => running, t0);

  await sleep(WARMUP * 1000);
  log(`stopping Postgres (-m ${STOP_MODE}) under load`);
  timeline.stopAt = now();
  await pg.stop(STOP_MODE);
  log(`Postgres stopped after ${((now() - timeline.stopAt) / 1000).toFixed(1)} s`);
  timeline.stoppedAt = now();
  const outageEnd = Date.now() + OUTAGE * 1000;
  // A page load every 300 ms while the database is down, each on its own (a probe may wait seconds).
  const pageLoads: Promise<number>[] = [];
  const pageTimer = setInterval(() => pageLoads.push(page(server.url, clients[0]!)), 300);
  while (Date.now() < outageEnd) {
    healthDuringOutage.push(await health(server.url));
    await sleep(500);
  }
  clearInterval(pageTimer);
  log("starting Postgres again");
  timeline.startAt = now();
  await pg.start();
  timeline.startedAt = now();
  log(`Postgres accepts connections again after ${((timeline.startedAt - timeline.startAt) / 1000).toFixed(1)} s`);
  await sleep(AFTER * 1000);
  running = false;
  const result = await load;
  timeline.end = now();
  const healthAfter = await health(server.url);
  const pageAfter = await page(server.url, clients[0]!);
  const pagesDuringOutage = await Promise.all(pageLoads);
  const missing = await missingWrites(databaseUrl, result.acknowledged);

  // Phases: before = answered before the stop; during = overlapping the outage; after = sent once Postgres is back.
  const samples = result.samples;
  const endOf = (s: Sample) => s.at + s.ms;
  const before = samples.filter((s) => endOf(s) < timeline.stopAt);
  const outage = samples.filter((s) => endOf(s) >= timeline.stopAt && s.at < timeline.startedAt);
  const after = samples.filter((s) => s.at >= timeline.startedAt);
  const is503 = (s: Sample) => s.status === 503 && s.code === "SERVICE_UNAVAILABLE";
  const unclear = samples.filter((s) => !s.ok && !is503(s));
  const firstOkAfter = after.find((s) => s.ok);
  const lastErrorAfter = [...after].reverse().find((s) => !s.ok);
  const recoverySeconds = firstOkAfter ? (endOf(firstOkAfter) - timeline.startedAt) / 1000 : Number.POSITIVE_INFINITY;
  const settledSeconds = lastErrorAfter ? (lastErrorAfter.at - timeline.startedAt) / 1000 : 0;
  const outage503 = outage.filter(is503);
  const slowest503 = Math.max(0, ...samples.filter(is503).map((s) => s.ms));
  const seconds = (ms: number) => (ms / 1000).toFixed(1);

  console.log(
    `\nFault: ${clients.length} clients, ${Math.round(WRITE_SHARE * 100)}% writes; Postgres stopped (-m ${STOP_MODE}) at ${seconds(timeline.stopAt)} s, back at ${seconds(timeline.startedAt)} s, end at ${seconds(timeline.end)} s\n`,
  );
  console.log(latencyTable(samples, timeline.end / 1000));
  const checks: [string, string | number, string, boolean][] = [
    ["requests answered before the outage", before.length, "> 0", before.length > 0],
    ["…with an error", before.filter((s) => !s.ok).length, "0", before.every((s) => s.ok)],
    ["requests overlapping the outage", outage.length, "> 0", outage.length > 0],
    ["…answered 503 SERVICE_UNAVAILABLE", outage503.length, "> 0", outage503.length > 0],
    ["errors other than 503 (500, timeout, reset…), whole run", unclear.length, "0", unclear.length === 0],
    ["slowest 503 answer (ms)", Math.round(slowest503), "< 10000", slowest503 < 10_000],
    [
      "/api/health during the outage",
      [...new Set(healthDuringOutage)].join(","),
      "503",
      healthDuringOutage.length > 0 && healthDuringOutage.every((s) => s === 503),
    ],
    // Pages: a 503 page at once; one load in 2 s still renders as a probe (500, or 200 if the database is back by then).
    [
      "page loads during the outage answered 503",
      `${pagesDuringOutage.filter((s) => s === 503).length} of ${pagesDuringOutage.length}`,
      "most",
      pagesDuringOutage.filter((s) => s === 503).length * 2 > pagesDuringOutage.length,
    ],
    [
      "…others (probes)",
      [...new Set(pagesDuringOutage.filter((s) => s !== 503))].join(",") || "none",
      "500/200",
      pagesDuringOutage.every((s) => [503, 500, 200].includes(s)),
    ],
    ["page load at the end", pageAfter, "200", pageAfter === 200],
    [
      "first success after Postgres is back (s)",
      Number.isFinite(recoverySeconds) ? recoverySeconds.toFixed(2) : "never",
      `< ${RECOVERY_LIMIT}`,
      recoverySeconds < RECOVERY_LIMIT,
    ],
    [
      "last failed request sent after it is back (s)",
      lastErrorAfter ? settledSeconds.toFixed(2) : "none",
      `< ${RECOVERY_LIMIT}`,
      settledSeconds < RECOVERY_LIMIT,
    ],
    ["requests after recovery", after.length, "> 0", after.filter((s) => s.ok).length > 0],
    ["/api/health at the end", healthAfter, "200", healthAfter === 200],
    ["acknowledged writes", result.acknowledged.length, "> 0", result.acknowledged.length > 0],
    ["acknowledged writes missing afterwards", missing.length, "0", missing.length === 0],
  ];
  // Informational: postgres.js 3.4.9 throws from a timer when a socket dies mid-write (porsager/postgres#1176);
  // Next logs it and goes on, and server/db/index.ts replaces the poisoned pool.
  const driverExceptions = (readFileSync(server.logFile, "utf8").match(/uncaughtException/g) ?? []).length;
  checks.push(["uncaught driver exceptions logged (postgres.js #1176)", driverExceptions, "-", true]);
  console.log(
    `\n${table(
      ["check", "value", "goal", "ok"],
      checks.map(([check, value, goal, ok]) => [check, value, goal, ok ? "yes" : "NO"]),
    )}`,
  );
  for (const [error, count] of result.errors) console.log(`  ${count} × ${error}`);
  // The slowest answers, on the run's clock, to tell a request queued behind the outage from one that hung.
  for (const s of [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    console.log(`  slow: ${s.op} sent at ${seconds(s.at)} s took ${seconds(s.ms)} s → ${s.status} ${s.code ?? ""}`);
  }
  if (missing.length > 0) console.log(`  missing: ${missing.slice(0, 10).join(", ")}`);
  if (checks.some(([, , , ok]) => !ok)) {
    console.log(
      `\nFAILED. Server log tail:\n${tail(server.logFile)}\nPostgres log tail:\n${tail(path.join(work, "data.log"), 15)}`,
    );
    return 1;
  }
  console.log("\nOK: clear 503s during the outage, recovered by itself, no acknowledged write lost.");
  return 0;
}

runScript("test:fault", WARMUP + OUTAGE + AFTER + 300, main);
