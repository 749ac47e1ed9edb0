import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/components/audit/describe";
import { AUDIT_AREAS, AUDIT_ENTITY_TYPE_KEYS, type AuditFilters } from "@/server/domain/audit-filters";
import { auditEvents } from "@/db/schema";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { useWorld, type Caller } from "../helpers/world";
import { allPages } from "./audit-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every TypeScript file under `dir` (relative to the repository). */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(ROOT, dir, file));
}

describe("audit router", () => {
  const world = useWorld();

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
});
