/**
 * Promise 5 — sessions end when they should, on the very next request, for every procedure of the router
 * (enumerated at run time). The per-router tests show it for one procedure each; here every procedure is
 * checked after "sign out everywhere", a deactivation, a removal from the organization and a role change,
 * each made through the API as a user would make it. (Signing out in the browser — the cookie is cleared —
 * is in tests/e2e/security.spec.ts.)
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { respondToSessionEnded } from "@/server/auth/session-ended";
import { openDatabase, type Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { callerFor, createOrg, createUser, type TestOrg, type TestUser } from "../helpers/fixtures";
import {
  callInSavepoint,
  callerAs,
  checkExpected,
  emptyInput,
  expectNoProblems,
  listProcedures,
  rolledBack,
  type Relation,
} from "../helpers/security";

const procedures = listProcedures();
const guarded = procedures.filter((p) => (p.meta as { access?: string } | undefined)?.access !== "public");
const orgProcedures = procedures.filter((p) => (p.meta as { access?: string } | undefined)?.access === "org");

describe("sessions end at the next request, for every procedure", () => {
  let handle: TestDatabase;
  let db: Database;
  let org: TestOrg;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    org = await createOrg(db, "Initech");
  });

  afterAll(async () => {
    await handle?.close();
  });

  async function member(name: string, role: Role): Promise<TestUser> {
    const user = await createUser(db, name);
    await db.insert(memberships).values({ orgId: org.id, id: crypto.randomUUID(), userId: user.id, role });
    return user;
  }

  /** Every listed procedure, called with empty input by `user` (session version `version`), checked against `relation`. */
  async function everyProcedure(
    list: typeof procedures,
    user: TestUser,
    version: number,
    relation: Relation,
    orgHeader: string | null = org.id,
  ) {
    const problems: string[] = [];
    for (const procedure of list) {
      const outcome = await rolledBack(db, (tx) =>
        callInSavepoint(tx, { user, orgHeader, sessionVersion: version }, procedure.path, emptyInput(procedure)),
      );
      const problem = checkExpected(procedure, relation, outcome, true);
      if (problem) problems.push(problem);
    }
    return problems;
  }

  it("covers the router (not vacuous)", () => {
    expect(guarded.length).toBeGreaterThan(15);
    expect(orgProcedures.length).toBeGreaterThan(10);
  });

  it("sign out everywhere: the old session is refused by every procedure; a new sign-in works", async () => {
    const user = await member("Careful Casey", "admin");
    expectNoProblems(await everyProcedure(guarded, user, 1, { kind: "member", role: "admin" }), "before");
    await callerAs(db, user, org.id, 1).me.signOutEverywhere();
    expectNoProblems(
      await everyProcedure(guarded, user, 1, { kind: "stale-session" }),
      "old session after sign out everywhere",
    );
    const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(row?.version).toBe(2);
    expectNoProblems(await everyProcedure(guarded, user, 2, { kind: "member", role: "admin" }), "a new session");
  });

  it("deactivation: every organization procedure answers NOT_FOUND at the member's next request; reactivation restores it", async () => {
    const user = await member("Departing Dana", "admin");
    await callerAs(db, org.admin, org.id).members.deactivate({ userId: user.id });
    expectNoProblems(await everyProcedure(orgProcedures, user, 1, { kind: "outsider" }), "deactivated");
    // Still signed in (they may belong to other organizations): me.get works and lists no organization.
    expect((await callerAs(db, user, org.id).me.get()).organizations).toEqual([]);
    await callerAs(db, org.admin, org.id).members.reactivate({ userId: user.id });
    expectNoProblems(await everyProcedure(orgProcedures, user, 1, { kind: "member", role: "admin" }), "reactivated");
  });

  it("removal of the membership row: every organization procedure answers NOT_FOUND", async () => {
    const user = await member("Removed Remy", "manager");
    await db.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, user.id)));
    expectNoProblems(await everyProcedure(orgProcedures, user, 1, { kind: "outsider" }), "removed");
  });

  it.each([
    ["admin", "viewer"],
    ["admin", "rep"],
    ["manager", "viewer"],
    ["viewer", "admin"],
  ] as const)("role change %s → %s: the next request of every procedure follows the new role", async (from, to) => {
    const user = await member(`Changing ${from} ${to}`, from);
    expectNoProblems(await everyProcedure(orgProcedures, user, 1, { kind: "member", role: from }), `as ${from}`);
    await callerAs(db, org.admin, org.id).members.changeRole({ userId: user.id, role: to });
    expectNoProblems(
      await everyProcedure(orgProcedures, user, 1, { kind: "member", role: to }),
      `after the change to ${to}`,
    );
  });

  it("a session for a user that does not exist (forged or deleted) is refused everywhere", async () => {
    const ghost = { id: crypto.randomUUID() } as TestUser;
    expectNoProblems(await everyProcedure(guarded, ghost, 1, { kind: "stale-session" }), "unknown user");
  });

  describe("/session-ended signs out only sessions that are over, never because the database is down", () => {
    const request = new Request("http://tandem.test/session-ended");
    /** The route's answer for `user` (signed in, as far as the cookie goes), with the API on `database`. */
    async function visit(user: TestUser | null, database: Database = db) {
      let signedOut = false;
      const response = await respondToSessionEnded(request, {
        hasSession: async () => user !== null,
        organizationCount: async () => (await callerFor(database, user, undefined, 1).me.get()).organizations.length,
        signOut: async () => void (signedOut = true),
      });
      return { response, signedOut, location: response.headers.get("location") };
    }

    it("a member with an organization is sent home, still signed in", async () => {
      const user = await member("Still Here", "rep");
      expect(await visit(user)).toMatchObject({ signedOut: false, location: "http://tandem.test/" });
    });

    it("an ended session is signed out (sign-in page, session ended); no organization left → access removed", async () => {
      const user = await member("Signed Out Everywhere", "rep");
      await callerAs(db, user, org.id, 1).me.signOutEverywhere();
      expect(await visit(user)).toMatchObject({
        signedOut: true,
        location: "http://tandem.test/sign-in?reason=session-ended",
      });
      const loner = await createUser(db, "No Org Left");
      expect(await visit(loner)).toMatchObject({
        signedOut: true,
        location: "http://tandem.test/sign-in?reason=access-removed",
      });
      expect(await visit(null)).toMatchObject({
        signedOut: false,
        location: "http://tandem.test/sign-in?reason=session-ended",
      });
    });

    it("the database unreachable (the API answers SERVICE_UNAVAILABLE) → a 503 'try again' page, and the user stays signed in", async () => {
      const user = await member("Outage Olive", "rep");
      // Port 1 on loopback: nothing listens, the connection is refused at once.
      const down = openDatabase({ url: "postgres://postgres@127.0.0.1:1/nothing", max: 1 });
      try {
        const { response, signedOut } = await visit(user, down.db);
        expect(signedOut).toBe(false);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("5");
        expect(response.headers.get("cache-control")).toBe("no-store");
        const html = await response.text();
        expect(html).toContain("cannot reach its database");
        expect(html).toContain("still signed in");
      } finally {
        await down.close();
      }
    });

    it("the database cannot even be opened (a connection error before the API runs) → 503 too, no sign-out", async () => {
      let signedOut = false;
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      const response = await respondToSessionEnded(request, {
        hasSession: async () => true,
        organizationCount: () => Promise.reject(refused),
        signOut: async () => void (signedOut = true),
      });
      expect(response.status).toBe(503);
      expect(signedOut).toBe(false);
    });

    it("an unexpected error → a 500 page without details, no sign-out", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      let signedOut = false;
      const response = await respondToSessionEnded(request, {
        hasSession: async () => true,
        organizationCount: () => Promise.reject(new Error("Failed query: select secret")),
        signOut: async () => void (signedOut = true),
      });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("secret");
      expect(signedOut).toBe(false);
      expect(logged).toHaveBeenCalled(); // the server log keeps the details
      logged.mockRestore();
    });
  });
});
