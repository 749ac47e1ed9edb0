/**
 * Cost limits (docs/security.md, promise 10): one signed-in caller cannot tie up the database. Per-user and
 * per-organization token buckets in Postgres (429 + Retry-After), a cap on the rows one request may ask for, a
 * statement_timeout on tenant transactions (TIMEOUT), and a per-user share of the connection pool.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { chargeRequest, userBucket } from "@/server/services/rate-limit";
import { TOO_MANY_ROWS_MESSAGE } from "@/server/trpc/http";
import {
  createCallerFactory,
  createContext,
  orgProcedure,
  router,
  STATEMENT_TIMEOUT_MESSAGE,
} from "@/server/trpc/init";
import { MAX_ROWS_PER_REQUEST, rowsAskedBy } from "@/server/trpc/request-cost";
import { runningFor, withUserSlot } from "@/server/trpc/user-slots";
import { DEAL_STAGES } from "@/server/domain/deal-alignment";
import { send } from "../helpers/http";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createOrg, type TestOrg, type TestUser } from "../helpers/fixtures";

interface Item {
  error?: { json: { message: string; data: { code: TRPCError["code"]; httpStatus: number } } };
  result?: unknown;
}

function batchUrl(items: { path: string; input?: unknown }[]): string {
  const inputs: Record<string, unknown> = {};
  items.forEach((item, i) => {
    if (item.input !== undefined) inputs[i] = superjson.serialize(item.input);
  });
  return `/api/trpc/${items.map((item) => item.path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

function sendAs(db: Database, user: TestUser, orgId: string, url: string): Promise<Response> {
  return send(db, { user, orgId }, url);
}

const calls = (n: number, path = "teams.list", input?: unknown) => Array.from({ length: n }, () => ({ path, input }));

async function codesOf(response: Response): Promise<(string | undefined)[]> {
  const items = (await response.json()) as Item[];
  return items.map((item) => item.error?.json.data.code ?? "OK");
}

const ENV_KEYS = [
  "RATE_LIMIT_USER_BURST",
  "RATE_LIMIT_USER_PER_SECOND",
  "RATE_LIMIT_ORG_BURST",
  "RATE_LIMIT_ORG_PER_SECOND",
  "TENANT_STATEMENT_TIMEOUT_MS",
];

describe("cost limits", () => {
  let handle: TestDatabase;
  let db: Database;
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    org = await createOrg(db, "Initech");
    other = await createOrg(db, "Umbrella");
  });
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(async () => {
    for (const key of ENV_KEYS) delete process.env[key];
    await db.execute(sql`delete from request_rate_buckets`);
  });

  /** Slow refill, so that nothing refills between two requests of a test. */
  function setLimits(user: number, orgBurst: number) {
    process.env.RATE_LIMIT_USER_BURST = String(user);
    process.env.RATE_LIMIT_USER_PER_SECOND = "0.01";
    process.env.RATE_LIMIT_ORG_BURST = String(orgBurst);
    process.env.RATE_LIMIT_ORG_PER_SECOND = "0.01";
  }

  describe("rate limit (token buckets in Postgres)", () => {
    it("counts every call of a batch against the user; over the limit every call answers 429 with Retry-After", async () => {
      setLimits(10, 1000);
      const first = await sendAs(db, org.admin, org.id, batchUrl(calls(6)));
      expect(first.status).toBe(200);
      expect(await codesOf(first)).toEqual(Array(6).fill("OK"));

      const refused = await sendAs(db, org.admin, org.id, batchUrl(calls(6)));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const items = (await refused.json()) as Item[];
      expect(items.map((item) => item.error?.json.data.code)).toEqual(Array(6).fill("TOO_MANY_REQUESTS"));
      expect(items[0]!.error!.json.message).toMatch(/^Too many requests\. Please try again in \d+ seconds?\.$/);

      // A refused request took nothing: the 4 tokens left still pay for 4 calls.
      expect(await codesOf(await sendAs(db, org.admin, org.id, batchUrl(calls(4))))).toEqual(Array(4).fill("OK"));
      // Another member of the organization has a bucket of their own.
      expect((await sendAs(db, org.rep, org.id, batchUrl(calls(6)))).status).toBe(200);
    });

    it("the bucket refills with time (read from the database clock)", async () => {
      setLimits(5, 1000);
      expect((await sendAs(db, org.admin, org.id, batchUrl(calls(5)))).status).toBe(200);
      expect((await sendAs(db, org.admin, org.id, batchUrl(calls(1)))).status).toBe(429);
      // 1,000 seconds at 0.01 token/s: 10 tokens, capped at the burst of 5.
      await db.execute(
        sql`update request_rate_buckets set refilled_at = refilled_at - interval '1000 seconds' where key = ${`user:${org.admin.id}`}`,
      );
      expect((await sendAs(db, org.admin, org.id, batchUrl(calls(5)))).status).toBe(200);
      expect((await sendAs(db, org.admin, org.id, batchUrl(calls(1)))).status).toBe(429);
    });

    it("the organization's bucket is shared by its members, and only members' requests are charged to it", async () => {
      setLimits(100, 12);
      expect((await sendAs(db, org.admin, org.id, batchUrl(calls(10)))).status).toBe(200);
      // A member of another organization naming this one (NOT_FOUND) does not drain its bucket.
      const stranger = await sendAs(db, other.admin, org.id, batchUrl(calls(10)));
      expect(await codesOf(stranger)).toEqual(Array(10).fill("NOT_FOUND"));
      expect((await sendAs(db, org.rep, org.id, batchUrl(calls(2)))).status).toBe(200);
      const refused = await sendAs(db, org.manager, org.id, batchUrl(calls(1)));
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).not.toBeNull();
      // Another organization is not affected.
      expect((await sendAs(db, other.rep, other.id, batchUrl(calls(10)))).status).toBe(200);
    });

    it("is one statement, and the same buckets whatever connection charges them", async () => {
      const limits = { user: { capacity: 3, perSecond: 0.01 }, organization: { capacity: 100, perSecond: 1 } };
      handle.resetQueryCount();
      expect(
        await chargeRequest(
          db,
          { bucket: userBucket(org.viewer.id), member: { orgId: org.id, userId: org.viewer.id }, cost: 3 },
          limits,
        ),
      ).toEqual({
        allowed: true,
      });
      expect(handle.queryCount()).toBe(1);
      const refused = await chargeRequest(
        db,
        { bucket: userBucket(org.viewer.id), member: { orgId: org.id, userId: org.viewer.id }, cost: 1 },
        limits,
      );
      expect(refused).toMatchObject({ allowed: false, bucket: "user" });
      const rows = await selectRows<{ key: string }>(
        db,
        sql`select key from request_rate_buckets where key like ${`%${org.viewer.id}`} or key = ${`org:${org.id}`}`,
      );
      expect(rows.map((row) => row.key).sort()).toEqual([`org:${org.id}`, `user:${org.viewer.id}`]);
    });
  });

  describe("rows per request", () => {
    it("prices calls by their parsed input, defaults included", () => {
      expect(rowsAskedBy("deals.board", { perStage: 100 })).toBe(100 * DEAL_STAGES.length);
      expect(rowsAskedBy("deals.board", {})).toBe(50 * DEAL_STAGES.length);
      expect(rowsAskedBy("deals.list", {})).toBe(25);
      expect(rowsAskedBy("deals.list", { limit: 100 })).toBe(100);
      expect(rowsAskedBy("deals.export", {})).toBe(10_000);
      expect(rowsAskedBy("me.get", undefined)).toBe(1);
      expect(rowsAskedBy("deals.board", { perStage: "lots" })).toBe(0); // tRPC answers BAD_REQUEST itself
    });

    it("refuses the probe's batch (50 × deals.board perStage 100) before any call runs", async () => {
      const batch = Array.from({ length: 50 }, () => ({ path: "deals.board", input: { perStage: 100 } }));
      handle.resetQueryCount();
      const response = await sendAs(db, org.viewer, org.id, batchUrl(batch));
      expect(response.status).toBe(400);
      const items = (await response.json()) as Item[];
      expect(items).toHaveLength(50);
      const rows = 50 * 100 * DEAL_STAGES.length;
      for (const item of items) {
        expect(item.error?.json.data.code).toBe("BAD_REQUEST");
        expect(item.error?.json.message).toBe(TOO_MANY_ROWS_MESSAGE(rows));
      }
      expect(handle.queryCount()).toBe(1); // the rate limit's statement; no call ran
    });

    it("one export fits, two in one batch do not; the browser's board fits", async () => {
      expect(
        await codesOf(await sendAs(db, org.admin, org.id, batchUrl([{ path: "deals.export", input: {} }]))),
      ).toEqual(["OK"]);
      const two = await sendAs(db, org.admin, org.id, batchUrl(calls(2, "deals.export", {})));
      expect(two.status).toBe(400);
      expect(MAX_ROWS_PER_REQUEST).toBeLessThan(20_000);
      const board = batchUrl([{ path: "deals.board", input: {} }, ...calls(10, "deals.list", {})]);
      expect(await codesOf(await sendAs(db, org.admin, org.id, board))).toEqual(Array(11).fill("OK"));
    });
  });

  describe("statement timeout", () => {
    const slowRouter = router({
      sleep: orgProcedure("deals.read").query(async ({ ctx }) => {
        await ctx.db.execute(sql`select pg_sleep(1)`);
        return "finished";
      }),
      cancelled: orgProcedure("deals.read").query(() => {
        throw Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
      }),
    });
    const callerOf = (user: TestUser, orgId: string) =>
      createCallerFactory(slowRouter)(
        createContext({
          db,
          session: { userId: user.id, sessionVersion: 1, sessionId: crypto.randomUUID() },
          headers: new Headers({ "x-tandem-org": orgId }),
        }),
      );

    it("every tenant transaction sets it, 15 s by default, TENANT_STATEMENT_TIMEOUT_MS otherwise", async () => {
      const setting = () =>
        withTenant(db, { userId: org.admin.id, orgId: org.id }, async (tx) => {
          const [row] = await selectRows<{ value: string }>(tx, sql`select current_setting('statement_timeout') value`);
          return row!.value;
        });
      expect(await setting()).toBe("15s");
      process.env.TENANT_STATEMENT_TIMEOUT_MS = "250";
      expect(await setting()).toBe("250ms");
      // Only inside the transaction (set locally).
      const [outside] = await selectRows<{ value: string }>(db, sql`select current_setting('statement_timeout') value`);
      expect(outside!.value).toBe("0");
    });

    it("a cancelled statement answers TIMEOUT with a clear message, not a 500", async () => {
      const error = await expectTRPCError(callerOf(org.admin, org.id).cancelled(), "TIMEOUT");
      expect(error.message).toBe(STATEMENT_TIMEOUT_MESSAGE);
    });

    it("a statement running past the limit is stopped (on Postgres; PGlite keeps the setting but has no timer)", async () => {
      process.env.TENANT_STATEMENT_TIMEOUT_MS = "100";
      if (handle.label === "postgres") {
        const error = await expectTRPCError(callerOf(org.admin, org.id).sleep(), "TIMEOUT");
        expect(error.message).toBe(STATEMENT_TIMEOUT_MESSAGE);
      } else {
        expect(await callerOf(org.admin, org.id).sleep()).toBe("finished");
      }
    });
  });

  describe("a user's share of the connection pool", () => {
    it("runs at most the limit of one user's transactions at once; the rest wait; others are not held up", async () => {
      const release: (() => void)[] = [];
      let peak = 0;
      const task = (user: string) =>
        withUserSlot(
          user,
          () =>
            new Promise<void>((resolve) => {
              peak = Math.max(peak, runningFor("heavy"));
              release.push(resolve);
            }),
          2,
        );
      const heavy = Array.from({ length: 6 }, () => task("heavy"));
      await expect.poll(() => release.length).toBe(2);
      expect(runningFor("heavy")).toBe(2);
      const light = task("light");
      await expect.poll(() => release.length).toBe(3); // not queued behind "heavy"
      expect(runningFor("light")).toBe(1);
      while (release.length > 0) {
        release.shift()!();
        await Promise.resolve();
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all([...heavy, light]);
      expect(peak).toBe(2);
      expect(runningFor("heavy")).toBe(0);
    });
  });
});
