import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { describeOrgAccess, expectBadRequest, useWorld, type Caller } from "../helpers/world";

type ListResult = Awaited<ReturnType<Caller["audit"]["list"]>>;

/** Every page of audit.list, following the cursor. */
async function allPages(api: Caller, input: { limit: number; action?: string }) {
  const pages: ListResult["items"][] = [];
  let cursor: ListResult["nextCursor"] = null;
  do {
    const result: ListResult = await api.audit.list({ ...input, cursor });
    pages.push(result.items);
    cursor = result.nextCursor;
  } while (cursor && pages.length < 200);
  return pages;
}

describe("audit router", () => {
  const world = useWorld();
  /** An organization whose whole history the tests below write, through the API. */
  let log: TestOrg;
  const api = () => world.api(log.admin, log.id);

  beforeAll(async () => {
    log = await createOrg(world.db, "Logbook");
    const admin = api();
    await admin.org.rename({ name: "Logbook Ltd" });
    await admin.members.changeRole({ userId: log.rep.id, role: "manager" });
    await admin.members.moveTeam({ userId: log.rep.id, teamId: log.rootTeamId });
    await admin.members.deactivate({ userId: log.viewer.id });
    await admin.members.reactivate({ userId: log.viewer.id });
    const invitation = await admin.invitations.create({ email: "invitee@logbook.test", role: "rep", teamId: log.subTeamId });
    await admin.invitations.revoke({ invitationId: invitation.id });
    const team = await admin.teams.create({ name: "Audited", parentTeamId: null });
    await admin.teams.rename({ teamId: team.id, name: "Audited Team" });
    await admin.teams.move({ teamId: team.id, parentTeamId: log.rootTeamId });
    await admin.teams.setManager({ teamId: team.id, userId: log.manager.id, isManager: true });
    await admin.teams.setManager({ teamId: team.id, userId: log.manager.id, isManager: false });
  });

  describeOrgAccess(world, [{ procedure: "audit.list", call: (caller) => caller.audit.list({}), forbidden: ["manager", "rep", "viewer"] }]);

  it("records every membership, invitation, team and organization change, newest first, with actor and diff", async () => {
    const { items, nextCursor } = await api().audit.list({ limit: 100 });
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.action)).toEqual([
      "team.manager_removed",
      "team.manager_added",
      "team.moved",
      "team.renamed",
      "team.created",
      "invitation.revoked",
      "invitation.created",
      "member.reactivated",
      "member.deactivated",
      "member.team_changed",
      "member.role_changed",
      "organization.renamed",
    ]);
    expect(items.every((item) => item.actorName === "Logbook admin")).toBe(true);
    const roleChange = items.find((item) => item.action === "member.role_changed");
    expect(roleChange).toMatchObject({ entityType: "member", entityId: log.rep.id, before: { role: "rep" }, after: { role: "manager" } });
    expect(items.find((item) => item.action === "member.deactivated")).toMatchObject({ entityId: log.viewer.id, after: { status: "deactivated" } });
    expect(items.find((item) => item.action === "invitation.created")).toMatchObject({ entityType: "invitation", after: { email: "invitee@logbook.test", role: "rep" } });
    expect(items.find((item) => item.action === "invitation.revoked")).toMatchObject({ before: { email: "invitee@logbook.test" } });
    expect(items.find((item) => item.action === "team.moved")).toMatchObject({ before: { parentTeamId: null }, after: { parentTeamId: log.rootTeamId } });
    const times = items.map((item) => item.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("never shows another organization's events", async () => {
    const { items } = await world.api(world.org.admin).audit.list({ limit: 100 });
    expect(items).toEqual([]);
    const otherLog = await world.api(world.other.admin, world.other.id).audit.list({ limit: 100 });
    expect(otherLog.items).toEqual([]);
  });

  it("filters by action prefix", async () => {
    const { items } = await api().audit.list({ action: "member." });
    expect(items.map((item) => item.action)).toEqual(["member.reactivated", "member.deactivated", "member.team_changed", "member.role_changed"]);
    expect((await api().audit.list({ action: "team.manager_" })).items).toHaveLength(2);
    expect((await api().audit.list({ action: "nothing.like.this" })).items).toEqual([]);
  });

  it("paginates with the cursor: every event exactly once, in order", async () => {
    const all = (await api().audit.list({ limit: 100 })).items.map((item) => item.id);
    for (const limit of [1, 2, 5]) {
      const pages = await allPages(api(), { limit });
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.flat().map((item) => item.id)).toEqual(all);
    }
    const memberPages = await allPages(api(), { limit: 3, action: "member." });
    expect(memberPages.flat()).toHaveLength(4);
  });

  it("paginates events written in the same transaction (same timestamp to the microsecond)", async () => {
    const burst = await createOrg(world.db, "Burst");
    await world.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await tx.insert(auditEvents).values({ orgId: burst.id, id: crypto.randomUUID(), actorId: burst.admin.id, action: `burst.event_${i}`, entityType: "test", entityId: null });
      }
    });
    await world.db.execute(sql`update audit_events set at = '2024-03-01 10:00:00.123456+00' where org_id = ${burst.id}`);
    const burstApi = world.api(burst.admin, burst.id);
    const all = (await burstApi.audit.list({ limit: 100 })).items.map((item) => item.id);
    expect(all).toHaveLength(7);
    const pages = await allPages(burstApi, { limit: 2 });
    expect(pages.flat().map((item) => item.id)).toEqual(all);
  });

  it("shows an event without an actor (written by the system) with no actor name", async () => {
    const quiet = await createOrg(world.db, "Quiet");
    const id = crypto.randomUUID();
    await world.db.insert(auditEvents).values({ orgId: quiet.id, id, actorId: null, action: "system.cleanup", entityType: "system", entityId: null, after: { removed: 3 } });
    const { items } = await world.api(quiet.admin, quiet.id).audit.list({});
    expect(items).toEqual([{ id, at: expect.any(Date), actorName: null, action: "system.cleanup", entityType: "system", entityId: null, before: null, after: { removed: 3 } }]);
  });

  it.each([
    ["action", { action: "Member!" }],
    ["action", { action: "x".repeat(61) }],
    ["limit", { limit: 0 }],
    ["limit", { limit: 101 }],
    ["cursor.at", { cursor: { at: "yesterday", id: crypto.randomUUID() } }],
    ["cursor.id", { cursor: { at: "2024-03-01T10:00:00.123456Z", id: "nope" } }],
  ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
    await expectBadRequest(api().audit.list(input as never), field);
  });
});
