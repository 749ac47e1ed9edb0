import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { dealColumns, dealJoins } from "@/server/services/deal-columns";
import { dealRecomputingSql } from "@/server/services/alignment-queue";
import { followPages } from "../helpers/pages";
import { expectBadRequest } from "../helpers/world";
import { useDealsWorld } from "./deals-fixtures";

describe("deals router", () => {
  const { world, pipe, as } = useDealsWorld();

  describe("list, filters, sort and keyset pagination", () => {
    let admin: ReturnType<typeof as>;
    beforeAll(async () => {
      admin = as("admin");
      // Thirty more deals with distinct amounts, for paging and sorting.
      await world.db.insert(s.deals).values(
        Array.from({ length: 30 }, (_, i) => ({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          accountId: pipe.accounts.globex,
          name: `Bulk ${String(i).padStart(2, "0")}`,
          amount: `${(i % 7) * 1000}.0${i % 10}`,
          stage: (["prospecting", "qualification", "discovery", "proposal", "negotiation"] as const)[i % 5],
          closeDate: i % 4 === 0 ? null : `2027-0${1 + (i % 6)}-1${i % 10}`,
          ownerId: pipe.outsider.id,
          teamId: pipe.partnersTeamId,
        })),
      );
    });

    const walk = async (input: Parameters<ReturnType<typeof as>["deals"]["list"]>[0]) =>
      (await followPages((cursor) => admin.deals.list({ ...input, limit: 7, cursor }), 50)).flat().map((d) => d.id);

    it.each([
      ["closeDate", "asc"],
      ["closeDate", "desc"],
      ["amount", "desc"],
      ["amount", "asc"],
      ["score", "desc"],
      ["name", "asc"],
      ["updatedAt", "desc"],
    ] as const)("keyset pages by %s %s visit every deal once, in order", async (by, dir) => {
      const all = (await admin.deals.list({ sort: { by, dir }, limit: 100 })).items;
      const paged = await walk({ sort: { by, dir } });
      expect(paged).toEqual(all.map((deal) => deal.id));
      expect(new Set(paged).size).toBe(paged.length);
      if (by === "amount") {
        const amounts = all.map((deal) => Number(deal.amount));
        expect(amounts).toEqual([...amounts].sort((a, b) => (dir === "asc" ? a - b : b - a)));
      }
    });

    it("filters by owner, team (with sub-teams), stage, objective, flag, close dates, amounts and search", async () => {
      const ids = async (filters: Record<string, unknown>) => (await admin.deals.list({ filters, limit: 100 })).items;
      expect((await ids({ ownerIds: [world.org.rep.id] })).every((d) => d.ownerId === world.org.rep.id)).toBe(true);
      const rootTeam = await ids({ teamId: world.org.rootTeamId });
      expect(rootTeam.map((d) => d.id)).toContain(pipe.deals.repOpen);
      expect(rootTeam.every((d) => d.teamId === world.org.subTeamId || d.teamId === world.org.rootTeamId)).toBe(true);
      expect((await ids({ stages: ["closed_won"] })).map((d) => d.id)).toContain(pipe.deals.repWon);
      expect((await ids({ stages: ["closed_won"] })).every((d) => d.stage === "closed_won")).toBe(true);
      const emea = await ids({ objectiveId: pipe.objectives.emea });
      expect(emea.length).toBeGreaterThanOrEqual(31);
      expect(emea.every((d) => d.accountName === "Globex Retail")).toBe(true);
      const noChampion = await ids({ flag: "NO_CHAMPION" });
      expect(noChampion.length).toBeGreaterThan(0);
      expect(noChampion.every((d) => d.flags.includes("NO_CHAMPION"))).toBe(true);
      const inRange = await ids({ closeFrom: "2027-02-01", closeTo: "2027-03-31" });
      expect(inRange.length).toBeGreaterThan(0);
      expect(inRange.every((d) => d.closeDate! >= "2027-02-01" && d.closeDate! <= "2027-03-31")).toBe(true);
      const amounts = await ids({ amountMin: "2000.00", amountMax: "3000.05" });
      expect(amounts.length).toBeGreaterThan(0);
      expect(amounts.every((d) => Number(d.amount) >= 2000 && Number(d.amount) <= 3000.05)).toBe(true);
      expect((await ids({ search: "globex" })).length).toBeGreaterThanOrEqual(31);
      expect(await ids({ search: "100%" })).toEqual([]);
    });

    it("list, board and export rows hold every field in its type, as Drizzle reads it from the tables", async () => {
      // The pipeline reads its rows with a raw statement (server/services/deal-pipeline.ts): the reference here is
      // Drizzle's own mapping of the same columns.
      const reference = await world.db
        .select({
          ...dealColumns,
          score: s.dealAlignment.score,
          customer: s.dealAlignment.customer,
          company: s.dealAlignment.company,
          rep: s.dealAlignment.rep,
          flags: s.dealAlignment.flags,
          recomputing: dealRecomputingSql,
        })
        .from(s.deals)
        .innerJoin(s.accounts, dealJoins.account)
        .innerJoin(s.users, dealJoins.owner)
        .innerJoin(s.dealAlignment, dealJoins.scores)
        .where(eq(s.deals.orgId, world.org.id));
      const byId = new Map(reference.map((row) => [row.id, row]));
      const listed = (await admin.deals.list({ limit: 100 })).items;
      const board = (await admin.deals.board({ perStage: 100 })).columns.flatMap((column) => column.items);
      const exported = (await admin.deals.export({})).items;
      for (const rows of [listed, board, exported]) {
        expect(rows).toHaveLength(reference.length);
        for (const row of rows) expect(row).toEqual(byId.get(row.id));
      }
      expect(listed.some((row) => row.closeDate === null) && listed.some((row) => row.flags.length > 0)).toBe(true);
      expect(listed.every((row) => row.updatedAt instanceof Date)).toBe(true);
    });

    it.each([
      ["filters.closeTo", { filters: { closeFrom: "2027-02-01", closeTo: "2027-01-01" } }],
      ["filters.amountMax", { filters: { amountMin: "10", amountMax: "9.99" } }],
      ["filters.amountMin", { filters: { amountMin: "-1" } }],
      ["filters.flag", { filters: { flag: "NOPE" } }],
      ["filters.stages.0", { filters: { stages: ["won"] } }],
      ["sort.by", { sort: { by: "color" } }],
      ["cursor.key", { sort: { by: "amount", dir: "asc" }, cursor: { key: "not-a-number", id: crypto.randomUUID() } }],
      ["limit", { limit: 1000 }],
    ] as const)("bad list input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin.deals.list(input as never), field);
    });

    it("issues a constant number of SQL statements, whatever the number of rows", async () => {
      const count = async (limit: number) => {
        world.handle.resetQueryCount();
        await admin.deals.list({ limit });
        return world.handle.queryCount();
      };
      expect(await count(2)).toBe(await count(100));
      const managerCount = async (limit: number) => {
        world.handle.resetQueryCount();
        await as("manager").deals.list({ limit });
        await as("manager").deals.board({ perStage: limit });
        await as("manager").deals.totals({});
        return world.handle.queryCount();
      };
      expect(await managerCount(1)).toBe(await managerCount(100));

      // …nor with the number of deals in scope.
      const before = await managerCount(50);
      await world.db.insert(s.deals).values(
        Array.from({ length: 120 }, (_, i) => ({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          accountId: pipe.accounts.acme,
          name: `Bulk ${i}`,
          amount: `${1000 + i}.00`,
          stage: (["prospecting", "discovery", "proposal", "closed_won"] as const)[i % 4],
          ownerId: world.org.rep.id,
          teamId: world.org.subTeamId,
        })),
      );
      expect(await managerCount(50)).toBe(before);
      await world.db.delete(s.deals).where(and(eq(s.deals.orgId, world.org.id), like(s.deals.name, "Bulk %")));
    });
  });
});
