/**
 * The database of the verifyCredentials tests (one per test file) and helpers to fail sign-ins. `db` is a live
 * binding: it holds the file's database once the beforeAll registered by useCredentialsDb has run.
 */
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { Database } from "@/db/client";
import { verifyCredentials } from "@/server/auth/credentials";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, type TestUser } from "../helpers/fixtures";

export const WRONG_PASSWORD = "not-the-password";
export const minutes = (n: number) => n * 60 * 1000;
export const THROTTLED = { ok: false, reason: "throttled" } as const;
export const INVALID = { ok: false, reason: "invalid" } as const;

let handle: TestDatabase | undefined;
export let db: Database;

/** Registers the beforeAll/afterAll that create and drop the file's database (with a fresh auth secret). */
export function useCredentialsDb(): void {
  beforeAll(async () => {
    // Device cookies are signed with a key derived from the auth secret.
    vi.stubEnv("AUTH_SECRET", `test-${crypto.randomUUID()}`);
    handle = await createTestDatabase();
    db = handle.db;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await handle?.close();
  });
}

/** A fresh account per test, so that the failures of one test never throttle another. */
export const freshUser = (name: string) => createUser(db, name);
export const failTimes = async (
  user: Pick<TestUser, "email">,
  times: number,
  options: { ip?: string; now?: Date } = {},
) => {
  for (let i = 0; i < times; i++) {
    expect(
      await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD, ip: options.ip }, options.now),
    ).toEqual({ ok: false, reason: "invalid" });
  }
};
