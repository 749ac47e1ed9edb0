import { eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import {
  continueSession,
  revocationExpiry,
  revokeSession,
  SESSION_ABSOLUTE_MAX_AGE_S,
  SESSION_MAX_AGE_S,
  startSession,
} from "@/server/auth/sessions";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, createOrg, type TestOrg } from "../helpers/fixtures";

describe("signing out revokes exactly that session", () => {
  let handle: TestDatabase;
  let org: TestOrg;

  beforeAll(async () => {
    handle = await createTestDatabase();
    org = await createOrg(handle.db, "Revokers");
  });
  afterAll(() => handle.close());

  it("a revoked session is refused at its next request; the user's other sessions go on", async () => {
    const laptop = crypto.randomUUID();
    const phone = crypto.randomUUID();
    const onLaptop = callerFor(handle.db, org.rep, org.id, 1, laptop);
    const onPhone = callerFor(handle.db, org.rep, org.id, 1, phone);
    expect((await onLaptop.org.current()).id).toBe(org.id);

    await revokeSession(handle.db, {
      sessionId: laptop,
      userId: org.rep.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });

    await expectTRPCError(onLaptop.org.current(), "UNAUTHORIZED");
    await expectTRPCError(onLaptop.me.get(), "UNAUTHORIZED");
    expect((await onPhone.me.get()).user.id).toBe(org.rep.id);
  });

  it("revoking twice is harmless, and entries past their expiry are pruned", async () => {
    const old = crypto.randomUUID();
    await revokeSession(handle.db, { sessionId: old, userId: org.admin.id, expiresAt: new Date(Date.now() - 1000) });
    const current = crypto.randomUUID();
    const entry = { sessionId: current, userId: org.admin.id, expiresAt: new Date(Date.now() + 3_600_000) };
    await revokeSession(handle.db, entry);
    await revokeSession(handle.db, entry);
    const ids = (await handle.db.select({ id: revokedSessions.sessionId }).from(revokedSessions)).map((row) => row.id);
    expect(ids).toContain(current);
    expect(ids).not.toContain(old);
  });

  it("a session id that is not a uuid counts as signed out", async () => {
    await expectTRPCError(callerFor(handle.db, org.rep, org.id, 1, "not-a-uuid").me.get(), "UNAUTHORIZED");
  });

  describe("the session cookie's lifetime (Auth.js's jwt callback)", () => {
    const DAY = 24 * 60 * 60 * 1000;
    const at = (start: Date, ms: number) => new Date(start.getTime() + ms);
    const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
    const database = () => Promise.resolve(handle.db);
    /** What Auth.js does when it re-issues the cookie (GET /api/auth/session, every auth()): new iat and exp. */
    const reissued = (token: JWT, now: Date): JWT => ({
      ...token,
      iat: seconds(now),
      exp: seconds(now) + SESSION_MAX_AGE_S,
    });
    const signIn = (userId: string, now: Date) =>
      reissued(startSession({}, { id: userId, sessionVersion: 1 }, now), now);

    it("a session records when it started and goes on while it is young and not revoked", async () => {
      const now = new Date();
      const token = signIn(org.viewer.id, now);
      expect(token).toMatchObject({ sub: org.viewer.id, sv: 1, ast: seconds(now) });
      expect(typeof token.sid).toBe("string");
      expect(await continueSession({ ...token }, database, at(now, DAY))).toMatchObject({
        sid: token.sid,
        ast: seconds(now),
      });
    });

    it(`ends ${SESSION_ABSOLUTE_MAX_AGE_S / 86400} days after the sign-in, however often the cookie was refreshed`, async () => {
      const start = new Date();
      let token: JWT | null = signIn(org.viewer.id, start);
      let day = 0;
      // Refreshed every day (an active user): the cookie's own expiry keeps moving, the absolute end does not.
      while (token) {
        day++;
        const now = at(start, day * DAY);
        token = await continueSession(reissued(token, now), database, now);
      }
      expect(day).toBe(SESSION_ABSOLUTE_MAX_AGE_S / 86400);
      expect(
        await continueSession(
          signIn(org.viewer.id, start),
          database,
          at(start, SESSION_ABSOLUTE_MAX_AGE_S * 1000 - 1000),
        ),
      ).not.toBeNull();
    });

    it("a cookie from before sessions recorded their start counts from its last refresh (iat)", async () => {
      const start = new Date();
      const legacy: JWT = {
        sub: org.viewer.id,
        sv: 1,
        sid: crypto.randomUUID(),
        iat: seconds(start),
        exp: seconds(start) + SESSION_MAX_AGE_S,
      };
      expect(await continueSession({ ...legacy }, database, at(start, DAY))).toMatchObject({ ast: seconds(start) });
      expect(await continueSession({ ...legacy }, database, at(start, SESSION_ABSOLUTE_MAX_AGE_S * 1000))).toBeNull();
    });

    it("a revoked session is not refreshed: the jwt callback ends it (Auth.js clears the cookie)", async () => {
      const now = new Date();
      const token = signIn(org.viewer.id, now);
      await revokeSession(handle.db, {
        sessionId: token.sid as string,
        userId: org.viewer.id,
        expiresAt: revocationExpiry(token, now),
      });
      expect(await continueSession({ ...token }, database, now)).toBeNull();
    });

    it("a token without a usable session id or user is ended", async () => {
      const now = new Date();
      expect(
        await continueSession({ sub: org.viewer.id, sv: 1, sid: "not-a-uuid", ast: seconds(now) }, database, now),
      ).toBeNull();
      expect(await continueSession({ sub: org.viewer.id, sv: 1, ast: seconds(now) }, database, now)).toBeNull();
      expect(await continueSession({ sv: 1, sid: crypto.randomUUID(), ast: seconds(now) }, database, now)).toBeNull();
    });

    it("while the database is unreachable the session is kept (an outage signs nobody out); other errors are not swallowed", async () => {
      const now = new Date();
      const token = signIn(org.viewer.id, now);
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      expect(await continueSession({ ...token }, () => Promise.reject(refused), now)).toMatchObject({ sid: token.sid });
      const broken = new Proxy(handle.db, {
        get(target, key, receiver) {
          if (key === "select")
            return () => {
              throw new Error("unexpected");
            };
          return Reflect.get(target, key, receiver) as unknown;
        },
      }) as Database;
      await expect(continueSession({ ...token }, () => Promise.resolve(broken), now)).rejects.toThrow("unexpected");
    });

    it("the revocation is kept until no copy of the cookie can be used any more, then pruned", async () => {
      const start = new Date();
      const signedIn = signIn(org.manager.id, start);
      // The browser's cookie is refreshed on day 20; a copy was taken on day 10.
      const copy = reissued(signedIn, at(start, 10 * DAY));
      const browser = reissued(signedIn, at(start, 20 * DAY));
      // Signed out on day 25.
      const signOutAt = at(start, 25 * DAY);
      const expiresAt = revocationExpiry(browser, signOutAt);
      expect(expiresAt.getTime()).toBeGreaterThanOrEqual(at(start, SESSION_ABSOLUTE_MAX_AGE_S * 1000).getTime());
      await revokeSession(
        handle.db,
        { sessionId: browser.sid as string, userId: org.manager.id, expiresAt },
        signOutAt,
      );
      // Every day until the revocation could be pruned, the copy is refused (revoked, then too old).
      for (let day = 25; day * DAY <= expiresAt.getTime() - start.getTime(); day++) {
        expect(
          await continueSession(reissued(copy, at(start, day * DAY)), database, at(start, day * DAY)),
          `day ${day}`,
        ).toBeNull();
      }
      // Once pruned (a later sign-out's housekeeping), the copy is still refused: past its absolute end.
      const later = at(expiresAt, 1000);
      await revokeSession(
        handle.db,
        { sessionId: crypto.randomUUID(), userId: org.manager.id, expiresAt: at(later, DAY) },
        later,
      );
      expect(
        await handle.db
          .select()
          .from(revokedSessions)
          .where(eq(revokedSessions.sessionId, browser.sid as string)),
      ).toEqual([]);
      expect(await continueSession(reissued(copy, later), database, later)).toBeNull();
    });

    it("the retention covers the absolute end even when the cookie itself would expire sooner", () => {
      const now = new Date();
      const token: JWT = {
        sub: org.rep.id,
        sid: crypto.randomUUID(),
        ast: seconds(now) - 86400,
        exp: seconds(now) + 3600,
      };
      expect(revocationExpiry(token, now).getTime()).toBe((seconds(now) - 86400 + SESSION_ABSOLUTE_MAX_AGE_S) * 1000);
    });
  });
});
