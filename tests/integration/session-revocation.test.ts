import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokedSessions } from "@/db/schema";
import { revokeSession } from "@/server/auth/sessions";
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

    await revokeSession(handle.db, { sessionId: laptop, userId: org.rep.id, expiresAt: new Date(Date.now() + 3_600_000) });

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
});
