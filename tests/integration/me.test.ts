import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, memberships, users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { notify } from "@/server/services/notifications";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, createOrg, createUser } from "../helpers/fixtures";
import { auditLog, useWorld } from "../helpers/world";

describe("me router", () => {
  const world = useWorld();

  describe("get", () => {
    it("signed out → UNAUTHORIZED", async () => {
      await expectTRPCError(callerFor(world.db, null).me.get(), "UNAUTHORIZED");
    });

    it("an unknown user → UNAUTHORIZED", async () => {
      await expectTRPCError(callerFor(world.db, { id: crypto.randomUUID() }).me.get(), "UNAUTHORIZED");
    });

    it("returns the user and their organizations, by name", async () => {
      const both = await createUser(world.db, "Both Worlds");
      await world.db.insert(memberships).values([
        { orgId: world.other.id, id: crypto.randomUUID(), userId: both.id, role: "viewer" },
        { orgId: world.org.id, id: crypto.randomUUID(), userId: both.id, role: "manager" },
      ]);
      expect(await callerFor(world.db, both).me.get()).toEqual({
        user: { id: both.id, email: both.email, name: "Both Worlds" },
        organizations: [
          { id: world.org.id, name: "Initech", slug: world.org.slug, role: "manager" },
          { id: world.other.id, name: "Umbrella", slug: world.other.slug, role: "viewer" },
        ],
      });
    });

    it("leaves out organizations where the membership is deactivated", async () => {
      expect((await callerFor(world.db, world.deactivated).me.get()).organizations).toEqual([]);
    });

    it("a user without organizations gets an empty list", async () => {
      const loner = await createUser(world.db, "Loner");
      expect(await callerFor(world.db, loner).me.get()).toEqual({
        user: { id: loner.id, email: loner.email, name: "Loner" },
        organizations: [],
      });
    });

    it("with another organization named in the request, still shows only the user's own data", async () => {
      const result = await world.api(world.other.rep, world.org.id).me.get();
      expect(result.user.id).toBe(world.other.rep.id);
      expect(result.organizations.map((org) => org.id)).toEqual([world.other.id]);
    });

    it("ignores an organization header that is not a uuid", async () => {
      const headers = new Headers({ [ORG_HEADER]: "'; drop table users; --" });
      const caller = createCaller(
        createContext({
          db: world.db,
          session: { userId: world.org.rep.id, sessionVersion: 1, sessionId: crypto.randomUUID() },
          headers,
        }),
      );
      expect((await caller.me.get()).organizations.map((org) => org.id)).toEqual([world.org.id]);
    });

    it("reads roles on every request: a role change shows at once", async () => {
      const user = await createUser(world.db, "Promoted Pat");
      await world.db
        .insert(memberships)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" });
      const caller = callerFor(world.db, user);
      expect((await caller.me.get()).organizations[0]?.role).toBe("rep");
      await world.db
        .update(memberships)
        .set({ role: "manager" })
        .where(and(eq(memberships.orgId, world.org.id), eq(memberships.userId, user.id)));
      expect((await caller.me.get()).organizations[0]?.role).toBe("manager");
    });

    it("with unreadIn, the user's unread notifications in that organization only; null where not a member", async () => {
      const bell = await createUser(world.db, "Bell Ringer");
      await world.db.insert(memberships).values([
        { orgId: world.org.id, id: crypto.randomUUID(), userId: bell.id, role: "rep" },
        { orgId: world.other.id, id: crypto.randomUUID(), userId: bell.id, role: "viewer" },
      ]);
      const entity = { type: "review", id: crypto.randomUUID() };
      const tell = (orgId: string, actorId: string, userIds: string[]) =>
        withTenant(world.db, { userId: actorId, orgId }, (tx) =>
          notify(tx, { orgId, userIds, kind: "test", entity, payload: { text: "Hello", path: "/" } }),
        );
      for (let n = 0; n < 3; n++) await tell(world.org.id, world.org.manager.id, [bell.id, world.org.rep.id]);
      await tell(world.other.id, world.other.admin.id, [bell.id]);
      const inOrg = world.api(bell, world.org.id);
      const [newest] = (await inOrg.notifications.list({ limit: 1 })).items;
      await inOrg.notifications.markRead({ ids: [newest!.id] });

      const me = callerFor(world.db, bell).me;
      expect((await me.get({ unreadIn: world.org.slug })).unread).toBe(2);
      expect(await inOrg.notifications.unreadCount()).toEqual({ count: 2 });
      expect((await me.get({ unreadIn: world.other.slug })).unread).toBe(1);
      expect((await me.get({ unreadIn: "no-such-organization" })).unread).toBeNull();
      expect(await me.get()).not.toHaveProperty("unread");
      // Not a member there (another organization, a deactivated membership): no count, whatever it holds.
      expect((await callerFor(world.db, world.org.rep).me.get({ unreadIn: world.other.slug })).unread).toBeNull();
      expect((await callerFor(world.db, world.deactivated).me.get({ unreadIn: world.org.slug })).unread).toBeNull();
    });

    it("unreadIn that is not a short string → BAD_REQUEST", async () => {
      const me = callerFor(world.db, world.org.rep).me;
      await expectTRPCError(me.get({ unreadIn: "x".repeat(201) }), "BAD_REQUEST");
      await expectTRPCError(me.get({ unreadIn: 7 as unknown as string }), "BAD_REQUEST");
      await expectTRPCError(me.get({ unreadIn: ["a"] as unknown as string }), "BAD_REQUEST");
    });
  });

  describe("signOutEverywhere", () => {
    it("signed out → UNAUTHORIZED", async () => {
      await expectTRPCError(callerFor(world.db, null).me.signOutEverywhere(), "UNAUTHORIZED");
    });

    it("ends every session: the old session version is refused, the new one accepted", async () => {
      const user = await createUser(world.db, "Careful Casey");
      await world.db
        .insert(memberships)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" });
      const before = callerFor(world.db, user, world.org.id, 1);
      // A session from the future (version 2 while the user is at 1) is refused too.
      await expectTRPCError(callerFor(world.db, user, world.org.id, 2).me.get(), "UNAUTHORIZED");

      expect(await before.me.signOutEverywhere()).toEqual({ ok: true });
      const [row] = await world.db
        .select({ sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, user.id));
      expect(row?.sessionVersion).toBe(2);

      await expectTRPCError(before.me.get(), "UNAUTHORIZED");
      await expectTRPCError(before.org.current(), "UNAUTHORIZED");
      await expectTRPCError(before.me.signOutEverywhere(), "UNAUTHORIZED");
      const after = callerFor(world.db, user, world.org.id, 2);
      expect((await after.me.get()).user.id).toBe(user.id);
      expect((await after.org.current()).role).toBe("rep");
    });

    it("is audited in every organization where the user is an active member (and only there)", async () => {
      const user = await createUser(world.db, "Audited Avery");
      await world.db.insert(memberships).values([
        { orgId: world.org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" },
        { orgId: world.other.id, id: crypto.randomUUID(), userId: user.id, role: "viewer", status: "deactivated" },
      ]);
      const third = await createOrg(world.db, "Globex");
      await world.db
        .insert(memberships)
        .values({ orgId: third.id, id: crypto.randomUUID(), userId: user.id, role: "manager" });
      const eventsIn = (orgId: string) =>
        auditLog(
          world.db,
          orgId,
          and(eq(auditEvents.action, "member.signed_out_everywhere"), eq(auditEvents.entityId, user.id)),
        );

      // Called while acting in one organization (the header), the event still goes to each of them.
      expect(await callerFor(world.db, user, world.org.id, 1).me.signOutEverywhere()).toEqual({ ok: true });
      const expected = {
        action: "member.signed_out_everywhere",
        actorId: user.id,
        entityType: "member",
        entityId: user.id,
        before: { sessionVersion: 1 },
        after: { sessionVersion: 2 },
      };
      expect(await eventsIn(world.org.id)).toEqual([expected]);
      expect(await eventsIn(third.id)).toEqual([expected]);
      // Not where the membership is deactivated.
      expect(await eventsIn(world.other.id)).toEqual([]);

      // Without an organization header, too.
      await callerFor(world.db, user, undefined, 2).me.signOutEverywhere();
      expect(await eventsIn(world.org.id)).toHaveLength(2);
      expect(await eventsIn(third.id)).toHaveLength(2);
    });

    it("a user without organizations signs out everywhere without any audit event", async () => {
      const loner = await createUser(world.db, "Lonely Lou");
      expect(await callerFor(world.db, loner).me.signOutEverywhere()).toEqual({ ok: true });
      expect(await world.db.select().from(auditEvents).where(eq(auditEvents.actorId, loner.id))).toEqual([]);
    });

    it("only ends the caller's own sessions", async () => {
      const a = await createUser(world.db, "Alice Alone");
      const b = await createUser(world.db, "Bob Bystander");
      await callerFor(world.db, a).me.signOutEverywhere();
      expect((await callerFor(world.db, b).me.get()).user.id).toBe(b.id);
    });
  });
});
