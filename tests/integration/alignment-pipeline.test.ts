import { describe, expect, it } from "vitest";
import { teams } from "@/db/schema";
import { TEAM_VIEW_PAGE, TEAM_VIEW_PAGE_MAX } from "@/server/domain/team-view";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createKey, rest as restCall } from "../helpers/rest";
import { expectBadRequest } from "../helpers/world";
import { insertAccount, insertDeal, insertGoal, insertMember, insertStrategy } from "./alignment-fixtures";
import { useTeamAlignmentWorld } from "./alignment-team-fixtures";

describe("alignment router", () => {
  const { world, strategyId, health, eastLead, outsideTeamId, teamView } = useTeamAlignmentWorld();

  describe("team view", () => {
    it("sums the team's pipeline in SQL (a deal matching k objectives counts 1/k on each) and names the currencies summed", async () => {
      const mixed = crypto.randomUUID();
      await world.db.insert(teams).values({ orgId: world.org.id, id: mixed, name: "Mixed", parentTeamId: null });
      const one = await insertMember(world.db, world.org.id, "Mixer One", "rep", { teamId: mixed });
      const two = await insertMember(world.db, world.org.id, "Mixer Two", "rep", { teamId: mixed });
      const emeaMfg = await insertAccount(world.db, world.org.id, {
        industry: "Manufacturing",
        segment: "Enterprise",
        region: "EMEA",
      });
      const bareMfg = await insertAccount(world.db, world.org.id, { industry: "Manufacturing", segment: "Enterprise" }); // no region
      const shop = await insertAccount(world.db, world.org.id, { industry: "Retail", segment: "SMB", region: "NA" });
      await insertDeal(world.db, world.org.id, {
        accountId: emeaMfg,
        ownerId: one.id,
        amount: "100.00",
        product: "Fleet Analytics",
      }); // mfg, fleet, EMEA: 33.33… each
      // No region and no product: a missing value matches no rule on its dimension (migration 0005), so only mfg.
      await insertDeal(world.db, world.org.id, { accountId: bareMfg, ownerId: one.id, amount: "90.00" });
      await insertDeal(world.db, world.org.id, {
        accountId: shop,
        ownerId: two.id,
        amount: "60.00",
        currency: "EUR",
        product: "Robotic Picking",
      }); // none
      await insertDeal(world.db, world.org.id, {
        accountId: shop,
        ownerId: two.id,
        amount: "0.00",
        currency: "GBP",
        product: "Robotic Picking",
      }); // adds nothing
      await insertDeal(world.db, world.org.id, {
        accountId: shop,
        ownerId: two.id,
        amount: "500.00",
        currency: "JPY",
        stage: "closed_won",
      }); // not open

      const view = await teamView(world.org.admin, mixed);
      expect(view.mix).toEqual({
        hasPipeline: true,
        unalignedShare: 0.24,
        pipelineTotal: "250.00",
        currencies: ["EUR", "USD"],
      });
      // Each rep's own sum names its currencies too (EUR only; the zero GBP deal and the won JPY deal add nothing).
      const byName = Object.fromEntries(view.reps.map((rep) => [rep.name, rep.alignment]));
      expect(byName["Mixer One"]).toMatchObject({ pipelineTotal: "190.00", pipelineCurrencies: ["USD"] });
      expect(byName["Mixer Two"]).toMatchObject({ pipelineTotal: "60.00", pipelineCurrencies: ["EUR"] });
      const share = Object.fromEntries(view.objectives.map((o) => [o.title, o.pipelineShare]));
      expect(share["Win enterprise manufacturing"]).toBeCloseTo((90 + 100 / 3) / 250, 9);
      expect(share["Grow Fleet Analytics"]).toBeCloseTo(100 / 3 / 250, 9);
      expect(share["Land logos in EMEA"]).toBeCloseTo(100 / 3 / 250, 9);
      expect(share["Expand in healthcare"]).toBe(0);
      const cells = Object.fromEntries(view.reps[0]!.alignment.objectives.map((o) => [o.title, o.pipelineAmount]));
      expect(cells).toEqual({
        "Win enterprise manufacturing": "123.33",
        "Expand in healthcare": "0.00",
        "Grow Fleet Analytics": "33.33",
        "Land logos in EMEA": "33.33",
      });

      // Three reps with a $0.10 deal matching three objectives, a fourth with $0.10 on none: each objective
      // holds exactly 0.10 of the team's 0.40. Adding up the reps' rounded amounts (0.03 each) instead would
      // give 0.09 per objective and put 0.10 / 0.37 = 27% on no objective.
      const cents = crypto.randomUUID();
      await world.db.insert(teams).values({ orgId: world.org.id, id: cents, name: "Cents", parentTeamId: null });
      for (const name of ["Cent One", "Cent Two", "Cent Three", "Cent Four"]) {
        const member = await insertMember(world.db, world.org.id, name, "rep", { teamId: cents });
        const aligned = name !== "Cent Four";
        await insertDeal(world.db, world.org.id, {
          accountId: aligned ? emeaMfg : shop,
          ownerId: member.id,
          amount: "0.10",
          product: aligned ? "Fleet Analytics" : "Robotic Picking",
        });
      }
      const centsView = await teamView(world.org.admin, cents);
      expect(centsView.reps.map((r) => r.alignment.objectives[0]!.pipelineAmount)).toEqual([
        "0.00",
        "0.03",
        "0.03",
        "0.03",
      ]); // each rep: 0.0333… rounded
      expect(centsView.mix).toEqual({
        hasPipeline: true,
        unalignedShare: 0.25,
        pipelineTotal: "0.40",
        currencies: ["USD"],
      });
      expect(centsView.objectives.map((o) => o.pipelineShare)).toEqual([0.25, 0, 0.25, 0.25]);
    });

    it("a team outside the caller's scope → FORBIDDEN naming teamId; another organization's team or strategy → NOT_FOUND", async () => {
      const error = await expectTRPCError(teamView(eastLead, world.org.rootTeamId), "FORBIDDEN");
      expect(error.message).toMatch(/^teamId: /);
      await expectTRPCError(teamView(world.org.viewer, world.org.rootTeamId), "FORBIDDEN");
      await expectTRPCError(teamView(world.org.manager, outsideTeamId), "FORBIDDEN");
      await expectTRPCError(teamView(world.org.admin, world.other.rootTeamId), "NOT_FOUND");
      const theirs = await insertStrategy(world.db, world.other.id, { objectives: [{ title: "X", weight: 100 }] });
      await expectTRPCError(
        world.api(world.org.admin).alignment.teamHeatmap({ strategyId: theirs.id, teamId: world.org.rootTeamId }),
        "NOT_FOUND",
      );
    });

    it("without a team: an admin sees every rep of every team (the whole organization); a manager or viewer → FORBIDDEN", async () => {
      const whole = await world.api(world.org.admin).alignment.teamHeatmap({ strategyId });
      expect(whole.team).toBeNull();
      // Sales (with East) and Outside, not only the first root team's reps; never a manager's seat, the viewer or
      // the deactivated rep.
      const names = whole.reps.map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(["Initech rep", "Second Rep", "Third Rep"]));
      expect(names).not.toContain("East Lead");
      expect(names).not.toContain("Gone Rep");
      expect(JSON.stringify(whole)).not.toContain("Umbrella");
      for (const user of [world.org.manager, world.org.viewer]) {
        const error = await expectTRPCError(world.api(user).alignment.teamHeatmap({ strategyId }), "FORBIDDEN");
        expect(error.message).toMatch(/^teamId: /);
      }
    });

    it("never shows another organization's people, goals or deals", async () => {
      const words = JSON.stringify(await teamView(world.org.admin, world.org.rootTeamId));
      expect(words).not.toContain("Umbrella");
      expect(words).not.toContain("77777");
    });

    it("an empty team answers with no reps and no pipeline", async () => {
      const view = await teamView(world.org.admin, outsideTeamId);
      expect(view.reps.map((r) => r.name)).toEqual(["Third Rep"]);
      const lonely = crypto.randomUUID();
      await world.db.insert(teams).values({ orgId: world.org.id, id: lonely, name: "Lonely", parentTeamId: null });
      const empty = await teamView(world.org.admin, lonely);
      expect(empty).toMatchObject({
        reps: [],
        orphanGoals: [],
        hiddenOrphanGoals: 0,
        mix: { hasPipeline: false, unalignedShare: 0, pipelineTotal: "0.00", currencies: [] },
        averageScore: null,
      });
      expect(empty.uncoveredObjectives).toHaveLength(4);
    });

    it.each([
      ["strategyId", { strategyId: "x", teamId: crypto.randomUUID() }],
      ["teamId", { strategyId: crypto.randomUUID(), teamId: 7 }],
      ["limit", { strategyId: crypto.randomUUID(), limit: 0 }],
      ["limit", { strategyId: crypto.randomUUID(), limit: TEAM_VIEW_PAGE_MAX + 1 }],
      ["offset", { strategyId: crypto.randomUUID(), offset: -1, limit: 5 }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(world.api(world.org.manager).alignment.teamHeatmap(input as never), field);
    });

    it("is always a page: without a limit the first TEAM_VIEW_PAGE reps in full by name, every rep counted", async () => {
      const teamId = crypto.randomUUID();
      await world.db
        .insert(teams)
        .values({ orgId: world.org.id, id: teamId, name: "Large", parentTeamId: world.org.rootTeamId });
      const names = Array.from({ length: TEAM_VIEW_PAGE + 2 }, (_, i) => `Large ${String(i).padStart(3, "0")}`);
      for (const name of [...names].reverse()) await insertMember(world.db, world.org.id, name, "rep", { teamId });
      const first = await teamView(world.org.manager, teamId);
      expect(first.repCount).toBe(names.length);
      expect(first.reps.map((rep) => rep.name)).toEqual(names.slice(0, TEAM_VIEW_PAGE));
      const rest = await world
        .api(world.org.manager)
        .alignment.teamHeatmap({ strategyId, teamId, offset: TEAM_VIEW_PAGE });
      expect(rest.reps.map((rep) => rep.name)).toEqual(names.slice(TEAM_VIEW_PAGE));
      expect(rest.repCount).toBe(names.length);

      // The same over the REST API, whose query strings carry the page.
      const { key } = await createKey(world.db, world.org.admin, world.org.id, "read");
      const path = `/strategies/${strategyId}/alignment?teamId=${teamId}`;
      const byDefault = await restCall(world.db, key, "GET", path);
      expect(byDefault.status).toBe(200);
      expect(byDefault.body).toMatchObject({ repCount: names.length });
      expect((byDefault.body.reps as unknown[]).length).toBe(TEAM_VIEW_PAGE);
      const last = await restCall(world.db, key, "GET", `${path}&offset=${names.length - 1}&limit=1`);
      expect((last.body.reps as { name: string }[]).map((rep) => rep.name)).toEqual(names.slice(-1));
      expect((await restCall(world.db, key, "GET", `${path}&limit=${TEAM_VIEW_PAGE_MAX + 1}`)).status).toBe(400);
    });

    it("issues the same number of SQL statements for 2 reps with 5 deals as for 12 reps with 60 deals (one statement for all reps' pipelines)", async () => {
      const teamId = crypto.randomUUID();
      await world.db
        .insert(teams)
        .values({ orgId: world.org.id, id: teamId, name: "Growing", parentTeamId: world.org.rootTeamId });
      const accountId = await insertAccount(world.db, world.org.id, { industry: "Healthcare", region: "EMEA" });
      const addRep = async (i: number, deals: number) => {
        const user = await insertMember(world.db, world.org.id, `Grower ${i}`, "rep", { teamId });
        await insertGoal(world.db, world.org.id, { userId: user.id, strategyId, links: [[health!, 1 + (i % 3)]] });
        await insertGoal(world.db, world.org.id, {
          userId: user.id,
          strategyId,
          category: "quota",
          unit: "USD",
          visibility: i % 2 ? "private" : "team",
        });
        for (let d = 0; d < deals; d++) {
          await insertDeal(world.db, world.org.id, {
            accountId,
            ownerId: user.id,
            amount: `${1000 + d}.00`,
            stage: d % 4 === 0 ? "closed_won" : "proposal",
            closeDate: "2026-09-01",
            product: "Service Cloud",
          });
        }
      };
      const count = async () => {
        world.handle.resetQueryCount();
        const view = await teamView(world.org.manager, teamId);
        return { statements: world.handle.queryCount(), reps: view.reps.length };
      };
      await addRep(0, 2);
      await addRep(1, 3);
      const small = await count();
      for (let i = 2; i < 12; i++) await addRep(i, 5 + (i % 2));
      const large = await count();
      expect(small.reps).toBe(2);
      expect(large.reps).toBe(12);
      expect(large.statements).toBe(small.statements);
    });
    it("a page of reps (limit from offset) holds the full view's rows in name order; the summaries cover every rep", async () => {
      const admin = world.api(world.org.admin);
      const { reps: all, ...summary } = await admin.alignment.teamHeatmap({ strategyId, limit: TEAM_VIEW_PAGE_MAX });
      expect(summary.repCount).toBe(all.length);
      expect(all.length).toBeGreaterThan(7);
      const paged: typeof all = [];
      for (let offset = 0; offset < all.length; offset += 7) {
        const { reps, ...pageSummary } = await admin.alignment.teamHeatmap({ strategyId, offset, limit: 7 });
        expect(reps).toHaveLength(Math.min(7, all.length - offset));
        expect(pageSummary).toEqual(summary);
        paged.push(...reps);
      }
      expect(paged).toEqual(all);
      const beyond = await admin.alignment.teamHeatmap({ strategyId, offset: all.length, limit: 5 });
      expect(beyond.reps).toEqual([]);
      expect(beyond.repCount).toBe(all.length);
    });
  });
});
