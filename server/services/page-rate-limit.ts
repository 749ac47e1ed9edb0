/**
 * The rate limit of pages and of the CSV export (docs/security.md, promise 10): the same token buckets as the tRPC
 * endpoint (rate-limit.ts) — a signed-in person's own bucket (`userBucket`, shared with their calls), else one
 * per client address (`ip:<address>`) — one token per page request. proxy.ts charges them before a page renders,
 * through a hook that instrumentation.ts installs on globalThis, so that the proxy loads neither the database
 * driver nor Auth.js (the same pattern as server/db/outage.ts).
 *
 * The person is read from the session cookie's JWT (decrypted with AUTH_SECRET) only to pick a bucket: a request
 * without a valid cookie is charged to its address. Whether the session is still current is checked, as always,
 * when the page's procedures run.
 */
import type { Database } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { sessionToken } from "@/server/auth/session-cookie";
import { setPageCharge } from "./page-rate-hook";
import { chargeRequest, userBucket, type RateDecision } from "./rate-limit";

/** The signed-in person's id from the session cookie, or null (no cookie, or one we did not issue). */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  const claims = await sessionToken(headers);
  return typeof claims?.sub === "string" ? claims.sub : null;
}

/** Charges one page request to the person's bucket, else to the client address's; no address, no limit. */
export async function chargePageRequest(db: Database, headers: Headers): Promise<RateDecision> {
  const userId = await sessionUserId(headers);
  const ip = userId ? null : clientIp(headers);
  if (!userId && !ip) return { allowed: true };
  return chargeRequest(db, { bucket: userId ? userBucket(userId) : `ip:${ip}`, member: null, cost: 1 });
}

/** Called once per instance (instrumentation.ts): proxy.ts charges pages through it from then on. */
export function installPageRateLimit(database: () => Promise<Database>): void {
  setPageCharge(async (headers) => chargePageRequest(await database(), headers));
}
