/**
 * The list for a scope of several teams (a manager's, a viewer's) is one statement merging one ordered keyset scan
 * per team and one of the caller's own deals (deal-queries.ts scopedPage). Its pages must equal the scope's deals
 * sorted by the same key, every deal once, at any page size, in every sort order, with filters, and never show a
 * deal outside the scope; above MERGED_SCOPE_MAX_TEAMS teams the organization's index answers the same.
 */
import { and, eq, inArray, or } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { visibilityOf } from "@/server/services/deal-access";
import { MERGED_SCOPE_MAX_TEAMS, pageOfDeals } from "@/server/services/deal-queries";
import { useWorld } from "../helpers/world";
import { followPages } from "../helpers/pages";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

type Sort = { by: "closeDate" | "amount" | "score" | "name" | "updatedAt"; dir: "asc" | "desc" };

describe("deals.list for a scope of several teams", () => {
  const world = useWorld();
  let pipe: Pipeline;
  /** Teams under the manager's root team: the sub-team and three more, one nested. */
  const teamIds: string[] = [];
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
    const orgId = world.org.id;
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await world.db.insert(s.teams).values([
      { orgId, id: a, name: "North", parentTeamId: world.org.rootTeamId },
      { orgId, id: b, name: "South", parentTeamId: world.org.rootTeamId },
      { orgId, id: c, name: "South Inner", parentTeamId: b },
    ]);
    teamIds.push(world.org.rootTeamId, world.org.subTeamId, a, b, c);
    // 60 deals spread over the scope's teams (some owned by the manager), 20 outside it; ties in every sort key.
    const owners = [world.org.rep.id, world.org.manager.id];
    await world.db.insert(s.deals).values(
      Array.from({ length: 80 }, (_, i) => ({
        orgId,
        id: crypto.randomUUID(),
        accountId: i % 2 ? pipe.accounts.acme : pipe.accounts.globex,
        name: `Scoped ${i % 7}`,
        amount: `${1000 * (i % 9)}.00`,
        stage: (["prospecting", "discovery", "proposal", "closed_won"] as const)[i % 4],
        closeDate: i % 5 === 0 ? null : `2027-0${1 + (i % 4)}-1${i % 3}`,
        ownerId: i >= 60 ? pipe.outsider.id : owners[i % 2]!,
        teamId: i >= 60 ? pipe.partnersTeamId : [a, b, c, world.org.subTeamId][i % 4]!,
      })),
    );
  });

  /** The ids the caller's scope holds, from the privileged connection. */
  async function scopeIds(filters: { stages?: ("prospecting" | "discovery")[] } = {}) {
    const rows = await world.db
      .select({ id: s.deals.id })
      .from(s.deals)
      .where(
        and(
          eq(s.deals.orgId, world.org.id),
          or(eq(s.deals.ownerId, world.org.manager.id), inArray(s.deals.teamId, teamIds)),
          filters.stages ? inArray(s.deals.stageName, filters.stages) : undefined,
        ),
      );
    return rows.map((row) => row.id);
  }

  async function walk(role: "manager" | "admin", sort: Sort, limit: number, filters = {}) {
    const pages = await followPages((cursor) =>
      world.api(world.org[role]).deals.list({ sort, limit, cursor, filters }),
    );
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
    return pages.flat().map((deal) => deal.id);
  }

  it.each([
    ["closeDate", "asc"],
    ["closeDate", "desc"],
    ["amount", "asc"],
    ["amount", "desc"],
    ["score", "desc"],
    ["score", "asc"],
    ["name", "asc"],
    ["updatedAt", "desc"],
  ] as const)("by %s %s: pages of 4 equal the admin's order of the scope's deals, each once", async (by, dir) => {
    const sort = { by, dir };
    const expected = new Set(await scopeIds());
    const adminOrder = (await walk("admin", sort, 100)).filter((id) => expected.has(id));
    const paged = await walk("manager", sort, 4);
    expect(paged).toEqual(adminOrder);
    expect(paged.length).toBe(expected.size);
    expect(paged).not.toContain(pipe.deals.outsiderOpen);
  });

  it("applies the filters in every team's scan", async () => {
    const filters = { stages: ["prospecting", "discovery"] as ("prospecting" | "discovery")[] };
    const expected = new Set(await scopeIds(filters));
    const paged = await walk("manager", { by: "amount", dir: "desc" }, 3, filters);
    expect(new Set(paged)).toEqual(expected);
    expect(paged.length).toBe(expected.size);
  });

  /** The SQL of a manager's page (to see which form answers). */
  async function pageSql() {
    const actor = { orgId: world.org.id, userId: world.org.manager.id, role: "manager" as const };
    const visibility = await visibilityOf(world.db, actor satisfies Actor);
    const page = pageOfDeals(world.db, visibility, {}, { by: "closeDate", dir: "asc" }, null, 5);
    return world.db.select({ id: page.pageId }).from(page).toSQL().sql;
  }

  it("answers one page in one statement, whatever the number of teams", async () => {
    expect(await pageSql()).toMatch(/unnest\(.*\) as scope_team\(id\)\s+cross join lateral/s);
    const statements = async () => {
      world.handle.resetQueryCount();
      await world.api(world.org.manager).deals.list({ limit: 5, sort: { by: "name", dir: "asc" } });
      return world.handle.queryCount();
    };
    const before = await statements();
    const extra = crypto.randomUUID();
    await world.db.insert(s.teams).values({ orgId: world.org.id, id: extra, name: "West", parentTeamId: teamIds[0] });
    expect(await statements()).toBe(before);
    await world.db.delete(s.teams).where(and(eq(s.teams.orgId, world.org.id), eq(s.teams.id, extra)));
  });

  it(`a scope of more than ${MERGED_SCOPE_MAX_TEAMS} teams reads the organization's index, same answer`, async () => {
    const sort = { by: "closeDate", dir: "asc" } as const;
    const before = await walk("manager", sort, 6);
    const many = Array.from({ length: MERGED_SCOPE_MAX_TEAMS }, (_, i) => ({
      orgId: world.org.id,
      id: crypto.randomUUID(),
      name: `Empty ${i}`,
      parentTeamId: world.org.rootTeamId,
    }));
    await world.db.insert(s.teams).values(many);
    expect(await walk("manager", sort, 6)).toEqual(before);
    expect(await pageSql()).not.toMatch(/lateral/);
    await world.db.delete(s.teams).where(
      and(
        eq(s.teams.orgId, world.org.id),
        inArray(
          s.teams.id,
          many.map((team) => team.id),
        ),
      ),
    );
  });
});
