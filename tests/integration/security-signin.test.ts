/**
 * Promise 4 — sign-in resists guessing, beyond tests/integration/credentials.test.ts (limits, sliding window,
 * same answer): an unknown email takes as long as a wrong password, and the per-IP throttle keys on the
 * address our proxy saw, so a client cannot dodge it by sending made-up X-Forwarded-For values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { MAX_FAILURES_PER_IP, verifyCredentials } from "@/server/auth/credentials";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

describe("sign-in against guessing", () => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });

  afterAll(async () => {
    await handle?.close();
  });

  // The bounds are wide on purpose: the password hash dominates both paths, so skipping it for an unknown email (the
  // regression this guards against) gives a ratio far below 0.25, while a loaded machine moves a correct one by 2×.
  it("an unknown email and a wrong password take similar time (median ratio within 0.25–4) and answer the same", async () => {
    const user = await createUser(db, "Timed Tim");
    const time = async (email: string) => {
      const started = performance.now();
      const result = await verifyCredentials(db, { email, password: "wrong-password-123" });
      return { ms: performance.now() - started, result };
    };
    // Warm up both paths (the dummy hash is computed once, on first use).
    await time(`warmup.${crypto.randomUUID()}@example.test`);
    await time(user.email);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 6; round++) {
      // Interleaved, so that a slow moment of the machine hits both sides.
      const a = await time(user.email);
      const b = await time(`nobody.${crypto.randomUUID()}@example.test`);
      expect(b.result).toEqual(a.result);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const ratio = median(unknown) / median(known);
    expect(
      ratio,
      `unknown ${median(unknown).toFixed(1)} ms vs wrong password ${median(known).toFixed(1)} ms`,
    ).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });

  describe("the client address for per-IP throttling", () => {
    const headers = (init: Record<string, string>) => new Headers(init);

    it("is the right-most X-Forwarded-For entry (the one our proxy appended), not the client-controlled left-most", () => {
      expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
      expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
      expect(clientIp(headers({ "x-forwarded-for": " 203.0.113.7 , " }))).toBe("203.0.113.7");
    });

    it("with two proxies of ours (TRUSTED_PROXY_HOPS=2), the second entry from the right", () => {
      expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
      expect(clientIp(headers({ "x-forwarded-for": "203.0.113.7" }), 2)).toBe("203.0.113.7");
    });

    it("falls back to X-Real-IP, folds IPv4-mapped IPv6, bounds the length", () => {
      expect(clientIp(headers({ "x-real-ip": "198.51.100.4" }))).toBe("198.51.100.4");
      expect(clientIp(headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
      expect(clientIp(headers({ "x-forwarded-for": "x".repeat(500) }))?.length).toBe(64);
      expect(clientIp(headers({}))).toBeNull();
    });

    it("a password sprayer rotating made-up X-Forwarded-For values is still throttled per IP", async () => {
      const realAddress = "203.0.113.66";
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        const ip = clientIp(headers({ "x-forwarded-for": `10.${i}.${i}.${i}, ${realAddress}` }));
        expect(
          await verifyCredentials(db, {
            email: `spray.${i}.${crypto.randomUUID()}@example.test`,
            password: "guess-123456",
            ip,
          }),
        ).toEqual({ ok: false, reason: "invalid" });
      }
      const victim = await createUser(db, "Sprayed Sam");
      const ip = clientIp(headers({ "x-forwarded-for": `192.0.2.1, ${realAddress}` }));
      expect(await verifyCredentials(db, { email: victim.email, password: "guess-123456", ip })).toEqual({
        ok: false,
        reason: "throttled",
      });
    });
  });
});
