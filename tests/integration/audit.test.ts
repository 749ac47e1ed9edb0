import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { describeAuditEvent, type AuditNames } from "@/components/audit/describe";
import { AUDIT_AREAS, AUDIT_ENTITY_TYPE_KEYS, type AuditFilters } from "@/server/domain/audit-filters";
import { auditEvents } from "@/db/schema";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { followPages } from "../helpers/pages";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, useWorld, type Caller } from "../helpers/world";
import { insertStrategy } from "./alignment-fixtures";

type ListResult = Awaited<ReturnType<Caller["audit"]["list"]>>;
type Item = ListResult["items"][number];

/** Every page of audit.list, following the cursor. */
function allPages(api: Caller, input: AuditFilters & { limit: number }): Promise<Item[][]> {
  return followPages((cursor) => api.audit.list({ ...input, cursor }));
}

const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every TypeScript file under `dir` (relative to the repository). */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(ROOT, dir, file));
}

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

  it("the areas cover every action family the code records, and the entity types every entity type", () => {
    const families = new Set<string>();
    const entityTypes = new Set<string>();
    const seedFiles = readdirSync(path.join(ROOT, "db"))
      .filter((name) => name.startsWith("seed"))
      .map((name) => path.join(ROOT, "db", name));
    for (const file of [...sources("server"), ...seedFiles]) {
      // Calls wrapped by the formatter are joined back onto one line before scanning.
      const text = readFileSync(file, "utf8")
        .replace(/\(\s*\n\s*/g, "(")
        .replace(/,\s*\n\s*/g, ", ");
      for (const line of text.split("\n")) {
        if (/action:|audited\(|audit\(|recordAudit/.test(line))
          for (const match of line.matchAll(/"([a-z_]+)\.[a-z_]+"/g)) families.add(match[1]!);
        for (const match of line.matchAll(/entityType: "([a-z_]+)"/g)) entityTypes.add(match[1]!);
        // db/seed-*.ts: audit("deal.created", "deal", …); imports.ts: audited(…, "account").
        for (const match of line.matchAll(/audit\("[a-z_.]+", "([a-z_]+)"/g)) entityTypes.add(match[1]!);
        for (const match of line.matchAll(/audited\("[a-z_.]+",.*, "([a-z_]+)"\);?$/g)) entityTypes.add(match[1]!);
      }
    }
    // The scan finds what it should (a broken scan would pass vacuously).
    expect([...families]).toEqual(
      expect.arrayContaining(["deal", "strategy", "member", "goal", "import", "reason", "plan"]),
    );
    expect([...entityTypes]).toEqual(
      expect.arrayContaining(["deal", "disqualification_reason", "membership", "account"]),
    );
    const areas = AUDIT_AREAS.map((a) => a.area as string);
    expect([...families].filter((family) => !areas.includes(family))).toEqual([]);
    expect([...entityTypes].filter((type) => !(AUDIT_ENTITY_TYPE_KEYS as string[]).includes(type))).toEqual([]);
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

  describe("filters on a known history (exact results, across pages)", () => {
    let org: TestOrg;
    const deals = [crypto.randomUUID(), crypto.randomUUID()];
    const teamId = crypto.randomUUID();
    const strategy = crypto.randomUUID();
    interface Synthetic {
      id: string;
      at: string;
      actorId: string | null;
      action: string;
      entityType: string;
      entityId: string | null;
    }
    const events: Synthetic[] = [];
    const decoys: string[] = [];

    beforeAll(async () => {
      org = await createOrg(world.db, "Filtered");
      const entities = [
        {
          type: "deal",
          id: deals[0]!,
          actions: ["deal.created", "deal.stage_changed", "deal.disqualified", "deal.owner_changed"],
        },
        { type: "deal", id: deals[1]!, actions: ["deal.created", "deal.updated", "deal.reopened"] },
        { type: "team", id: teamId, actions: ["team.created", "team.renamed"] },
        { type: "member", id: org.rep.id, actions: ["member.role_changed", "member.deactivated"] },
        { type: "strategy", id: strategy, actions: ["strategy.activated", "strategy.updated"] },
        { type: "import", id: null, actions: ["import.completed"] },
      ];
      const actors = [org.admin.id, org.manager.id, org.rep.id, null];
      const stamp = (day: number, time: string) => `2025-03-${String(day).padStart(2, "0")}T${time}Z`;
      for (let i = 0; i < 60; i++) {
        const entity = entities[i % entities.length]!;
        events.push({
          id: crypto.randomUUID(),
          at: stamp(
            1 + ((i * 7) % 10),
            `${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00.${String(i * 1000 + 7).padStart(6, "0")}`,
          ),
          actorId: actors[(i + Math.floor(i / 4)) % actors.length]!,
          action: entity.actions[Math.floor(i / entities.length) % entity.actions.length]!,
          entityType: entity.type,
          entityId: entity.id,
        });
      }
      // The edges of a day, to the microsecond, and three events of one transaction (same timestamp).
      for (const at of [
        stamp(5, "00:00:00.000000"),
        stamp(5, "23:59:59.999999"),
        stamp(6, "00:00:00.000000"),
        stamp(4, "23:59:59.999999"),
      ]) {
        events.push({
          id: crypto.randomUUID(),
          at,
          actorId: org.admin.id,
          action: "deal.stage_changed",
          entityType: "deal",
          entityId: deals[0]!,
        });
      }
      for (let i = 0; i < 3; i++)
        events.push({
          id: crypto.randomUUID(),
          at: stamp(7, "10:00:00.123456"),
          actorId: org.rep.id,
          action: "deal.updated",
          entityType: "deal",
          entityId: deals[1]!,
        });
      await world.db
        .insert(auditEvents)
        .values(events.map((e) => ({ orgId: org.id, ...e, at: sql`${e.at}::timestamptz` })));
      // Another organization's events naming the same entities on the same days: never part of any answer.
      const otherRows = events
        .slice(0, 20)
        .map((e) => ({ ...e, id: crypto.randomUUID(), orgId: world.other.id, actorId: world.other.admin.id }));
      decoys.push(...otherRows.map((row) => row.id));
      await world.db.insert(auditEvents).values(otherRows.map((row) => ({ ...row, at: sql`${row.at}::timestamptz` })));
    });

    const expected = (f: AuditFilters) =>
      events
        .filter(
          (e) =>
            (!f.area || e.action.startsWith(`${f.area}.`)) &&
            (!f.actorId || e.actorId === f.actorId) &&
            (!f.entityType || e.entityType === f.entityType) &&
            (!f.entityId || e.entityId === f.entityId) &&
            (!f.from || e.at.slice(0, 10) >= f.from) &&
            (!f.to || e.at.slice(0, 10) <= f.to),
        )
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((e) => e.id);

    const cases: [string, () => AuditFilters][] = [
      ["nothing", () => ({})],
      ["area deal", () => ({ area: "deal" })],
      ["area team", () => ({ area: "team" })],
      ["area import", () => ({ area: "import" })],
      ["area goal (none)", () => ({ area: "goal" })],
      ["actor admin", () => ({ actorId: org.admin.id })],
      ["actor rep", () => ({ actorId: org.rep.id })],
      ["actor from another organization", () => ({ actorId: world.other.admin.id })],
      ["entity type deal", () => ({ entityType: "deal" })],
      ["one deal", () => ({ entityType: "deal", entityId: deals[0] })],
      ["the other deal", () => ({ entityType: "deal", entityId: deals[1] })],
      ["one member", () => ({ entityType: "member", entityId: org.rep.id })],
      ["imports (no entity id)", () => ({ entityType: "import" })],
      ["an id of the wrong type", () => ({ entityType: "team", entityId: deals[0] })],
      ["from a day", () => ({ from: "2025-03-05" })],
      ["to a day", () => ({ to: "2025-03-05" })],
      ["one day", () => ({ from: "2025-03-05", to: "2025-03-05" })],
      ["two days", () => ({ from: "2025-03-05", to: "2025-03-06" })],
      ["a range with nothing", () => ({ from: "2024-01-01", to: "2024-12-31" })],
      ["area, actor and dates", () => ({ area: "deal", actorId: org.rep.id, from: "2025-03-03", to: "2025-03-08" })],
      ["one deal by one actor", () => ({ entityType: "deal", entityId: deals[1], actorId: org.rep.id })],
    ];

    it.each(cases)("%s: exactly the matching events, every page, in order", async (_, filters) => {
      const f = filters();
      const want = expected(f);
      const admin = world.api(org.admin, org.id);
      const pages = await allPages(admin, { ...f, limit: 3 });
      const got = pages.flat().map((item) => item.id);
      expect(got).toEqual(want);
      expect(pages.every((page) => page.length <= 3)).toBe(true);
      expect(got.some((id) => decoys.includes(id))).toBe(false);
      // One big page agrees with the pages.
      expect((await admin.audit.list({ ...f, limit: 100 })).items.map((item) => item.id)).toEqual(want);
    });

    it("the cases are not vacuous", () => {
      expect(expected({ area: "deal" }).length).toBeGreaterThan(20);
      expect(expected({ from: "2025-03-05", to: "2025-03-05" }).length).toBeGreaterThan(2);
      expect(
        expected({ area: "deal", actorId: org.rep.id, from: "2025-03-03", to: "2025-03-08" }).length,
      ).toBeGreaterThan(2);
      expect(expected({ entityType: "deal", entityId: deals[1], actorId: org.rep.id }).length).toBeGreaterThan(3);
    });

    it("the other organization sees only its own copies", async () => {
      const { items } = await world
        .api(world.other.admin, world.other.id)
        .audit.list({ limit: 100, entityType: "deal", entityId: deals[0] });
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => decoys.includes(item.id))).toBe(true);
    });

    it("issues the same number of SQL statements whatever the number of events, page size and filters", async () => {
      const admin = world.api(org.admin, org.id);
      const count = async (input: Parameters<Caller["audit"]["list"]>[0]) => {
        world.handle.resetQueryCount();
        await admin.audit.list(input);
        return world.handle.queryCount();
      };
      const few = await count({ limit: 100, entityType: "deal", entityId: deals[1] });
      expect(await count({ limit: 1 })).toBe(few);
      expect(await count({ limit: 100 })).toBe(few);
      expect(await count({ limit: 100, area: "deal", actorId: org.rep.id, from: "2025-03-01", to: "2025-03-31" })).toBe(
        few,
      );
      const more = Array.from({ length: 150 }, () => ({
        orgId: org.id,
        id: crypto.randomUUID(),
        actorId: org.manager.id,
        action: "deal.updated",
        entityType: "deal",
        entityId: deals[1]!,
        at: new Date("2025-02-01T00:00:00Z"),
      }));
      await world.db.insert(auditEvents).values(more);
      expect(await count({ limit: 100, entityType: "deal", entityId: deals[1] })).toBe(few);
      expect(await count({ limit: 100 })).toBe(few);
    });
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

  it("paginates events written in the same transaction (same timestamp to the microsecond)", async () => {
    const burst = await createOrg(world.db, "Burst");
    await world.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await tx.insert(auditEvents).values({
          orgId: burst.id,
          id: crypto.randomUUID(),
          actorId: burst.admin.id,
          action: `deal.event_${i}`,
          entityType: "test",
          entityId: null,
        });
      }
    });
    await world.db.execute(
      sql`update audit_events set at = '2024-03-01 10:00:00.123456+00' where org_id = ${burst.id}`,
    );
    const burstApi = world.api(burst.admin, burst.id);
    const all = (await burstApi.audit.list({ limit: 100 })).items.map((item) => item.id);
    expect(all).toHaveLength(7);
    expect((await allPages(burstApi, { limit: 2 })).flat().map((item) => item.id)).toEqual(all);
    expect(
      (
        await allPages(burstApi, {
          limit: 2,
          area: "deal",
          actorId: burst.admin.id,
          from: "2024-03-01",
          to: "2024-03-01",
        })
      )
        .flat()
        .map((item) => item.id),
    ).toEqual(all);
  });

  it("shows an event without an actor (written by the system) with no actor name", async () => {
    const quiet = await createOrg(world.db, "Quiet");
    const id = crypto.randomUUID();
    await world.db.insert(auditEvents).values({
      orgId: quiet.id,
      id,
      actorId: null,
      action: "system.cleanup",
      entityType: "system",
      entityId: null,
      after: { removed: 3 },
    });
    const { items } = await world.api(quiet.admin, quiet.id).audit.list({});
    expect(items).toEqual([
      {
        id,
        at: expect.any(Date),
        actorId: null,
        actorName: null,
        action: "system.cleanup",
        entityType: "system",
        entityId: null,
        entityName: null,
        before: null,
        after: { removed: 3 },
      },
    ]);
    // An unknown action still reads as something: its code and the diff.
    expect(describeAuditEvent(items[0]!)).toEqual({
      summary: "system.cleanup (system)",
      changes: [{ field: "removed", before: "—", after: "3" }],
    });
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
