/**
 * The tRPC endpoint reads the session from its cookie alone (server/auth/session-cookie.ts, no Auth.js round):
 * a cookie we issued works; a revoked one, one of an older session version, one past its absolute end, one without
 * a session id or sealed with another secret does not; and the membership is still checked on every call.
 */
import { encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionFromCookie } from "@/server/auth/session-cookie";
import { revokeSession, SESSION_ABSOLUTE_MAX_AGE_S } from "@/server/auth/sessions";
import { selectRows } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { handleTrpcRequest } from "@/server/trpc/http";
import { gateStatement } from "@/server/trpc/init";
import { contextOfRequest } from "@/server/trpc/request-context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { BASE } from "../helpers/http";

const SECRET = "session-cookie-test-secret-0123456789abcdef";
const COOKIE = "authjs.session-token";
const now = () => Math.floor(Date.now() / 1000);

async function cookieFor(claims: JWT, secret = SECRET, maxAge = 3600): Promise<string> {
  return `${COOKIE}=${await encode({ token: claims, secret, salt: COOKIE, maxAge })}`;
}

describe("the tRPC endpoint's session cookie", () => {
  let handle: TestDatabase;
  let org: TestOrg;
  let other: TestOrg;
  const previousSecret = process.env.AUTH_SECRET;

  beforeAll(async () => {
    process.env.AUTH_SECRET = SECRET;
    handle = await createTestDatabase();
    org = await createOrg(handle.db, "Cookies");
    other = await createOrg(handle.db, "Other cookies");
  });
  afterAll(async () => {
    process.env.AUTH_SECRET = previousSecret;
    await handle.close();
  });

  /** GET org.current with this cookie, acting in `orgId`: the HTTP status and the tRPC error code, if any. */
  async function orgCurrent(cookie: string, orgId = org.id) {
    const headers = new Headers({ host: new URL(BASE).host, cookie, "x-tandem-org": orgId });
    const request = new Request(new URL("/api/trpc/org.current", BASE), { headers });
    const response = await handleTrpcRequest(request, () => contextOfRequest(request, handle.db, null));
    const body = (await response.json()) as {
      result?: { data: { json: { id: string; role: string } } };
      error?: { json: { data: { code: string } } };
    };
    return { status: response.status, code: body.error?.json.data.code, org: body.result?.data.json };
  }
  const session = (userId: string, extra: Partial<JWT> = {}): JWT => ({
    sub: userId,
    sv: 1,
    sid: crypto.randomUUID(),
    ast: now(),
    ...extra,
  });

  it("a cookie we issued acts as its user, with their role in the organization", async () => {
    expect(await orgCurrent(await cookieFor(session(org.manager.id)))).toEqual({
      status: 200,
      code: undefined,
      org: expect.objectContaining({ id: org.id, role: "manager" }),
    });
  });

  it("another organization answers NOT_FOUND: the membership is checked on the call", async () => {
    expect(await orgCurrent(await cookieFor(session(org.manager.id)), other.id)).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });

  it("a revoked session, or one of an older session version, is refused by the call", async () => {
    const claims = session(org.rep.id);
    const cookie = await cookieFor(claims);
    expect((await orgCurrent(cookie)).status).toBe(200);
    await revokeSession(handle.db, {
      sessionId: claims.sid as string,
      userId: org.rep.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(await orgCurrent(cookie)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await orgCurrent(await cookieFor(session(org.viewer.id, { sv: 0 })))).toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });
  });

  it("past its absolute end, without a session id, or sealed with another secret, there is no session", async () => {
    const old = session(org.admin.id, { ast: now() - SESSION_ABSOLUTE_MAX_AGE_S - 1 });
    const cookies = [
      await cookieFor(old),
      await cookieFor(session(org.admin.id, { sid: undefined })),
      await cookieFor(session(org.admin.id, { sid: "not-a-uuid" })),
      await cookieFor(session(org.admin.id), "another-secret-another-secret-0123456789"),
      `${COOKIE}=not-a-token`,
    ];
    for (const cookie of cookies) {
      expect(await sessionFromCookie(new Headers({ cookie }))).toBeNull();
      expect(await orgCurrent(cookie)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    }
    const fresh = session(org.admin.id);
    expect(await sessionFromCookie(new Headers({ cookie: await cookieFor(fresh) }))).toEqual({
      userId: org.admin.id,
      sessionVersion: 1,
      sessionId: fresh.sid,
    });
  });

  it("a cookie is decrypted once, yet refused once its expiry passes even though it was read before", async () => {
    const claims = session(org.admin.id);
    const headers = new Headers({ cookie: await cookieFor(claims, SECRET, 60) });
    const expected = { userId: org.admin.id, sessionVersion: 1, sessionId: claims.sid };
    expect(await sessionFromCookie(headers)).toEqual(expected);
    expect(await sessionFromCookie(headers)).toEqual(expected);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
    try {
      expect(await sessionFromCookie(headers)).toEqual(expected);
      // Past `exp` and jwtDecrypt's 15 seconds of tolerance.
      vi.setSystemTime(Date.now() + 46_000);
      expect(await sessionFromCookie(headers)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("the gate statement reads nothing unless the tenant scope is set (it fails closed)", async () => {
    const gate = gateStatement(org.rep.id, null, org.id);
    expect(await selectRows(handle.db, gate)).toEqual([]);
    const scoped = await withTenant(handle.db, { userId: org.rep.id, orgId: org.id }, (tx) => selectRows(tx, gate));
    expect(scoped).toEqual([expect.objectContaining({ id: org.rep.id, revoked: false, role: "rep" })]);
  });
});
