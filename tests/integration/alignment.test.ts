import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dealObjectives, memberships, teamMembers, teams } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { goalReadabilityFor } from "@/server/services/people-alignment";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, useWorld } from "../helpers/world";
import {
  DEMO_OBJECTIVES,
  insertAccount,
  insertDeal,
  insertGoal,
  insertMember,
  insertStrategy,
} from "./alignment-fixtures";

/**
 * Initech:  Sales (managed by `manager`; rep2 sits here) ─ East (rep, viewer; managed by eastLead)
 *           Outside (rep3)
 * Strategy: manufacturing 40 · healthcare 25 · fleet 20 · EMEA 15 (the demo's focus rules).
 */
describe("alignment router", () => {
  const world = useWorld();
  let strategyId: string;
  let mfg: string | undefined, health: string | undefined, fleet: string | undefined, emea: string | undefined;
  let rep2: { id: string };
  let rep3: { id: string };
  let eastLead: { id: string };
  let outsideTeamId: string;

  beforeAll(async () => {
    const db = world.db;
    const org = world.org;
    const strategy = await insertStrategy(db, org.id, { objectives: DEMO_OBJECTIVES });
    strategyId = strategy.id;
    [mfg, health, fleet, emea] = strategy.objectiveIds;
    outsideTeamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: outsideTeamId, name: "Outside", parentTeamId: null });
    rep2 = await insertMember(db, org.id, "Second Rep", "rep", { teamId: org.rootTeamId });
    rep3 = await insertMember(db, org.id, "Third Rep", "rep", { teamId: outsideTeamId });
    eastLead = await insertMember(db, org.id, "East Lead", "manager", { teamId: org.subTeamId, isManager: true });
    const gone = await insertMember(db, org.id, "Gone Rep", "rep", { teamId: org.subTeamId });
    await db
      .update(memberships)
      .set({ status: "deactivated" })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, gone.id)));

    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Close $1M",
      category: "quota",
      unit: "USD",
      target: "1000000",
      visibility: "manager",
      links: [
        [mfg!, 2],
        [emea!, 1],
      ],
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Win two hospitals",
      category: "account",
      visibility: "team",
      links: [[health!, 3]],
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Make senior AE",
      category: "promotion",
      visibility: "private",
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Side project",
      category: "other",
      visibility: "manager",
    });
    await insertGoal(db, org.id, {
      userId: rep2.id,
      strategyId,
      title: "Attach Fleet Analytics",
      category: "other",
      visibility: "team",
      links: [[fleet!, 3]],
    });
    await insertGoal(db, org.id, {
      userId: rep3.id,
      strategyId,
      title: "Far away",
      visibility: "team",
      links: [[mfg!, 3]],
    });

    const mfgNa = await insertAccount(db, org.id, { industry: "Manufacturing", segment: "Enterprise", region: "NA" });
    const mfgEmea = await insertAccount(db, org.id, {
      industry: "manufacturing",
      segment: "ENTERPRISE",
      region: "EMEA",
    });
    const retail = await insertAccount(db, org.id, { industry: "Retail", segment: "SMB", region: "NA" });
    const hospital = await insertAccount(db, org.id, { industry: "Healthcare", segment: "Mid-Market", region: "NA" });
    await insertDeal(db, org.id, { accountId: mfgNa, ownerId: org.rep.id, amount: "600.00", product: "Vision QA" }); // mfg
    await insertDeal(db, org.id, {
      accountId: mfgEmea,
      ownerId: org.rep.id,
      amount: "300.00",
      product: "Fleet Analytics",
    }); // mfg + fleet + EMEA: 100 each
    await insertDeal(db, org.id, {
      accountId: retail,
      ownerId: org.rep.id,
      amount: "100.00",
      product: "Robotic Picking",
    }); // no objective
    const linked = await insertDeal(db, org.id, {
      accountId: retail,
      ownerId: org.rep.id,
      amount: "200.00",
      stage: "negotiation",
      product: "Robotic Picking",
    }); // explicit link to healthcare
    await db.insert(dealObjectives).values({ orgId: org.id, dealId: linked, objectiveId: health! });
    await insertDeal(db, org.id, {
      accountId: mfgNa,
      ownerId: org.rep.id,
      amount: "9999.00",
      stage: "closed_won",
      product: "Vision QA",
    }); // not open
    await insertDeal(db, org.id, {
      accountId: mfgNa,
      ownerId: org.rep.id,
      amount: "8888.00",
      stage: "disqualified",
      product: "Vision QA",
    }); // not open
    await insertDeal(db, org.id, { accountId: hospital, ownerId: rep2.id, amount: "400.00", product: "Service Cloud" }); // healthcare
    await insertDeal(db, org.id, { accountId: mfgNa, ownerId: rep3.id, amount: "5000.00", product: "Vision QA" }); // outside the team

    // Another organization's rep, goals and deals must never show up.
    const theirs = await insertStrategy(db, world.other.id, { objectives: DEMO_OBJECTIVES });
    await insertGoal(db, world.other.id, {
      userId: world.other.rep.id,
      strategyId: theirs.id,
      title: "Umbrella goal",
      visibility: "team",
      links: [[theirs.objectiveIds[0]!, 3]],
    });
    const theirAccount = await insertAccount(db, world.other.id, { industry: "Manufacturing", segment: "Enterprise" });
    await insertDeal(db, world.other.id, { accountId: theirAccount, ownerId: world.other.rep.id, amount: "77777.00" });
  });

  const teamView = (user: { id: string }, teamId: string) =>
    world.api(user).alignment.teamHeatmap({ strategyId, teamId });

  describeOrgAccess(world, [
    { procedure: "alignment.scopeTeams", call: (api) => api.alignment.scopeTeams() },
    {
      procedure: "alignment.teamHeatmap",
      call: (api) => api.alignment.teamHeatmap({ strategyId, teamId: world.org.subTeamId }),
    },
  ]);

  describe("teams", () => {
    it("offers the teams in the caller's scope, in tree order", async () => {
      const names = async (user: { id: string }) =>
        (await world.api(user).alignment.scopeTeams()).map((t) => [t.name, t.depth]);
      expect(await names(world.org.manager)).toEqual([
        ["Initech Sales", 0],
        ["Initech East", 1],
      ]);
      expect(await names(eastLead)).toEqual([["Initech East", 0]]);
      expect(await names(world.org.viewer)).toEqual([["Initech East", 0]]);
      expect(await names(world.org.admin)).toEqual([
        ["Initech Sales", 0],
        ["Initech East", 1],
        ["Outside", 0],
      ]);
    });
  });

  describe("team view", () => {
    it("a manager sees every rep of the team and its sub-teams with score, components and the heat-map cells", async () => {
      const view = await teamView(world.org.manager, world.org.rootTeamId);
      expect(view.team).toEqual({ id: world.org.rootTeamId, name: "Initech Sales" });
      // Rows: reps seated in Sales or East — not the manager (manager seat), the viewer, the deactivated rep, or Outside.
      expect(view.reps.map((r) => r.name)).toEqual(["Initech rep", "Second Rep"]);
      const rep = view.reps[0]!;
      expect(rep.teamNames).toEqual(["Initech East"]);
      const cells = Object.fromEntries(
        rep.alignment.objectives.map((o) => [o.objectiveId, [o.strength, o.pipelineAmount]]),
      );
      expect(cells).toEqual({
        [mfg!]: [2, "700.00"],
        [health!]: [3, "200.00"],
        [fleet!]: [0, "100.00"],
        [emea!]: [1, "100.00"],
      });
      expect(rep.alignment).toMatchObject({ pipelineTotal: "1200.00", unalignedAmount: "100.00", hasPipeline: true });
      expect(rep.alignment.unalignedShare).toBeCloseTo(100 / 1200, 6);
      expect(rep.alignment.objectives[0]?.pipelineShare).toBeCloseTo(700 / 1200, 6);
      // coverage = (40·2 + 25·3 + 15·1)/3/100 = 0.5667 → 23; focus 2/4 → 10;
      // fit = 1 − ½(|.5833−.4| + |.1667−.25| + |.0833−.2| + |.0833−.15| + .0833) = 0.7333 → 29.
      expect(rep.alignment.components.coverage.points).toBe(23);
      expect(rep.alignment.components.focus.points).toBe(10);
      expect(rep.alignment.components.pipelineFit.points).toBe(29);
      expect(rep.alignment.score).toBe(62);
      // The same score the rep sees for themselves.
      expect((await world.api(world.org.rep).goals.mine({ strategyId })).alignment.score).toBe(62);
    });

    it("private goals are counted but never shown; the manager sees manager- and team-visible goals", async () => {
      const view = await teamView(world.org.manager, world.org.rootTeamId);
      const rep = view.reps[0]!;
      expect(rep.goals.map((g) => g.title).sort()).toEqual(["Close $1M", "Side project", "Win two hospitals"]);
      expect(rep.hiddenGoals).toEqual({ private: 1, managerOnly: 0 });
      expect(rep.alignment.goals.total).toBe(4);
      const words = JSON.stringify(view);
      expect(words).not.toContain("Make senior AE");
      expect(rep.alignment.reasons.join(" ")).toContain("1 private goal");
      expect(view.orphanGoals).toEqual([
        {
          goalId: expect.any(String),
          title: "Side project",
          category: "other",
          userId: world.org.rep.id,
          name: "Initech rep",
        },
      ]);
      expect(view.hiddenOrphanGoals).toBe(1);
    });

    it("an admin sees all but private goals; a viewer only team-visible ones; the East lead manager-visible ones of East", async () => {
      const forAdmin = (await teamView(world.org.admin, world.org.rootTeamId)).reps[0]!;
      expect(forAdmin.goals.map((g) => g.title).sort()).toEqual(["Close $1M", "Side project", "Win two hospitals"]);
      expect(forAdmin.hiddenGoals).toEqual({ private: 1, managerOnly: 0 });

      const forViewer = await teamView(world.org.viewer, world.org.subTeamId);
      expect(forViewer.reps.map((r) => r.name)).toEqual(["Initech rep"]);
      expect(forViewer.reps[0]!.goals.map((g) => g.title)).toEqual(["Win two hospitals"]);
      expect(forViewer.reps[0]!.hiddenGoals).toEqual({ private: 1, managerOnly: 2 });
      expect(forViewer.orphanGoals).toEqual([]);
      expect(forViewer.hiddenOrphanGoals).toBe(2);
      expect(forViewer.reps[0]!.alignment.score).toBe(62);

      const forLead = (await teamView(eastLead, world.org.subTeamId)).reps[0]!;
      expect(forLead.goals.map((g) => g.title).sort()).toEqual(["Close $1M", "Side project", "Win two hospitals"]);
    });

    it("never names a goal the caller may not read — not in goals, orphan goals, reasons or suggestions — but counts it", async () => {
      // The rep's goals: "Close $1M" (manager, linked), "Side project" (manager, orphan), "Make senior AE"
      // (private, orphan), "Win two hospitals" (team). Reps have no team view at all (FORBIDDEN, above); a
      // teammate sees only team-visible goals (goals.shared).

      const forViewer = await teamView(world.org.viewer, world.org.subTeamId);
      const viewerJson = JSON.stringify(forViewer);
      for (const title of ["Side project", "Close $1M", "Make senior AE"]) expect(viewerJson).not.toContain(title);
      expect(viewerJson).toContain("Win two hospitals");
      const rep = forViewer.reps[0]!;
      expect(rep.alignment.reasons[1]).toBe(
        "Focus 50%: 2 of 4 goals serve an objective; not linked to any objective: 1 private goal, 1 goal not shared with you.",
      );
      expect(rep.alignment.suggestions.filter((s) => s.kind === "link_orphan").map((s) => [s.text, s.goalId])).toEqual([
        ["Link a private goal to an objective it serves.", null],
        ["Link a goal not shared with you to an objective it serves.", null],
      ]);
      expect(rep.alignment.score).toBe(62);

      // The managers of the rep's teams (East's lead; Sales' manager, above East) and admins read the
      // manager-only goal, named in the reasons too; nobody but the rep reads the private one.
      for (const [user, teamId] of [
        [eastLead, world.org.subTeamId],
        [world.org.manager, world.org.rootTeamId],
        [world.org.admin, world.org.rootTeamId],
      ] as const) {
        const view = await teamView(user, teamId);
        expect(view.reps[0]!.alignment.reasons[1]).toBe(
          "Focus 50%: 2 of 4 goals serve an objective; not linked to any objective: “Side project”, 1 private goal.",
        );
        expect(view.reps[0]!.alignment.suggestions.map((s) => s.text)).toContain(
          "Link the other goal “Side project” to an objective it serves.",
        );
        expect(JSON.stringify(view)).not.toContain("Make senior AE");
      }

      // A manager who merely sits in a team with the rep (manages none of the rep's teams) is not the rep's
      // manager: the same as a viewer. The rep sees all of their own goals, named.
      const squad = crypto.randomUUID();
      await world.db.insert(teams).values({ orgId: world.org.id, id: squad, name: "Squad", parentTeamId: null });
      await world.db
        .insert(teamMembers)
        .values({ orgId: world.org.id, teamId: squad, userId: world.org.rep.id, isManager: false });
      const peer = await insertMember(world.db, world.org.id, "Peer Manager", "manager", { teamId: squad });
      try {
        const forPeer = await teamView(peer, squad);
        expect(forPeer.reps.map((r) => [r.name, r.isSelf])).toEqual([
          ["Initech rep", false],
          ["Peer Manager", true],
        ]);
        const peerJson = JSON.stringify(forPeer);
        for (const title of ["Side project", "Close $1M", "Make senior AE"]) expect(peerJson).not.toContain(title);
        expect(forPeer.reps[0]!.hiddenGoals).toEqual({ private: 1, managerOnly: 2 });
        expect(forPeer.hiddenOrphanGoals).toBe(2);
        expect(forPeer.reps[0]!.alignment.score).toBe(62);
      } finally {
        await world.db
          .delete(teamMembers)
          .where(and(eq(teamMembers.orgId, world.org.id), eq(teamMembers.teamId, squad)));
      }
      const own = (await world.api(world.org.rep).goals.mine({ strategyId })).alignment;
      expect(own.reasons[1]).toContain("“Side project”");
      expect(own.reasons[1]).toContain("“Make senior AE”");
    });

    it("goalReadabilityFor (e.g. a deal owner's goals on a deal page) follows the same rule as the team view", async () => {
      const readable = async (
        reader: { id: string },
        role: "admin" | "manager" | "viewer" | "rep",
        ownerId = world.org.rep.id,
      ) => {
        // As the application role under row-level security, as a procedure (e.g. the deal page) runs it.
        const can = await withTenant(world.db, { userId: reader.id, orgId: world.org.id }, (tx) =>
          goalReadabilityFor(tx, world.org.id, { userId: reader.id, role }, ownerId),
        );
        return (["private", "manager", "team"] as const).filter((visibility) => can({ visibility }));
      };
      expect(await readable(world.org.rep, "rep")).toEqual(["private", "manager", "team"]);
      expect(await readable(world.org.admin, "admin")).toEqual(["manager", "team"]);
      expect(await readable(world.org.manager, "manager")).toEqual(["manager", "team"]); // manages Sales, above East
      expect(await readable(eastLead, "manager")).toEqual(["manager", "team"]);
      expect(await readable(world.org.viewer, "viewer")).toEqual(["team"]);
      expect(await readable(rep2, "rep")).toEqual(["team"]);
      // East's lead does not manage Sales, where the second rep sits; nor Outside.
      expect(await readable(eastLead, "manager", rep2.id)).toEqual(["team"]);
      expect(await readable(world.org.manager, "manager", rep3.id)).toEqual(["team"]);
    });

    it("shows objectives no rep pursues, how many reps pursue each, and the team's pipeline mix", async () => {
      const east = await teamView(world.org.manager, world.org.subTeamId);
      expect(east.uncoveredObjectives).toEqual([{ objectiveId: fleet, title: "Grow Fleet Analytics", weight: 20 }]);
      const sales = await teamView(world.org.manager, world.org.rootTeamId);
      expect(sales.uncoveredObjectives).toEqual([]);
      expect(sales.objectives.map((o) => [o.title, o.pursuedBy])).toEqual([
        ["Win enterprise manufacturing", 1],
        ["Expand in healthcare", 1],
        ["Grow Fleet Analytics", 1],
        ["Land logos in EMEA", 1],
      ]);
      // Sales: rep 1200 + rep2 400. Healthcare: 200 + 400.
      expect(sales.mix).toEqual({
        hasPipeline: true,
        unalignedShare: expect.any(Number),
        pipelineTotal: "1600.00",
        currencies: ["USD"],
      });
      expect(sales.mix.unalignedShare).toBeCloseTo(100 / 1600, 6);
      expect(sales.objectives.map((o) => o.pipelineShare)).toEqual(
        [700 / 1600, 600 / 1600, 100 / 1600, 100 / 1600].map((x) => Math.round(x * 1e9) / 1e9),
      );
      expect(sales.averageScore).toBe(Math.round(sales.reps.reduce((sum, r) => sum + r.alignment.score, 0) / 2));
    });

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
      ["offset", { strategyId: crypto.randomUUID(), offset: -1, limit: 5 }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(world.api(world.org.manager).alignment.teamHeatmap(input as never), field);
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
      const { reps: all, ...summary } = await admin.alignment.teamHeatmap({ strategyId });
      expect(summary.repCount).toBe(all.length);
      expect(all.length).toBeGreaterThan(2);
      const paged: typeof all = [];
      for (let offset = 0; offset < all.length; offset += 2) {
        const { reps, ...pageSummary } = await admin.alignment.teamHeatmap({ strategyId, offset, limit: 2 });
        expect(reps).toHaveLength(Math.min(2, all.length - offset));
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
