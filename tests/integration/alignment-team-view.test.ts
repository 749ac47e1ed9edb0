import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teamMembers, teams } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { goalReadabilityFor } from "@/server/services/people-alignment";
import { describeOrgAccess } from "../helpers/world";
import { insertMember } from "./alignment-fixtures";
import { useTeamAlignmentWorld } from "./alignment-team-fixtures";

describe("alignment router", () => {
  const { world, strategyId, mfg, health, fleet, emea, rep2, rep3, eastLead, teamView } = useTeamAlignmentWorld();

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
  });
});
