import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations } from "@/db/schema";
import { INVITATION_LIFETIME_DAYS } from "@/server/trpc/routers/invitations";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, scalar, useWorld, type Caller } from "../helpers/world";

const DAY_MS = 24 * 60 * 60 * 1000;
const uniqueEmail = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.test`;
const tokenOf = (path: string) => path.replace(/^\/invite\//, "");
type ListResult = Awaited<ReturnType<Caller["invitations"]["list"]>>;

describe("invitations router", () => {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  /** An invitation of `org` that the access checks try to revoke. */
  let pendingId: string;

  beforeAll(async () => {
    pendingId = (await admin().invitations.create({ email: uniqueEmail("pending"), role: "rep" })).id;
  });

  describeOrgAccess(world, [
    { procedure: "invitations.list", call: (api) => api.invitations.list({}) },
    {
      procedure: "invitations.create",
      call: (api) => api.invitations.create({ email: uniqueEmail("access"), role: "rep" }),
    },
    {
      procedure: "invitations.revoke",
      call: (api) => api.invitations.revoke({ invitationId: pendingId }),
    },
  ]);

  describe("create", () => {
    it("returns a one-time link /invite/<token> and stores only the token's SHA-256", async () => {
      const email = uniqueEmail("hash");
      const before = Date.now();
      const created = await admin().invitations.create({ email, role: "manager", teamId: world.org.subTeamId });
      expect(created.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
      expect(created.emailed).toBe(false);
      expect(created.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_LIFETIME_DAYS * DAY_MS - 1000);
      expect(created.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_LIFETIME_DAYS * DAY_MS);

      const token = tokenOf(created.path);
      const [row] = await world.db.select().from(invitations).where(eq(invitations.id, created.id));
      expect(row).toMatchObject({
        orgId: world.org.id,
        email,
        role: "manager",
        teamId: world.org.subTeamId,
        invitedBy: world.org.admin.id,
        acceptedAt: null,
        revokedAt: null,
      });
      expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
      // The token itself is nowhere in the database.
      expect(
        await scalar<number>(
          world.db,
          sql`select count(*)::int as value from invitations i where strpos(row_to_json(i)::text, ${token}) > 0`,
        ),
      ).toBe(0);
      expect(
        await scalar<number>(
          world.db,
          sql`select count(*)::int as value from audit_events a where strpos(row_to_json(a)::text, ${token}) > 0`,
        ),
      ).toBe(0);

      expect(await lastAudit(world.db, world.org.id, "invitation.created")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: created.id,
        after: { email, role: "manager", teamId: world.org.subTeamId },
      });
    });

    it("normalizes the email and links a fresh token each time", async () => {
      const email = uniqueEmail("mixed");
      const created = await admin().invitations.create({ email: email.toUpperCase(), role: "viewer" });
      const [row] = await world.db
        .select({ email: invitations.email, teamId: invitations.teamId })
        .from(invitations)
        .where(eq(invitations.id, created.id));
      expect(row).toEqual({ email, teamId: null });
    });

    it("a new invitation for the same email revokes the earlier link", async () => {
      const email = uniqueEmail("twice");
      const first = await admin().invitations.create({ email, role: "rep" });
      const second = await admin().invitations.create({ email, role: "manager" });
      await expectTRPCError(
        world.api(null, undefined).onboarding.invitation({ token: tokenOf(first.path) }),
        "NOT_FOUND",
      );
      expect(await world.api(null, undefined).onboarding.invitation({ token: tokenOf(second.path) })).toMatchObject({
        email,
        role: "manager",
      });
    });

    it("someone who is already a member → CONFLICT", async () => {
      const error = await expectTRPCError(
        admin().invitations.create({ email: world.org.rep.email, role: "viewer" }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^email: /);
      const deactivated = await expectTRPCError(
        admin().invitations.create({ email: world.deactivated.email, role: "rep" }),
        "CONFLICT",
      );
      expect(deactivated.message).toMatch(/reactivate/);
    });

    it("a member of another organization can be invited", async () => {
      const created = await admin().invitations.create({ email: world.other.rep.email, role: "rep" });
      expect(created.path).toMatch(/^\/invite\//);
    });

    it("a team of another organization → NOT_FOUND", async () => {
      await expectTRPCError(
        admin().invitations.create({ email: uniqueEmail("x"), role: "rep", teamId: world.other.subTeamId }),
        "NOT_FOUND",
      );
    });

    it.each([
      ["email", { email: "nope" }],
      ["role", { role: "owner" }],
      ["teamId", { teamId: "not-a-uuid" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, override) => {
      const input = { email: uniqueEmail("valid"), role: "rep", ...override } as {
        email: string;
        role: "rep";
        teamId?: string;
      };
      await expectBadRequest(admin().invitations.create(input), field);
    });
  });

  describe("list", () => {
    it("lists the organization's invitations newest first, with status, team and inviter", async () => {
      const emails = {
        pending: uniqueEmail("l-pending"),
        revoked: uniqueEmail("l-revoked"),
        expired: uniqueEmail("l-expired"),
        accepted: uniqueEmail("l-accepted"),
      };
      const pending = await admin().invitations.create({
        email: emails.pending,
        role: "rep",
        teamId: world.org.rootTeamId,
      });
      const revoked = await admin().invitations.create({ email: emails.revoked, role: "rep" });
      await admin().invitations.revoke({ invitationId: revoked.id });
      const expired = await admin().invitations.create({ email: emails.expired, role: "viewer" });
      await world.db
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, expired.id));
      const accepted = await admin().invitations.create({ email: emails.accepted, role: "manager" });
      await world.api(null, undefined).onboarding.acceptInvitation({
        token: tokenOf(accepted.path),
        name: "Accepted Al",
        password: "a-long-password",
      });

      const { items } = await admin().invitations.list({ limit: 100 });
      const byId = new Map(items.map((item) => [item.id, item]));
      expect(byId.get(pending.id)).toMatchObject({
        email: emails.pending,
        role: "rep",
        status: "pending",
        teamName: "Initech Sales",
        invitedByName: "Initech admin",
      });
      expect(byId.get(revoked.id)).toMatchObject({ status: "revoked", teamName: null });
      expect(byId.get(expired.id)).toMatchObject({ status: "expired" });
      expect(byId.get(accepted.id)).toMatchObject({ status: "accepted", role: "manager" });

      const times = items.map((item) => item.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // Only this organization's invitations.
      const total = await scalar<number>(
        world.db,
        sql`select count(*)::int as value from invitations where org_id = ${world.org.id}`,
      );
      expect(items).toHaveLength(total);
    });

    it("never shows another organization's invitations", async () => {
      const theirs = await world
        .api(world.other.admin, world.other.id)
        .invitations.create({ email: uniqueEmail("theirs"), role: "rep" });
      const { items } = await admin().invitations.list({ limit: 100 });
      expect(items.map((item) => item.id)).not.toContain(theirs.id);
    });

    it("paginates with the cursor: every invitation exactly once", async () => {
      const all = (await admin().invitations.list({ limit: 100 })).items.map((item) => item.id);
      expect(all.length).toBeGreaterThan(5);
      const seen: string[] = [];
      let cursor: ListResult["nextCursor"] = null;
      for (let page = 0; page < 50; page++) {
        const result: ListResult = await admin().invitations.list({ limit: 2, cursor });
        expect(result.items.length).toBeLessThanOrEqual(2);
        seen.push(...result.items.map((item) => item.id));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(all);
    });

    it("paginates invitations created in the same instant", async () => {
      // Rows written by one transaction share their created_at (microseconds) — the cursor must not skip them.
      const at = "2020-01-01 12:00:00.123456+00";
      const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
      const org = world.other;
      for (const id of ids) {
        await world.db.execute(
          sql`insert into invitations (org_id, id, email, role, token_hash, expires_at, invited_by, created_at)
              values (${org.id}, ${id}, ${uniqueEmail("same")}, 'rep', ${crypto.randomUUID()}, now() + interval '1 day', ${org.admin.id}, ${at})`,
        );
      }
      const api = world.api(org.admin, org.id);
      const all = (await api.invitations.list({ limit: 100 })).items.map((item) => item.id);
      const seen: string[] = [];
      let cursor: ListResult["nextCursor"] = null;
      for (let page = 0; page < 50; page++) {
        const result: ListResult = await api.invitations.list({ limit: 2, cursor });
        seen.push(...result.items.map((item) => item.id));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(all);
      expect(seen).toEqual(expect.arrayContaining(ids));
    });

    it.each([
      ["limit", { limit: 0 }],
      ["limit", { limit: 101 }],
      ["cursor.id", { cursor: { createdAt: "2024-01-01T00:00:00.000000Z", id: "nope" } }],
      ["cursor.createdAt", { cursor: { createdAt: "yesterday", id: crypto.randomUUID() } }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().invitations.list(input as never), field);
    });
  });

  describe("revoke", () => {
    it("revokes a pending invitation: its link stops working, and it is audited", async () => {
      const email = uniqueEmail("revokee");
      const created = await admin().invitations.create({ email, role: "rep" });
      expect(await admin().invitations.revoke({ invitationId: created.id })).toEqual({
        id: created.id,
        status: "revoked",
      });
      const [row] = await world.db
        .select({ revokedAt: invitations.revokedAt })
        .from(invitations)
        .where(eq(invitations.id, created.id));
      expect(row?.revokedAt).toBeInstanceOf(Date);
      await expectTRPCError(
        world.api(null, undefined).onboarding.invitation({ token: tokenOf(created.path) }),
        "NOT_FOUND",
      );
      expect(await lastAudit(world.db, world.org.id, "invitation.revoked")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: created.id,
        before: { email },
      });
    });

    it("an invitation that is no longer pending → CONFLICT", async () => {
      const created = await admin().invitations.create({ email: uniqueEmail("done"), role: "rep" });
      await admin().invitations.revoke({ invitationId: created.id });
      await expectTRPCError(admin().invitations.revoke({ invitationId: created.id }), "CONFLICT");
    });

    it("another organization's invitation → NOT_FOUND, and it stays pending", async () => {
      const theirs = await world
        .api(world.other.admin, world.other.id)
        .invitations.create({ email: uniqueEmail("safe"), role: "rep" });
      await expectTRPCError(admin().invitations.revoke({ invitationId: theirs.id }), "NOT_FOUND");
      const [row] = await world.db
        .select({ revokedAt: invitations.revokedAt })
        .from(invitations)
        .where(and(eq(invitations.orgId, world.other.id), eq(invitations.id, theirs.id)));
      expect(row?.revokedAt).toBeNull();
    });

    it("bad input → BAD_REQUEST naming invitationId", async () => {
      await expectBadRequest(admin().invitations.revoke({ invitationId: "123" }), "invitationId");
    });
  });
});
