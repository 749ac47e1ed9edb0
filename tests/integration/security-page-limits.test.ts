/**
 * Pages and the CSV export are rate limited like the tRPC endpoint (docs/security.md, promise 10): proxy.ts charges
 * a signed-in person's bucket (whatever their address), else the client address's, and answers 429 with
 * Retry-After and the security headers. Router prefetches and other paths are not charged.
 */
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { authSecret } from "@/server/auth/secret";
import { setPageCharge } from "@/server/services/page-rate-hook";
import { installPageRateLimit } from "@/server/services/page-rate-limit";
import { useWorld } from "../helpers/world";

const COOKIE = "authjs.session-token";

describe("page rate limits", () => {
  const world = useWorld();

  beforeAll(() => {
    process.env.RATE_LIMIT_USER_BURST = "2";
    process.env.RATE_LIMIT_USER_PER_SECOND = "0.001";
    installPageRateLimit(async () => world.db);
  });

  afterAll(() => {
    setPageCharge(undefined);
    delete process.env.RATE_LIMIT_USER_BURST;
    delete process.env.RATE_LIMIT_USER_PER_SECOND;
  });

  async function get(path: string, headers: Record<string, string>) {
    return proxy(new NextRequest(`http://tandem.test${path}`, { headers }));
  }

  async function sessionCookie(userId: string): Promise<string> {
    const token = await encode({ token: { sub: userId }, secret: authSecret(), salt: COOKIE });
    return `${COOKIE}=${token}`;
  }

  it("charges a signed-out client by its address: the third page answers 429 with Retry-After", async () => {
    const from = { "x-forwarded-for": "203.0.113.7" };
    expect((await get("/o/acme-robotics", from)).status).toBe(200);
    expect((await get("/invite/abc", from)).status).toBe(200);
    const refused = await get("/o/acme-robotics/deals", from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await refused.text()).toContain("Too many requests");
    // Another address has its own bucket; a router prefetch and a path that is no page are not charged.
    expect((await get("/o/acme-robotics", { "x-forwarded-for": "203.0.113.8" })).status).toBe(200);
    expect((await get("/o/acme-robotics", { ...from, "next-router-prefetch": "1" })).status).toBe(200);
    expect((await get("/sign-in", from)).status).toBe(200);
    expect((await get("/api/health", from)).status).toBe(200);
  });

  it("charges a signed-in person's own bucket from any address; the CSV export answers 429 in JSON", async () => {
    const cookie = await sessionCookie(world.org.rep.id);
    expect((await get("/o/acme-robotics", { cookie, "x-forwarded-for": "198.51.100.1" })).status).toBe(200);
    expect((await get("/o/acme-robotics", { cookie, "x-forwarded-for": "198.51.100.2" })).status).toBe(200);
    const refused = await get(`/api/deals/export?org=${world.org.id}`, { cookie, "x-forwarded-for": "198.51.100.3" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^Too many requests/);
    // Someone else, from the same address, is not slowed down by it.
    const other = await sessionCookie(world.org.manager.id);
    expect((await get("/o/acme-robotics", { cookie: other, "x-forwarded-for": "198.51.100.3" })).status).toBe(200);
    // A cookie we did not issue is no person: that request is charged to its address.
    const forged = `${COOKIE}=not-a-token`;
    expect((await get("/o/acme-robotics", { cookie: forged, "x-forwarded-for": "198.51.100.9" })).status).toBe(200);
  });
});
