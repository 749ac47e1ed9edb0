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
import { decode } from "next-auth/jwt";
import type { Database } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { authSecret } from "@/server/auth/secret";
import { setPageCharge } from "./page-rate-hook";
import { chargeRequest, userBucket, type RateDecision } from "./rate-limit";

/** Auth.js's session cookie: `__Secure-` over HTTPS. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

function cookieValue(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

/** The signed-in person's id from the session cookie, or null (no cookie, or one we did not issue). */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  for (const salt of SESSION_COOKIES) {
    const token = cookieValue(headers, salt);
    if (!token) continue;
    try {
      const claims = await decode({ token, secret: authSecret(), salt });
      return typeof claims?.sub === "string" ? claims.sub : null;
    } catch {
      return null;
    }
  }
  return null;
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
