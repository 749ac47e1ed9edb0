/** recordAttempt (server/auth/throttle.ts): the attempt counts of sign-in and the public entry points. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { recordAttempt, type Limit } from "@/server/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const LIMIT = 5;
const HOUR = 60 * 60 * 1000;
const limitOf = (name: string, max = LIMIT): Limit => ({
  key: `test:${name}:${crypto.randomUUID()}`,
  max,
  windowMs: HOUR,
});

describe("recordAttempt", () => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle?.close());

  const recorded = async (key: string) =>
    (await db.select().from(signInFailures).where(eq(signInFailures.key, key))).length;
  const allowedOf = (attempts: { throttled: boolean }[]) => attempts.filter((attempt) => !attempt.throttled).length;

  it("lets exactly the limit through, one after another, and records each", async () => {
    const limit = limitOf("sequential");
    const attempts = [];
    for (let i = 0; i < LIMIT + 2; i++) attempts.push(await recordAttempt(db, [limit]));
    expect(attempts.map((attempt) => attempt.throttled)).toEqual([...Array(LIMIT).fill(false), true, true]);
    expect(await recorded(limit.key)).toBe(LIMIT);
  });

  it("a parallel burst over the limit lets exactly the limit through, and the count persists afterwards", async () => {
    const limit = limitOf("burst");
    const burst = await Promise.all(Array.from({ length: 3 * LIMIT }, () => recordAttempt(db, [limit])));
    expect(allowedOf(burst)).toBe(LIMIT);
    expect(await recorded(limit.key)).toBe(LIMIT);
    // The door stays closed: the burst was not forgotten.
    expect((await recordAttempt(db, [limit])).throttled).toBe(true);
    expect(await recorded(limit.key)).toBe(LIMIT);
  });

  it("a parallel burst within the limit lets every attempt through", async () => {
    const limit = limitOf("within");
    const burst = await Promise.all(Array.from({ length: LIMIT }, () => recordAttempt(db, [limit])));
    expect(allowedOf(burst)).toBe(LIMIT);
    expect(await recorded(limit.key)).toBe(LIMIT);
  });

  it("parallel attempts counted against two keys, in either order, hold both limits and never deadlock", async () => {
    const shared = limitOf("shared", 2 * LIMIT);
    const own = [limitOf("own-a"), limitOf("own-b")];
    const burst = await Promise.all(
      Array.from({ length: 4 * LIMIT }, (_, i) =>
        recordAttempt(db, i % 2 === 0 ? [shared, own[0]!] : [own[1]!, shared]),
      ),
    );
    expect(allowedOf(burst)).toBe(2 * LIMIT);
    expect(await recorded(shared.key)).toBe(2 * LIMIT);
    expect(await recorded(own[0]!.key)).toBe(LIMIT);
    expect(await recorded(own[1]!.key)).toBe(LIMIT);
  });

  it("a refused attempt leaves nothing behind; a forgotten one frees its place", async () => {
    const limit = limitOf("forget");
    const attempts = [];
    for (let i = 0; i < LIMIT; i++) attempts.push(await recordAttempt(db, [limit]));
    expect((await recordAttempt(db, [limit])).throttled).toBe(true);
    expect(await recorded(limit.key)).toBe(LIMIT);
    const first = attempts[0]!;
    if (first.throttled) throw new Error("the first attempt was let through above");
    await first.forget();
    expect(await recorded(limit.key)).toBe(LIMIT - 1);
    expect((await recordAttempt(db, [limit])).throttled).toBe(false);
  });

  it("attempts outside the window no longer count", async () => {
    const limit = limitOf("window");
    const past = new Date(Date.now() - 2 * HOUR);
    for (let i = 0; i < LIMIT; i++) await recordAttempt(db, [limit], past);
    expect((await recordAttempt(db, [limit])).throttled).toBe(false);
    // The expired attempts were removed on the way.
    expect(await recorded(limit.key)).toBe(1);
  });

  // Two instances need a server both connect to (PGlite is one process only): on Postgres runs.
  if (process.env.DATABASE_URL) {
    describe("across app instances (two connection pools on one Postgres database)", () => {
      let second: DatabaseHandle | undefined;
      beforeAll(() => {
        second = openDatabase({ url: handle.url, max: 5 });
      });
      afterAll(() => second?.close());

      it("a burst split over both instances lets exactly the limit through", async () => {
        const limit = limitOf("instances");
        const burst = await Promise.all(
          Array.from({ length: 4 * LIMIT }, (_, i) => recordAttempt(i % 2 === 0 ? db : second!.db, [limit])),
        );
        expect(allowedOf(burst)).toBe(LIMIT);
        expect(await recorded(limit.key)).toBe(LIMIT);
      });
    });
  }
});
