/**
 * Application errors as clients read them (server/domain/errors.ts, the formatter in server/trpc/init.ts):
 * every error carries `data.issues` with each problem's full field path, for zod errors and handler errors
 * alike, so that forms never parse message text; server callers still get the field-first message.
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { send } from "../helpers/http";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, createOrg, type TestOrg } from "../helpers/fixtures";

interface ErrorEnvelope {
  error: { json: { message: string; data: { code: string; issues: { path: string; message: string }[] } } };
}

describe("application errors", () => {
  let handle: TestDatabase;
  let db: Database;
  let org: TestOrg;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    org = await createOrg(db, "Hooli");
  });

  afterAll(async () => {
    await handle?.close();
  });

  async function mutate(path: string, input: unknown): Promise<ErrorEnvelope["error"]["json"]> {
    const response = await send(db, { user: org.admin, orgId: org.id }, `/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    });
    return ((await response.json()) as ErrorEnvelope).error.json;
  }

  it("sends a zod error's indexed field path as data", async () => {
    const objective = { title: "Grow", weight: 10 };
    const error = await mutate("strategy.update", {
      strategyId: crypto.randomUUID(),
      version: 1,
      name: "FY",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      objectives: [objective, objective, { ...objective, weight: 101 }],
    });
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.data.issues).toEqual([{ path: "objectives.2.weight", message: "Must be 100 or less" }]);
  });

  it("sends a handler's field error as data, and server callers get the field-first message", async () => {
    const accountId = crypto.randomUUID();
    const error = await mutate("accounts.update", { accountId, version: 1, name: "Renamed" });
    expect(error.data.code).toBe("NOT_FOUND");
    expect(error.data.issues).toEqual([{ path: "accountId", message: "Account not found." }]);
    const direct = await expectTRPCError(
      callerFor(db, org.admin, org.id).accounts.update({ accountId, version: 1, name: "Renamed" }),
      "NOT_FOUND",
    );
    expect(direct.message).toBe("accountId: Account not found.");
  });
});
