/**
 * GET /api/health (docs/security.md, promise 7): anyone may call it, so it answers only ok / unavailable; why the
 * database failed goes to the server log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const holder = globalThis as unknown as { tandemDb?: Promise<DatabaseHandle> };

describe("GET /api/health", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });
  afterEach(() => {
    holder.tandemDb = undefined;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("a database that answers → 200 with the status alone", async () => {
    holder.tandemDb = Promise.resolve(handle);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("an unreachable database → 503 with the status alone; the reason goes to the log", async () => {
    // A real connection attempt to a port nothing listens on, with credentials that must not leak.
    vi.stubEnv("DATABASE_URL", "postgres://tandem:hunter2-secret@127.0.0.1:1/tandem");
    holder.tandemDb = undefined;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: "unavailable" });
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|hunter2|ms/);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[health\] database unavailable after \d+ ms: \S/));
  });
});
