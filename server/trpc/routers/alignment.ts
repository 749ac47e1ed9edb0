/**
 * alignment.*: the team view of rep ↔ strategy alignment (managers, viewers and admins). For a team and its
 * sub-teams: a heat-map of reps × objectives (link strength, pipeline share against the weight), each rep's
 * score and components, objectives no rep pursues, orphan goals, and the team's pipeline mix. Goals the
 * caller may not read (private ones; "manager" ones unless the caller manages the owner or is an admin)
 * count everywhere but are never shown nor named — not in the goal lists, not in the orphan goals, not in
 * the reasons and suggestions; see docs/alignment.md "Who sees a goal" and canSeeGoal.
 *
 * Statements per call are fixed — membership, the team tree and seats, the strategy, ONE statement for the
 * team's aggregates from the stored scores, its orphan goals and the page's people (server/services/team-summary.ts;
 * plus the live statement for the people whose stored score is out of date), and ONE for the goals and pipeline of
 * the reps shown in full (a page of them, `limit` from `offset`; all without it) — whatever the number of reps or
 * deals (tested).
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { teamMembers, teams } from "@/db/schema";
import { together } from "@/server/db/together";
import { canSeeGoal } from "@/server/authz/record-rules";
import { flattenTree, scopeFromTree, teamsWithDescendants } from "@/server/authz/team-tree";
import { pipelineMix } from "@/server/domain/rep-alignment";
import {
  alignmentFor,
  goalReaderFrom,
  loadPeopleAlignment,
  scoringObjectives,
  scoringTeamPipeline,
  type PeopleSelector,
} from "@/server/services/people-alignment";
import { loadTeamSummary } from "@/server/services/team-summary";
import { orgProcedure, router } from "../init";
import { idSchema, recomputingSchema } from "@/server/domain/schemas";
import { TEAM_VIEW_PAGE, TEAM_VIEW_PAGE_MAX } from "@/server/domain/team-view";
import { alignmentSchema, goalSchema, toGoal } from "./goals";
import { strategyDetailSchema } from "@/server/domain/strategy-schemas";
import { findStrategy } from "@/server/services/strategy-records";
import { forbidden, notFound } from "@/server/domain/errors";

async function teamsAndSeats(db: Database, orgId: string, userId: string) {
  const [tree, seats] = await together([
    db
      .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
      .from(teams)
      .where(eq(teams.orgId, orgId)),
    db
      .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId))),
  ]);
  return { tree, seats };
}

const teamOptionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentTeamId: z.uuid().nullable(),
  depth: z.number().int(),
});

const repRowSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  teamNames: z.array(z.string()),
  isSelf: z.boolean(),
  alignment: alignmentSchema,
  /** The goals the caller may read. */
  goals: z.array(goalSchema),
  /** Goals counted in the score but not shown: private ones, and ones shared only with managers. */
  hiddenGoals: z.object({ private: z.number().int(), managerOnly: z.number().int() }),
});

export const alignmentRouter = router({
  /** Teams the caller may open the team view for, in tree order (admins: all; managers: the teams they manage and below; viewers: their teams and below). */
  scopeTeams: orgProcedure("alignment.team.read")
    .output(z.array(teamOptionSchema))
    .query(async ({ ctx }) => {
      const { tree, seats } = await teamsAndSeats(ctx.db, ctx.orgId, ctx.user.id);
      const scope = scopeFromTree(ctx.membership.role, tree, seats);
      const inScope = new Set(scope.kind === "teams" ? scope.teamIds : []);
      const visible = scope.kind === "all" ? tree : tree.filter((team) => inScope.has(team.id));
      return flattenTree(visible).map(({ team, depth }) => ({
        id: team.id,
        name: team.name,
        parentTeamId: team.parentTeamId,
        depth,
      }));
    }),

  /**
   * The heat-map and everything around it, for one team (with its sub-teams) and one strategy; without `teamId`,
   * for the whole organization (every rep of every team: callers who see every team, i.e. admins).
   */
  teamHeatmap: orgProcedure("alignment.team.read")
    .input(
      z.object({
        strategyId: idSchema,
        teamId: idSchema.optional(),
        /**
         * The reps shown in full (goals, reasons, suggestions), in name order: `limit` from `offset`, a page of
         * TEAM_VIEW_PAGE without one. Always a page: at 5,000 reps every rep in full was over a second of work
         * and megabytes of answer for a screen that shows 50 (docs/performance.md "The team view, paged").
         */
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(TEAM_VIEW_PAGE_MAX).default(TEAM_VIEW_PAGE),
      }),
    )
    .output(
      z.object({
        /** null: the whole organization. */
        team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
        strategy: strategyDetailSchema,
        reps: z.array(repRowSchema),
        objectives: z.array(
          z.object({
            objectiveId: z.uuid(),
            title: z.string(),
            weight: z.number().int(),
            pursuedBy: z.number().int(),
            pipelineShare: z.number(),
          }),
        ),
        /** Objectives that no rep's goal serves. */
        uncoveredObjectives: z.array(z.object({ objectiveId: z.uuid(), title: z.string(), weight: z.number().int() })),
        /** Goals linked to no objective, among those the caller may read. */
        orphanGoals: z.array(
          z.object({ goalId: z.uuid(), title: z.string(), category: z.string(), userId: z.uuid(), name: z.string() }),
        ),
        /** Orphan goals the caller may not read (counted, not shown). */
        hiddenOrphanGoals: z.number().int(),
        mix: z.object({
          hasPipeline: z.boolean(),
          unalignedShare: z.number(),
          /** The team's open pipeline, summed without converting currencies (see currencies). */
          pipelineTotal: z.string(),
          /** The currencies of the deals summed in pipelineTotal, sorted; more than one means a mixed, unconverted sum. */
          currencies: z.array(z.string()),
        }),
        averageScore: z.number().int().nullable(),
        /** How many reps the team has (`reps` holds the requested page of them). */
        repCount: z.number().int(),
        recomputing: recomputingSchema,
      }),
    )
    .query(async ({ ctx, input }) => {
      const { role } = ctx.membership;
      // The scope from the same tree and seats (no second read of them).
      const { tree, seats } = await teamsAndSeats(ctx.db, ctx.orgId, ctx.user.id);
      const scope = scopeFromTree(role, tree, seats);
      const team = input.teamId === undefined ? null : tree.find((t) => t.id === input.teamId);
      if (team === undefined) notFound("teamId", "Team not found.");
      if (scope.kind === "teams" && !(team && scope.teamIds.includes(team.id))) {
        forbidden("teamId", "You can open the teams you manage or belong to, and their sub-teams.");
      }
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      const selector: Extract<PeopleSelector, { kind: "team" | "organization" }> = team
        ? { kind: "team", teamIds: [...teamsWithDescendants(tree, [team.id])] }
        : { kind: "organization" };
      // Everyone's aggregates, orphan goals and the page's people (loadTeamSummary), then the full rows — goals,
      // reasons, suggestions — of the page's reps only.
      const summary = await loadTeamSummary(ctx.db, ctx.orgId, strategy, selector, {
        offset: input.offset,
        limit: input.limit,
      });
      const objectives = scoringObjectives(strategy);
      const people =
        summary.pageIds.length === 0
          ? []
          : await loadPeopleAlignment(ctx.db, ctx.orgId, strategy, {
              ...selector,
              only: summary.pageIds,
            });

      const reader = goalReaderFrom({ userId: ctx.user.id, role }, tree, seats);
      const reps = people.map((person) => {
        const readable = (goal: (typeof person.goals)[number]) => canSeeGoal(goal, person.teamIds, reader);
        const visible = person.goals.filter(readable);
        const hidden = person.goals.filter((goal) => !visible.includes(goal));
        return {
          userId: person.userId,
          name: person.name,
          teamNames: person.teamNames,
          isSelf: person.userId === ctx.user.id,
          // Reasons and suggestions name only the goals listed in `goals` (the same rule).
          alignment: alignmentFor(strategy, person, person.userId === ctx.user.id ? "owner" : "others", readable),
          goals: visible.map(toGoal),
          hiddenGoals: {
            private: hidden.filter((goal) => goal.visibility === "private").length,
            managerOnly: hidden.filter((goal) => goal.visibility !== "private").length,
          },
          visibleIds: new Set(visible.map((goal) => goal.id)),
        };
      });

      // The team's amounts are summed by SQL (in the statement above); only the shares are divided here.
      const mix = pipelineMix(objectives, scoringTeamPipeline(summary));
      const objectivesOut = strategy.objectives.map((o) => ({
        objectiveId: o.id,
        title: o.title,
        weight: o.weight,
        // The scorer's strength of an objective is over 0 when a link to it is (strengthsOf).
        pursuedBy: summary.pursuedBy.get(o.id) ?? 0,
        pipelineShare: mix.objectives.find((m) => m.objectiveId === o.id)?.pipelineShare ?? 0,
      }));

      // Every rep's orphan goals (not only the page's), those the caller may read named, the others counted.
      const orphanGoals: { goalId: string; title: string; category: string; userId: string; name: string }[] = [];
      let hiddenOrphanGoals = 0;
      for (const row of summary.orphans) {
        for (const goal of row.orphans) {
          if (canSeeGoal({ userId: row.userId, visibility: goal.visibility }, row.teamIds, reader))
            orphanGoals.push({
              goalId: goal.id,
              title: goal.title,
              category: goal.category,
              userId: row.userId,
              name: row.name,
            });
          else hiddenOrphanGoals++;
        }
      }

      return {
        team: team ? { id: team.id, name: team.name } : null,
        strategy,
        reps: reps.map((rep) => ({
          userId: rep.userId,
          name: rep.name,
          teamNames: rep.teamNames,
          isSelf: rep.isSelf,
          // A goal the caller may not read is counted in `goals.total`, never named by its id.
          alignment: {
            ...rep.alignment,
            goals: {
              ...rep.alignment.goals,
              orphanGoalIds: rep.alignment.goals.orphanGoalIds.filter((id) => rep.visibleIds.has(id)),
            },
          },
          goals: rep.goals,
          hiddenGoals: rep.hiddenGoals,
        })),
        objectives: objectivesOut,
        uncoveredObjectives: objectivesOut
          .filter((o) => o.pursuedBy === 0)
          .map((o) => ({ objectiveId: o.objectiveId, title: o.title, weight: o.weight })),
        orphanGoals,
        hiddenOrphanGoals,
        mix: {
          hasPipeline: mix.hasPipeline,
          unalignedShare: mix.unalignedShare,
          pipelineTotal: summary.groupPipelineTotal,
          currencies: summary.currencies,
        },
        averageScore: summary.averageScore,
        repCount: summary.count,
        recomputing: summary.recomputing,
      };
    }),
});
