/**
 * `npm run test:page-rate` — the page rate limit in the production build: link prefetches are not charged, page
 * views are (proxy.ts). Next.js strips the router's headers from the request its proxy sees unless next.config.mjs
 * sets `skipProxyUrlNormalize`; without it every prefetch was charged as a page view, and a home with 60 links on
 * screen spent half a person's burst. An integration test cannot show this (it calls the proxy with the header
 * it sets itself), so this runs `npm start` on an existing build.
 *
 * The server gets a burst of BURST tokens that does not refill in practice, so that the outcome does not depend on
 * how fast the machine answers: one person's 2 × BURST prefetches must all answer 200, then their page views must
 * answer 200 exactly BURST times before a 429 with Retry-After. Creates a fresh database on PAGE_RATE_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and removes it and the server whatever happens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { log, onCleanup, runScript } from "./lib";
import { migrateAndSeed, startNext, tail } from "./processes";
import { scratchDatabase } from "./scratch-database";
import { signIn } from "./trpc-client";

const PG_URL = process.env.PAGE_RATE_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const BURST = 20;
const PIPELINE = "/o/acme-robotics/deals?stage=open";

async function get(url: string, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return response;
}

async function main(): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), "tandem-page-rate-"));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const databaseUrl = await scratchDatabase(PG_URL, `tandem_page_rate_${crypto.randomUUID().slice(0, 8)}`);
  migrateAndSeed(databaseUrl);
  // startNext passes this process's environment on to the server.
  process.env.RATE_LIMIT_USER_BURST = String(BURST);
  process.env.RATE_LIMIT_USER_PER_SECOND = "0.0001";
  const server = await startNext(databaseUrl, path.join(work, "next.log"));
  const viewer = await signIn(server.url, "viewer@acme.test", "tandem-demo-2026");
  const url = `${server.url}${PIPELINE}`;

  const failures: string[] = [];
  const prefetches: number[] = [];
  // A prefetch without Next's cache-busting `_rsc` parameter is redirected to the URL with it: both not charged.
  for (let i = 0; i < 2 * BURST; i++) {
    prefetches.push((await get(url, { cookie: viewer.cookie, rsc: "1", "next-router-prefetch": "1" })).status);
  }
  const refused = prefetches.filter((status) => status !== 200).length;
  log(`${prefetches.length} prefetches: ${prefetches.length - refused} answered 200`);
  if (refused) failures.push(`${refused} of ${prefetches.length} prefetches did not answer 200: ${prefetches}`);

  let served = 0;
  let limited: Response | null = null;
  while (!limited && served <= BURST) {
    const response = await get(url, { cookie: viewer.cookie, accept: "text/html" });
    if (response.status === 200) served++;
    else if (response.status === 429) limited = response;
    else failures.push(`page view ${served + 1} answered ${response.status}`);
    if (failures.length) break;
  }
  log(`page views: ${served} answered 200, then ${limited ? 429 : "no 429"}`);
  if (served !== BURST) failures.push(`${served} page views were served before the limit, not ${BURST}`);
  if (limited && !limited.headers.get("retry-after")) failures.push("the 429 came without Retry-After");

  await server.stop();
  if (failures.length) {
    console.error(`page rate test failed:\n- ${failures.join("\n- ")}\n${tail(server.logFile)}`);
    return 1;
  }
  log("page rate test passed");
  return 0;
}

runScript("page-rate", 300, main);
