/**
 * home.get: everything the signed-in member's home shows, by role (issue 13, docs/home.md), in one call and a
 * fixed number of statements (server/services/home.ts). Reps: their goals, score and trend, pipeline, deals needing
 * attention, actions and plan steps. Managers, admins and viewers: the team view of one team of their scope (the
 * `teamId` in the URL) — heat-map, ranking, deals to disqualify, reviews due — and for admins the setup checklist
 * and recent audit events. Goals of others are never named: the team view shows scores and link strengths only.
 */
import { z } from "zod";
import { dealStageEnum } from "@/db/schema";
import { DEAL_FLAGS } from "@/server/domain/deal-alignment";
import { notFound } from "@/server/domain/errors";
import {
  attainment,
  HOME_REVIEWS_DUE_ROWS,
  HOME_TEAM_ROWS,
  keepEnds,
  byName,
  reviewDue,
  reviewDueRule,
  reviewsDueFirst,
  scoreChange,
} from "@/server/domain/home";
import { alignmentFor, scoringObjectives } from "@/server/services/people-alignment";
import { repScoreOf } from "@/server/services/rep-scores";
import { loadHome } from "@/server/services/home";
import { orgProcedure, router } from "../init";
import { idSchema, recomputingSchema, roleSchema } from "@/server/domain/schemas";

const money = z.string();
const dueSchema = z.object({ state: z.enum(["never", "overdue", "due", "ok"]), dueOn: z.string().nullable() });

const homeSchema = z.object({
  role: roleSchema,
  today: z.string(),
  strategy: z
    .object({
      id: z.uuid(),
      name: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      objectives: z.array(z.object({ id: z.uuid(), title: z.string(), weight: z.number().int() })),
    })
    .nullable(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), depth: z.number().int() })),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The rep's own figures (reps only). */
  me: z
    .object({
      score: z.number().int(),
      goals: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          category: z.string(),
          target: money.nullable(),
          currentValue: money,
          unit: z.string(),
          attainment: z.number().int().nullable(),
        }),
      ),
      pipelineByObjective: z.array(z.object({ objectiveId: z.uuid().nullable(), title: z.string(), amount: money })),
      currencies: z.array(z.string()),
      nextReview: dueSchema.extend({ lastReviewId: z.uuid().nullable() }),
    })
    .nullable(),
  /** How many reps the team view covers (managers, admins, viewers; 0 for reps). */
  repCount: z.number().int(),
  /**
   * Reps × objectives by score, highest first, with their last review: every rep up to HOME_TEAM_ROWS, beyond
   * that the most and the least aligned (the alignment page lists them all).
   */
  reps: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      score: z.number().int(),
      lastReviewScore: z.number().int().nullable(),
      change: z.number().int().nullable(),
      review: dueSchema,
      cells: z.array(z.object({ objectiveId: z.uuid(), strength: z.number().int(), pipelineShare: z.number() })),
    }),
  ),
  /** Reps whose review is due or overdue, the most urgent first (at most HOME_REVIEWS_DUE_ROWS), and how many. */
  reviewsDue: z.object({
    count: z.number().int(),
    reps: z.array(z.object({ userId: z.uuid(), name: z.string(), review: dueSchema })),
  }),
  /** The team's (or the rep's) open pipeline share per objective against the strategy's weight. */
  objectiveMix: z.array(
    z.object({ objectiveId: z.uuid().nullable(), title: z.string(), weight: z.number().int(), share: z.number() }),
  ),
  byStage: z.array(
    z.object({ stage: z.enum(dealStageEnum.enumValues), currency: z.string(), deals: z.number().int(), amount: money }),
  ),
  openPipeline: z.array(z.object({ currency: z.string(), deals: z.number().int(), amount: money })),
  attention: z.array(
    z.object({
      dealId: z.uuid(),
      name: z.string(),
      accountName: z.string(),
      ownerName: z.string(),
      stage: z.enum(dealStageEnum.enumValues),
      closeDate: z.string().nullable(),
      amount: money,
      currency: z.string(),
      score: z.number().int(),
      flags: z.array(z.enum(DEAL_FLAGS)),
      closePassed: z.boolean(),
    }),
  ),
  /** The caller's own actions, plan steps and score history: the rep's home; empty in the team view. */
  reviewActions: z.array(
    z.object({ id: z.uuid(), reviewId: z.uuid(), text: z.string(), dueOn: z.string().nullable() }),
  ),
  planSteps: z.array(
    z.object({
      id: z.uuid(),
      planId: z.uuid(),
      planTitle: z.string(),
      title: z.string(),
      side: z.enum(["us", "customer"]),
      dueOn: z.string().nullable(),
    }),
  ),
  scoreHistory: z.array(z.object({ reviewId: z.uuid(), sharedAt: z.string(), score: z.number().int() })),
  setup: z
    .object({
      strategyActive: z.boolean(),
      activeMembers: z.number().int(),
      byRole: z.record(z.string(), z.number().int()),
      teams: z.number().int(),
      pendingInvitations: z.number().int(),
      reps: z.number().int(),
      repsWithGoals: z.number().int(),
    })
    .nullable(),
  recomputing: recomputingSchema,
  audit: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      entityType: z.string(),
      at: z.string(),
      actorName: z.string().nullable(),
    }),
  ),
});

export type HomeView = z.infer<typeof homeSchema>;

export const homeRouter = router({
  // Keyed: the context is read by key; loadHome plans the figures and lists for the size of the team it reads.
  get: orgProcedure("org.read", { plans: "keyed" })
    .input(z.object({ teamId: idSchema.optional() }).optional())
    .output(homeSchema)
    .query(async ({ ctx, input }) => {
      const { role } = ctx.membership;
      const data = await loadHome(ctx.db, { orgId: ctx.orgId, userId: ctx.user.id, role }, input?.teamId);
      if (!data) notFound("teamId", "Team not found.");
      const { strategy, people, ranking, lists, today } = data;
      const title = (id: string | null) =>
        id === null ? "No objective" : (strategy?.objectives.find((o) => o.id === id)?.title ?? "");
      const mine =
        strategy && people[0]
          ? { person: people[0], alignment: alignmentFor(strategy, people[0], "others", () => false) }
          : undefined;
      const last = lists.lastReview;
      const me =
        role !== "rep"
          ? null
          : {
              score: mine?.alignment.score ?? 0,
              goals: (mine?.person.goals ?? []).map((goal) => ({
                id: goal.id,
                title: goal.title,
                category: goal.category,
                target: goal.target,
                currentValue: goal.currentValue,
                unit: goal.unit,
                attainment: attainment(goal.currentValue, goal.target),
              })),
              pipelineByObjective: (mine?.person.pipeline ?? []).map((p) => ({ ...p, title: title(p.objectiveId) })),
              currencies: mine?.person.pipelineCurrencies ?? [],
              nextReview: {
                ...reviewDue(last?.sharedAt ?? null, data.overdueDays, today),
                lastReviewId: last?.id ?? null,
              },
            };
      // The team view: the people who can be shown (loadHomeTeam), ranked here; the cells of the shown reps only.
      const objectives = strategy ? scoringObjectives(strategy) : [];
      const objectiveMix = (() => {
        const group = people[0]?.groupPipeline ?? ranking?.groupPipeline ?? [];
        const total = group.reduce((sum, p) => sum + Number(p.amount), 0);
        const share = (id: string | null) =>
          total > 0 ? Number(group.find((p) => p.objectiveId === id)?.amount ?? 0) / total : 0;
        const rows = (strategy?.objectives ?? []).map((o) => ({
          objectiveId: o.id,
          title: o.title,
          weight: o.weight,
          share: share(o.id),
        }));
        return total > 0 ? [...rows, { objectiveId: null, title: title(null), weight: 0, share: share(null) }] : rows;
      })();
      const due = reviewDueRule(data.overdueDays, today);
      const candidates = (ranking?.people ?? []).map(({ row, ...person }) => ({
        person: {
          ...person,
          change: scoreChange(person.score, person.lastReviewScore),
          review: due(person.lastSharedAt),
        },
        row,
      }));
      // Those who can be among the ends come with their figures (all of them when the team is small).
      const ranked = candidates
        .flatMap(({ person, row }) => (row ? [{ person, row }] : []))
        .sort((a, b) => b.person.score - a.person.score || byName(a.person.name, b.person.name));
      const shown = keepEnds(ranked, HOME_TEAM_ROWS).map(({ person, row }) => ({
        userId: person.userId,
        name: person.name,
        score: person.score,
        lastReviewScore: person.lastReviewScore,
        change: person.change,
        review: person.review,
        cells: repScoreOf(objectives, row).objectives.map(({ objectiveId, strength, pipelineShare }) => ({
          objectiveId,
          strength,
          pipelineShare,
        })),
      }));
      const urgent = reviewsDueFirst(candidates.flatMap(({ person }) => (person.reviewDue ? [person] : [])));
      return {
        role,
        today,
        strategy: strategy && {
          id: strategy.id,
          name: strategy.name,
          startsOn: strategy.startsOn,
          endsOn: strategy.endsOn,
          objectives: strategy.objectives.map((o) => ({ id: o.id, title: o.title, weight: o.weight })),
        },
        teams: data.teams,
        team: data.team,
        me,
        repCount: ranking?.count ?? 0,
        reps: shown,
        reviewsDue: {
          count: ranking?.dueCount ?? 0,
          reps: urgent.slice(0, HOME_REVIEWS_DUE_ROWS).map(({ userId, name, review }) => ({ userId, name, review })),
        },
        objectiveMix,
        byStage: lists.byStage as HomeView["byStage"],
        openPipeline: lists.openPipeline,
        attention: lists.attention as HomeView["attention"],
        reviewActions: lists.reviewActions,
        planSteps: lists.planSteps as HomeView["planSteps"],
        scoreHistory: lists.scoreHistory,
        setup: data.setup && { ...data.setup, strategyActive: strategy?.status === "active" },
        audit: lists.audit,
        recomputing: data.recomputing,
      };
    }),
});
