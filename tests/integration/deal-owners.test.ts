/**
 * deals.owners: the owner pickers' search (docs/scaling.md "Pickers"). Keyset pages by name that neither skip nor
 * repeat anyone while members join, a case-insensitive search on name and email, the caller's own organization
 * only, and per role only the people whose deals the caller sees.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createUser } from "../helpers/fixtures";
import { followPages } from "../helpers/pages";
import { describeOrgAccess, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("deals.owners", () => {
  const world = useWorld();
  let pipe: Pipeline;
  /** 30 reps in the sub-team (named "Bulk Rep 00" … "Bulk Rep 29"; two share a name), a viewer, a deactivated rep. */
  const bulk: string[] = [];
  let bulkViewer: string;
  let gone: string;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
    const orgId = world.org.id;
    for (let n = 0; n < 30; n++) {
      const user = await createUser(world.db, `Bulk Rep ${String(n === 29 ? 28 : n).padStart(2, "0")}`);
      await world.db.insert(s.memberships).values({ orgId, id: crypto.randomUUID(), userId: user.id, role: "rep" });
      await world.db.insert(s.teamMembers).values({ orgId, teamId: world.org.subTeamId, userId: user.id });
      bulk.push(user.id);
    }
    const viewer = await createUser(world.db, "Bulk Viewer");
    await world.db.insert(s.memberships).values({ orgId, id: crypto.randomUUID(), userId: viewer.id, role: "viewer" });
    bulkViewer = viewer.id;
    const deactivated = await createUser(world.db, "Bulk Gone");
    await world.db
      .insert(s.memberships)
      .values({ orgId, id: crypto.randomUUID(), userId: deactivated.id, role: "rep", status: "deactivated" });
    await world.db.insert(s.teamMembers).values({ orgId, teamId: world.org.subTeamId, userId: deactivated.id });
    gone = deactivated.id;
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);

  describeOrgAccess(world, [{ procedure: "deals.owners", call: (api) => api.deals.owners({}) }]);

  /** Every page of a search, following the cursors. */
  async function allPages(role: "admin" | "manager" | "rep" | "viewer", search?: string, limit = 7) {
    const pages = await followPages((cursor) => as(role).deals.owners({ search, limit, cursor }), 100);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
    const owners = pages.flat();
    return { ids: owners.map((o) => o.id), names: owners.map((o) => o.name) };
  }

  it("pages through everyone by name then id, each once, same as one large page", async () => {
    const paged = await allPages("admin");
    const whole = await as("admin").deals.owners({ limit: 100 });
    expect(whole.nextCursor).toBeNull();
    expect(paged.ids).toEqual(whole.items.map((o) => o.id));
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    const bulkNames = paged.names.filter((name) => name.startsWith("Bulk Rep"));
    expect(bulkNames).toEqual([...bulkNames].sort());
    expect(paged.ids).toEqual(
      expect.arrayContaining([...bulk, world.org.admin.id, world.org.rep.id, pipe.outsider.id]),
    );
  });

  it("keeps its place while people join before and after the cursor (keyset, not offset)", async () => {
    const first = await as("admin").deals.owners({ search: "bulk rep", limit: 10 });
    expect(first.items.map((o) => o.name).at(-1)).toBe("Bulk Rep 09");
    for (const name of ["Bulk Rep 00a", "Bulk Rep 15a"]) {
      const user = await createUser(world.db, name);
      await world.db
        .insert(s.memberships)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" });
    }
    const second = await as("admin").deals.owners({ search: "bulk rep", limit: 10, cursor: first.nextCursor });
    expect(second.items.map((o) => o.name)).toEqual([
      "Bulk Rep 10",
      "Bulk Rep 11",
      "Bulk Rep 12",
      "Bulk Rep 13",
      "Bulk Rep 14",
      "Bulk Rep 15",
      "Bulk Rep 15a",
      "Bulk Rep 16",
      "Bulk Rep 17",
      "Bulk Rep 18",
    ]);
  });

  it("two people with one name are both listed, split across pages by id", async () => {
    const named = await allPages("admin", "Bulk Rep 28", 1);
    expect(named.names).toEqual(["Bulk Rep 28", "Bulk Rep 28"]);
    expect(new Set(named.ids)).toEqual(new Set([bulk[28], bulk[29]]));
  });

  it("searches names and emails case-insensitively, wildcards taken literally", async () => {
    expect((await as("admin").deals.owners({ search: "bULK rEP 2" })).items.map((o) => o.name)).toEqual([
      "Bulk Rep 20",
      "Bulk Rep 21",
      "Bulk Rep 22",
      "Bulk Rep 23",
      "Bulk Rep 24",
      "Bulk Rep 25",
      "Bulk Rep 26",
      "Bulk Rep 27",
      "Bulk Rep 28",
      "Bulk Rep 28",
    ]);
    const [adminRow] = await world.db.select().from(s.users).where(eq(s.users.id, world.org.admin.id));
    const byEmail = await as("rep").deals.owners({ search: adminRow!.email.toUpperCase() });
    expect(byEmail.items).toEqual([]); // a rep sees only themselves
    expect((await as("admin").deals.owners({ search: adminRow!.email.toUpperCase() })).items.map((o) => o.id)).toEqual([
      world.org.admin.id,
    ]);
    expect((await as("admin").deals.owners({ search: "%" })).items).toEqual([]);
    expect((await as("admin").deals.owners({ search: "nobody by that name" })).items).toEqual([]);
  });

  it("refuses bad input with BAD_REQUEST: page size, search length, ids, a cursor not of this list", async () => {
    const bad = [
      { limit: 0 },
      { limit: 101 },
      { search: "x".repeat(101) },
      { ids: ["not-a-uuid"] },
      { ids: Array.from({ length: 51 }, () => crypto.randomUUID()) },
      { cursor: { key: "2026-01-01", id: crypto.randomUUID() } },
      { cursor: { name: "Ann", id: "not-a-uuid" } },
    ];
    for (const input of bad) {
      await expectTRPCError(
        as("admin").deals.owners(input as Parameters<ReturnType<typeof as>["deals"]["owners"]>[0]),
        "BAD_REQUEST",
      );
    }
  });

  it("answers the names of given ids, only those the caller may see", async () => {
    const named = await as("manager").deals.owners({ ids: [world.org.rep.id, pipe.outsider.id, world.other.rep.id] });
    expect(named.items.map((o) => o.id)).toEqual([world.org.rep.id]);
  });

  it("never lists viewers, deactivated members or another organization's people", async () => {
    const everyone = await allPages("admin");
    expect(everyone.ids).not.toContain(world.org.viewer.id);
    expect(everyone.ids).not.toContain(bulkViewer);
    expect(everyone.ids).not.toContain(gone);
    for (const role of ["admin", "manager", "rep", "viewer"] as const)
      expect(everyone.ids).not.toContain(world.other[role].id);
    const asOther = await world.api(world.other.admin, world.other.id).deals.owners({ search: "bulk", limit: 100 });
    expect(asOther.items).toEqual([]);
  });

  it("per role: admin everyone, manager self and the scope's teams, viewer the scope's teams, rep self", async () => {
    const admin = (await allPages("admin")).ids;
    const manager = (await allPages("manager")).ids;
    const viewer = (await allPages("viewer")).ids;
    const rep = (await allPages("rep")).ids;
    expect(rep).toEqual([world.org.rep.id]);
    expect(manager).toEqual(expect.arrayContaining([world.org.manager.id, world.org.rep.id, ...bulk]));
    expect(manager).not.toContain(pipe.outsider.id);
    expect(manager).not.toContain(world.org.admin.id);
    expect(viewer).toEqual(expect.arrayContaining([world.org.rep.id, ...bulk]));
    expect(viewer).not.toContain(world.org.manager.id);
    expect(viewer).not.toContain(pipe.outsider.id);
    expect(admin).toEqual(expect.arrayContaining([...manager, ...viewer, pipe.outsider.id]));
  });
});
