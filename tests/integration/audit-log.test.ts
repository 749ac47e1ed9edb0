import { beforeAll, describe, expect, it } from "vitest";
import { describeAuditEvent, type AuditNames } from "@/components/audit/describe";
import { AUDIT_AREAS } from "@/server/domain/audit-filters";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, useWorld } from "../helpers/world";
import { insertStrategy } from "./alignment-fixtures";
import { allPages } from "./audit-fixtures";

const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("audit router", () => {
  const world = useWorld();
  /** An organization whose whole history the tests below write, through the API. */
  let log: TestOrg;
  const api = () => world.api(log.admin, log.id);
  let dealId: string;
  let strategyId: string;
  let goalId: string;

  beforeAll(async () => {
    log = await createOrg(world.db, "Logbook");
    const admin = api();
    await admin.org.rename({ name: "Logbook Ltd" });
    await admin.members.changeRole({ userId: log.rep.id, role: "manager" });
    await admin.members.moveTeam({ userId: log.rep.id, teamId: log.rootTeamId });
    await admin.members.deactivate({ userId: log.viewer.id });
    await admin.members.reactivate({ userId: log.viewer.id });
    const invitation = await admin.invitations.create({
      email: "invitee@logbook.test",
      role: "rep",
      teamId: log.subTeamId,
    });
    await admin.invitations.revoke({ invitationId: invitation.id });
    const team = await admin.teams.create({ name: "Audited", parentTeamId: null });
    await admin.teams.rename({ teamId: team.id, name: "Audited Team" });
    await admin.teams.move({ teamId: team.id, parentTeamId: log.rootTeamId });
    await admin.teams.setManager({ teamId: team.id, userId: log.manager.id, isManager: true });
    await admin.teams.setManager({ teamId: team.id, userId: log.manager.id, isManager: false });
    // Reasons, accounts, deals, strategies and goals.
    const badFit = await admin.reasons.create({ label: "Bad fit" });
    await admin.reasons.rename({ reasonId: badFit.id, label: "Poor fit" });
    const unused = await admin.reasons.create({ label: "Unused" });
    await admin.reasons.setArchived({ reasonId: unused.id, archived: true });
    const account = await admin.accounts.create({ name: "Audit Corp" });
    await admin.accounts.update({ accountId: account.id, version: 1, name: "Audit Corporation" });
    const deal = await admin.deals.create({ accountId: account.id, name: "Audit Corp rollout", amount: "5000" });
    dealId = deal.id;
    const moved = await admin.deals.move({ dealId, version: deal.version, stage: "discovery" });
    await admin.deals.disqualify({ dealId, version: moved.version, reasonId: badFit.id, note: "No budget" });
    strategyId = (
      await insertStrategy(world.db, log.id, {
        name: "FY audit plan",
        status: "draft",
        objectives: [{ title: "Grow", weight: 100 }],
      })
    ).id;
    await admin.strategy.activate({ strategyId, version: 1 });
    const repApi = world.api(log.rep, log.id);
    const goal = await repApi.goals.create({
      strategyId,
      category: "skill",
      title: "Learn auditing",
      visibility: "private",
    });
    goalId = goal.id;
    await repApi.goals.update({
      goalId,
      version: goal.version,
      category: "skill",
      title: "Learn auditing",
      visibility: "team",
    });
  });

  describeOrgAccess(world, [
    { procedure: "audit.list", call: (caller) => caller.audit.list({}) },
    {
      procedure: "audit.list (filtered)",
      call: (caller) => caller.audit.list({ area: "deal", from: "2020-01-01" }),
    },
  ]);

  it("records every change, newest first, with actor, entity and diff", async () => {
    const { items, nextCursor } = await api().audit.list({ limit: 100 });
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.action)).toEqual([
      "goal.visibility_changed",
      "strategy.activated",
      "deal.disqualified",
      "deal.stage_changed",
      "deal.created",
      "account.updated",
      "account.created",
      "reason.archived",
      "reason.created",
      "reason.renamed",
      "reason.created",
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
    const admin = items.filter((item) => item.action !== "goal.visibility_changed");
    expect(admin.every((item) => item.actorName === "Logbook admin" && item.actorId === log.admin.id)).toBe(true);
    const roleChange = items.find((item) => item.action === "member.role_changed");
    expect(roleChange).toMatchObject({
      entityType: "member",
      entityId: log.rep.id,
      entityName: "Logbook rep",
      before: { role: "rep" },
      after: { role: "manager" },
    });
    expect(items.find((item) => item.action === "member.deactivated")).toMatchObject({
      entityId: log.viewer.id,
      after: { status: "deactivated" },
    });
    expect(items.find((item) => item.action === "invitation.created")).toMatchObject({
      entityType: "invitation",
      entityName: "invitee@logbook.test",
      after: { email: "invitee@logbook.test", role: "rep" },
    });
    expect(items.find((item) => item.action === "invitation.revoked")).toMatchObject({
      before: { email: "invitee@logbook.test" },
    });
    expect(items.find((item) => item.action === "team.moved")).toMatchObject({
      entityName: "Audited Team",
      before: { parentTeamId: null },
      after: { parentTeamId: log.rootTeamId },
    });
    expect(items.find((item) => item.action === "deal.disqualified")).toMatchObject({
      entityType: "deal",
      entityId: dealId,
      entityName: "Audit Corp rollout",
      after: { reason: "Poor fit", note: "No budget" },
    });
    expect(items.find((item) => item.action === "strategy.activated")).toMatchObject({
      entityId: strategyId,
      entityName: "FY audit plan",
      before: { status: "draft" },
      after: { status: "active" },
    });
    expect(items.find((item) => item.action === "account.updated")).toMatchObject({
      entityName: "Audit Corporation",
      before: { name: "Audit Corp" },
      after: { name: "Audit Corporation" },
    });
    expect(items.find((item) => item.action === "reason.renamed")).toMatchObject({ entityName: "Poor fit" });
    // A goal's title never comes from the goals table (a private goal's title must stay out of the log).
    expect(items.find((item) => item.action === "goal.visibility_changed")).toMatchObject({
      actorId: log.rep.id,
      entityId: goalId,
      entityName: null,
    });
    const times = items.map((item) => item.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("never shows another organization's events", async () => {
    const { items } = await world.api(world.org.admin).audit.list({ limit: 100 });
    expect(items).toEqual([]);
    const otherLog = await world.api(world.other.admin, world.other.id).audit.list({ limit: 100 });
    expect(otherLog.items).toEqual([]);
    // Naming this organization's records from another one finds nothing either.
    expect(
      (await world.api(world.other.admin, world.other.id).audit.list({ entityType: "deal", entityId: dealId })).items,
    ).toEqual([]);
    expect((await world.api(world.other.admin, world.other.id).audit.list({ actorId: log.admin.id })).items).toEqual(
      [],
    );
  });

  it("filters by area: each area returns exactly the events of its action family", async () => {
    const all = (await api().audit.list({ limit: 100 })).items;
    for (const { area } of AUDIT_AREAS) {
      const { items } = await api().audit.list({ area, limit: 100 });
      expect(
        items.map((item) => item.id),
        area,
      ).toEqual(all.filter((item) => item.action.startsWith(`${area}.`)).map((item) => item.id));
    }
    expect((await api().audit.list({ area: "member" })).items.map((item) => item.action)).toEqual([
      "member.reactivated",
      "member.deactivated",
      "member.team_changed",
      "member.role_changed",
    ]);
    expect((await api().audit.list({ area: "deal" })).items.map((item) => item.action)).toEqual([
      "deal.disqualified",
      "deal.stage_changed",
      "deal.created",
    ]);
    expect((await api().audit.list({ area: "goal" })).items.map((item) => item.action)).toEqual([
      "goal.visibility_changed",
    ]);
    expect((await api().audit.list({ area: "import" })).items).toEqual([]);
  });

  it("filters by entity: one deal's whole history", async () => {
    const { items } = await api().audit.list({ entityType: "deal", entityId: dealId });
    expect(items.map((item) => item.action)).toEqual(["deal.disqualified", "deal.stage_changed", "deal.created"]);
    expect((await api().audit.list({ entityType: "team" })).items).toHaveLength(5);
    expect((await api().audit.list({ entityType: "strategy", entityId: dealId })).items).toEqual([]);
  });

  it("renders every recorded event in words, with names instead of ids", async () => {
    const members = (await api().members.list({ limit: 100 })).items;
    const teams = await api().teams.list();
    const names: AuditNames = {
      user: (id) => members.find((m) => m.userId === id)?.name,
      team: (id) => teams.find((t) => t.id === id)?.name,
    };
    const { items } = await api().audit.list({ limit: 100 });
    for (const item of items) {
      const { summary, changes } = describeAuditEvent(item, names);
      const text = [summary, ...changes.map((c) => `${c.field}: ${c.before} → ${c.after}`)].join(" | ");
      expect(summary, item.action).not.toContain(item.action);
      expect(text, item.action).not.toMatch(UUID_ANYWHERE);
    }
    const words = (action: string) =>
      describeAuditEvent(
        items.find((item) => item.action === action)!,
        names,
      );
    expect(words("member.role_changed")).toEqual({
      summary: "changed the role of “Logbook rep”",
      changes: [{ field: "role", before: "Rep", after: "Manager" }],
    });
    expect(words("team.moved").changes).toEqual([
      { field: "parent team", before: "top level", after: "Logbook Sales" },
    ]);
    expect(words("member.team_changed").changes[0]).toEqual({
      field: "teams",
      before: "Logbook East",
      after: "Logbook Sales",
    });
    expect(words("deal.disqualified").summary).toBe("disqualified the deal: Poor fit — “No budget”");
    expect(words("goal.visibility_changed")).toEqual({
      summary: "changed who sees a skill goal “Learn auditing”",
      changes: [{ field: "visible to", before: "private (owner only)", after: "team" }],
    });
    expect(words("account.updated").changes).toEqual([
      { field: "name", before: "Audit Corp", after: "Audit Corporation" },
    ]);
  });

  it("paginates with the cursor: every event exactly once, in order", async () => {
    const all = (await api().audit.list({ limit: 100 })).items.map((item) => item.id);
    for (const limit of [1, 2, 5]) {
      const pages = await allPages(api(), { limit });
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.flat().map((item) => item.id)).toEqual(all);
    }
    const memberPages = await allPages(api(), { limit: 3, area: "member" });
    expect(memberPages.flat()).toHaveLength(4);
  });

  it("a non-admin is refused even with filters that would match nothing", async () => {
    for (const role of ["manager", "rep", "viewer"] as const) {
      await expectTRPCError(
        world.api(log[role], log.id).audit.list({ entityType: "deal", entityId: crypto.randomUUID() }),
        "FORBIDDEN",
      );
    }
  });

  it.each([
    ["area", { area: "Member!" }],
    ["area", { area: "member." }],
    ["area", { area: "spaceship" }],
    ["actorId", { actorId: "nope" }],
    ["entityType", { entityType: "spaceship" }],
    ["entityType", { entityId: crypto.randomUUID() }],
    ["entityId", { entityType: "deal", entityId: "nope" }],
    ["from", { from: "2024-02-30" }],
    ["from", { from: "0000-01-01" }],
    ["from", { from: "2024-03-01T00:00:00Z" }],
    ["to", { to: "yesterday" }],
    ["to", { from: "2024-03-02", to: "2024-03-01" }],
    ["limit", { limit: 0 }],
    ["limit", { limit: 101 }],
    ["cursor.at", { cursor: { at: "yesterday", id: crypto.randomUUID() } }],
    ["cursor.id", { cursor: { at: "2024-03-01T10:00:00.123456Z", id: "nope" } }],
  ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
    await expectBadRequest(api().audit.list(input as never), field);
  });
});
