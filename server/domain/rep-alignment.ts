/**
 * Rep ↔ strategy alignment (DESIGN.md "The alignment model"), as pure functions: no I/O, deterministic.
 * docs/alignment.md explains the scores to users; keep the two in step.
 *
 * For a rep r in a strategy period with objectives o (weights w):
 *   coverage     = Σ w_o · (max link strength of r's goals to o) / 3 / Σ w        (0–1)
 *   focus        = share of r's goals linked to at least one objective            (0–1; 0 without goals)
 *   pipeline_fit = 1 − ½ · (Σ_o |p_o − w_o/Σw| + p_unaligned)                      (0–1; 0 without pipeline)
 *                  p_o = share of r's open pipeline amount on deals matching o (a deal matching k
 *                  objectives counts 1/k on each); p_unaligned = share matching no objective.
 * The score is the sum of three integer parts: coverage × 40, focus × 20 and pipeline_fit × 40, each
 * rounded to a whole point. The total is *defined* as that sum, so the parts shown always add up to it
 * exactly, and it stays within 0–100 (each part is at most its maximum).
 *
 * Two deliberate choices (documented in docs/alignment.md):
 * - No open pipeline gives pipeline_fit 0, the same as a pipeline that serves no objective at all (the
 *   plain formula would give an arbitrary 0.5 to an empty pipeline).
 * - Weights are normalized by their sum, which is 100 for every strategy that can be active; a draft with
 *   other weights still scores sensibly in a preview.
 *
 * Properties (tests/unit/rep-alignment*.test.ts): every score is an integer in 0–100; adding a goal link
 * never lowers coverage (nor the score); a pipeline whose shares equal the weights has pipeline_fit 1;
 * the parts always add up to the total.
 */

export { GOAL_CATEGORIES, type GoalCategory } from "./vocabulary";
import type { GoalCategory } from "./vocabulary";

/** How many of the 100 points each component is worth. */
export const COMPONENT_MAX = { coverage: 40, focus: 20, pipelineFit: 40 } as const;
export type ComponentKey = keyof typeof COMPONENT_MAX;

export { STRENGTH_LABELS } from "./labels";
import { STRENGTH_LABELS } from "./labels";

export interface AlignmentObjective {
  id: string;
  title: string;
  /** Integer weight; the weights of an activatable strategy sum to 100. */
  weight: number;
}

export interface AlignmentGoalLink {
  objectiveId: string;
  /** 1 supports, 2 drives, 3 central. */
  strength: number;
}

export interface AlignmentGoal {
  id: string;
  title: string;
  category: GoalCategory;
  /** Private goals ("only me") count in the score but are never named to anyone but their owner. */
  private: boolean;
  /**
   * Whether the reader may read this goal (docs/alignment.md "Who sees a goal"; the caller decides, e.g. with
   * canSeeGoal in server/services/alignment.ts). With audience "others" only readable, non-private goals are
   * named in reasons and suggestions; the others are counted ("1 private goal", "1 goal not shared with you").
   * The owner (audience "owner") reads all of their own goals.
   */
  readable: boolean;
  links: readonly AlignmentGoalLink[];
}

export interface AlignmentPipeline {
  /**
   * Open pipeline amount per objective id, as decimal strings (money never becomes a float on its way in;
   * only the ratios between amounts are computed in floating point). A deal matching k objectives adds
   * amount/k to each.
   */
  byObjective: Readonly<Record<string, string>>;
  /** Amount on open deals that match no objective of the strategy. */
  unaligned: string;
}

export interface RepAlignmentInput {
  objectives: readonly AlignmentObjective[];
  goals: readonly AlignmentGoal[];
  pipeline: AlignmentPipeline;
  /** Who reads the text: the rep ("your goals") or someone else ("their goals"; only goals they may read are named). */
  audience?: "owner" | "others";
}

export interface ComponentScore {
  /** 0–1, the component itself. */
  value: number;
  /** Points it is worth at most (40, 20, 40). */
  max: number;
  /** round(value × max): the points it contributes to the score. */
  points: number;
}

export interface ObjectiveAlignment {
  objectiveId: string;
  title: string;
  weight: number;
  /** Strongest link from one of the rep's goals, 0 when no goal serves it. */
  strength: number;
  /** Share 0–1 of the rep's open pipeline on this objective. */
  pipelineShare: number;
}

export type SuggestionKind =
  | "write_goals"
  | "link_orphan"
  | "cover_objective"
  | "strengthen_link"
  | "pipeline_gap"
  | "unaligned_pipeline"
  | "no_pipeline";

export interface Suggestion {
  kind: SuggestionKind;
  text: string;
  /** Points the score would gain (at most); null when it cannot be said in advance. */
  gain: number | null;
  objectiveId: string | null;
  goalId: string | null;
}

export interface RepAlignment {
  /** 0–100, exactly coverage.points + focus.points + pipelineFit.points. */
  score: number;
  components: Record<ComponentKey, ComponentScore>;
  objectives: ObjectiveAlignment[];
  /** Share 0–1 of the open pipeline that matches no objective. */
  unalignedShare: number;
  hasPipeline: boolean;
  goals: { total: number; linked: number; orphanGoalIds: string[] };
  /** Why the score is what it is, one sentence per component. */
  reasons: string[];
  /** What would raise it, most valuable first (at most five). */
  suggestions: Suggestion[];
}

// ---------------------------------------------------------------------------------------------------
// The numbers

interface Raw {
  coverage: number;
  focus: number;
  pipelineFit: number;
  strengths: Map<string, number>;
  /** Shares per objective id, and the unaligned share. */
  shares: Map<string, number>;
  unaligned: number;
  hasPipeline: boolean;
  orphanGoalIds: string[];
  linkedGoals: number;
}

/** Removes floating-point noise (0.30000000000000004 → 0.3) and clamps to 0–1. */
function clean(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, Math.round(value * 1e9) / 1e9));
}

function amountOf(text: string | undefined): number {
  const value = Number(text ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function totalWeight(objectives: readonly AlignmentObjective[]): number {
  return objectives.reduce((sum, o) => sum + Math.max(0, o.weight), 0);
}

function strengthsOf(objectives: readonly AlignmentObjective[], goals: readonly AlignmentGoal[]): Map<string, number> {
  const strengths = new Map(objectives.map((o) => [o.id, 0]));
  for (const goal of goals) {
    for (const link of goal.links) {
      const current = strengths.get(link.objectiveId);
      if (current === undefined) continue; // a link to another strategy's objective does not count here
      strengths.set(link.objectiveId, Math.max(current, Math.min(3, Math.max(0, link.strength))));
    }
  }
  return strengths;
}

function coverageOf(objectives: readonly AlignmentObjective[], strengths: Map<string, number>): number {
  const total = totalWeight(objectives);
  if (total === 0) return 0;
  return clean(
    objectives.reduce((sum, o) => sum + (Math.max(0, o.weight) * (strengths.get(o.id) ?? 0)) / 3, 0) / total,
  );
}

/** 1 − ½ Σ |share − weight| over the objectives and the unaligned bucket (weight 0); 0 without pipeline. */
function fitOf(
  objectives: readonly AlignmentObjective[],
  shares: Map<string, number>,
  unaligned: number,
  hasPipeline: boolean,
): number {
  const total = totalWeight(objectives);
  if (!hasPipeline || total === 0) return 0;
  let distance = unaligned;
  for (const o of objectives) distance += Math.abs((shares.get(o.id) ?? 0) - Math.max(0, o.weight) / total);
  return clean(1 - distance / 2);
}

/**
 * Each objective's share of the pipeline, and the unaligned share. `total` defaults to the sum of the amounts;
 * the team mix passes the exact total SQL summed (its per-objective amounts may be rounded).
 */
function sharesOf(objectives: readonly AlignmentObjective[], pipeline: AlignmentPipeline, total?: number) {
  const known = new Set(objectives.map((o) => o.id));
  const amounts = new Map(objectives.map((o) => [o.id, 0]));
  let unaligned = amountOf(pipeline.unaligned);
  for (const [objectiveId, text] of Object.entries(pipeline.byObjective)) {
    // An amount on an objective the strategy does not have serves none of its objectives.
    if (known.has(objectiveId)) amounts.set(objectiveId, (amounts.get(objectiveId) ?? 0) + amountOf(text));
    else unaligned += amountOf(text);
  }
  const sum = total ?? [...amounts.values()].reduce((acc, value) => acc + value, unaligned);
  const shares = new Map<string, number>();
  for (const [id, amount] of amounts) shares.set(id, sum > 0 ? amount / sum : 0);
  return { shares, unaligned: sum > 0 ? unaligned / sum : 0, hasPipeline: sum > 0 };
}

function raw(
  objectives: readonly AlignmentObjective[],
  goals: readonly AlignmentGoal[],
  pipeline: AlignmentPipeline,
): Raw {
  const strengths = strengthsOf(objectives, goals);
  const known = new Set(objectives.map((o) => o.id));
  const orphanGoalIds = goals
    .filter((g) => !g.links.some((link) => known.has(link.objectiveId) && link.strength > 0))
    .map((g) => g.id);
  const linkedGoals = goals.length - orphanGoalIds.length;
  const { shares, unaligned, hasPipeline } = sharesOf(objectives, pipeline);
  return {
    coverage: coverageOf(objectives, strengths),
    focus: goals.length === 0 ? 0 : clean(linkedGoals / goals.length),
    pipelineFit: fitOf(objectives, shares, unaligned, hasPipeline),
    strengths,
    shares,
    unaligned: clean(unaligned),
    hasPipeline,
    orphanGoalIds,
    linkedGoals,
  };
}

function component(value: number, max: number): ComponentScore {
  return { value, max, points: Math.round(value * max) };
}

function componentsOf(r: Pick<Raw, "coverage" | "focus" | "pipelineFit">): Record<ComponentKey, ComponentScore> {
  return {
    coverage: component(r.coverage, COMPONENT_MAX.coverage),
    focus: component(r.focus, COMPONENT_MAX.focus),
    pipelineFit: component(r.pipelineFit, COMPONENT_MAX.pipelineFit),
  };
}

/** The score is the sum of the rounded parts, so what is shown always adds up. */
export function totalOf(components: Record<ComponentKey, ComponentScore>): number {
  return components.coverage.points + components.focus.points + components.pipelineFit.points;
}

function scoreOfRaw(r: Pick<Raw, "coverage" | "focus" | "pipelineFit">): number {
  return totalOf(componentsOf(r));
}

// ---------------------------------------------------------------------------------------------------
// Words

const pct = (share: number) => `${Math.round(share * 100)}%`;
const quote = (title: string) => `“${title}”`;

/** Whether the reader may see the goal's title: the owner always; anyone else only a readable, non-private goal. */
function named(goal: AlignmentGoal, audience: "owner" | "others"): boolean {
  return audience === "owner" || (goal.readable && !goal.private);
}

function goalName(goal: AlignmentGoal, audience: "owner" | "others"): string {
  if (!named(goal, audience)) return goal.private ? "a private goal" : "a goal not shared with you";
  return `${audience === "owner" ? "your" : "the"} ${goal.category} goal ${quote(goal.title)}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function reasonsOf(input: RepAlignmentInput, r: Raw, audience: "owner" | "others"): string[] {
  const { objectives, goals } = input;
  const their = audience === "owner" ? "your" : "their";
  const reasons: string[] = [];

  if (objectives.length === 0) {
    reasons.push("Coverage: the strategy has no objectives yet.");
  } else {
    const reached = objectives.filter((o) => (r.strengths.get(o.id) ?? 0) > 0).length;
    reasons.push(
      `Coverage ${pct(r.coverage)}: ${their} goals serve ${reached} of ${objectives.length} objectives; weighted by each objective's weight and the link strength (central counts fully, drives ⅔, supports ⅓), they cover ${pct(r.coverage)} of the strategy.`,
    );
  }

  if (goals.length === 0) {
    reasons.push(`Focus: no goals for this period yet.`);
  } else {
    const orphans = goals.filter((g) => r.orphanGoalIds.includes(g.id));
    const shown = orphans.filter((g) => named(g, audience)).map((g) => quote(g.title));
    const hiddenPrivate = orphans.filter((g) => !named(g, audience) && g.private).length;
    const hiddenShared = orphans.filter((g) => !named(g, audience) && !g.private).length;
    const list = [
      ...shown,
      ...(hiddenPrivate > 0 ? [plural(hiddenPrivate, "private goal", "private goals")] : []),
      ...(hiddenShared > 0 ? [plural(hiddenShared, "goal not shared with you", "goals not shared with you")] : []),
    ].join(", ");
    reasons.push(
      `Focus ${pct(r.focus)}: ${r.linkedGoals} of ${goals.length} goal${goals.length === 1 ? "" : "s"} serve${goals.length === 1 ? "s" : ""} an objective` +
        (orphans.length > 0 ? `; not linked to any objective: ${list}.` : "."),
    );
  }

  if (!r.hasPipeline) {
    reasons.push(`Pipeline fit 0%: ${their} open pipeline is empty, so it serves no objective yet.`);
  } else {
    const total = totalWeight(objectives);
    const parts = objectives.map(
      (o) =>
        `${pct(r.shares.get(o.id) ?? 0)} on ${quote(o.title)} (weight ${pct(total > 0 ? Math.max(0, o.weight) / total : 0)})`,
    );
    parts.push(`${pct(r.unaligned)} on no objective`);
    reasons.push(`Pipeline fit ${pct(r.pipelineFit)}: ${their} open pipeline puts ${parts.join(", ")}.`);
  }
  return reasons;
}

/** Moves `mass` of pipeline share onto `target`, taking it from the buckets most above their weight. */
function shiftedShares(objectives: readonly AlignmentObjective[], r: Raw, target: string | null, mass: number) {
  const total = totalWeight(objectives);
  const shares = new Map(r.shares);
  let unaligned = r.unaligned;
  const excess: { id: string | null; over: number }[] = [{ id: null, over: unaligned }];
  for (const o of objectives) {
    if (o.id === target) continue;
    excess.push({ id: o.id, over: (shares.get(o.id) ?? 0) - (total > 0 ? Math.max(0, o.weight) / total : 0) });
  }
  excess.sort((a, b) => b.over - a.over);
  let left = mass;
  for (const bucket of excess) {
    if (left <= 0 || bucket.over <= 0) break;
    const take = Math.min(left, bucket.over);
    if (bucket.id === null) unaligned -= take;
    else shares.set(bucket.id, (shares.get(bucket.id) ?? 0) - take);
    left -= take;
  }
  const moved = mass - left;
  if (target !== null) shares.set(target, (shares.get(target) ?? 0) + moved);
  else unaligned += moved;
  return { shares, unaligned };
}

function suggestionsOf(input: RepAlignmentInput, r: Raw, score: number, audience: "owner" | "others"): Suggestion[] {
  const { objectives, goals } = input;
  const total = totalWeight(objectives);
  const weightPct = (o: AlignmentObjective) => pct(total > 0 ? Math.max(0, o.weight) / total : 0);
  const byWeight = [...objectives].sort((a, b) => b.weight - a.weight || a.title.localeCompare(b.title));
  const top = byWeight[0];
  const your = audience === "owner" ? "your" : "their";
  const out: Suggestion[] = [];
  const gainWith = (changes: Partial<Pick<Raw, "coverage" | "focus" | "pipelineFit">>) =>
    scoreOfRaw({ ...r, ...changes }) - score;
  const withGoals = (next: readonly AlignmentGoal[]) => {
    const again = raw(objectives, next, input.pipeline);
    return scoreOfRaw({ ...again, pipelineFit: r.pipelineFit }) - score;
  };

  if (objectives.length === 0) return [];

  if (goals.length === 0) {
    out.push({
      kind: "write_goals",
      text:
        audience === "owner"
          ? "Write your goals for this period and link each one to the objectives it serves."
          : "No goals for this period yet: goals linked to the objectives would raise the score.",
      gain: null,
      objectiveId: null,
      goalId: null,
    });
  }

  // Orphan goals: linking one (even as "supports") raises focus, and coverage where nothing served yet.
  for (const goal of goals.filter((g) => r.orphanGoalIds.includes(g.id))) {
    let best = 0;
    for (const o of objectives) {
      best = Math.max(
        best,
        withGoals(
          goals.map((g) => (g.id === goal.id ? { ...g, links: [...g.links, { objectiveId: o.id, strength: 1 }] } : g)),
        ),
      );
    }
    out.push({
      kind: "link_orphan",
      text: `Link ${goalName(goal, audience)} to an objective it serves.`,
      gain: best > 0 ? best : null,
      objectiveId: null,
      // A goal the reader may not see is not pointed at either.
      goalId: named(goal, audience) ? goal.id : null,
    });
  }

  // Objectives no goal serves, and objectives served only weakly.
  const anchor = goals.find((g) => !r.orphanGoalIds.includes(g.id)) ?? goals[0];
  for (const o of byWeight) {
    const strength = r.strengths.get(o.id) ?? 0;
    if (strength >= 3 || !anchor || o.weight <= 0) continue;
    const gain = withGoals(
      goals.map((g) => (g.id === anchor.id ? { ...g, links: [...g.links, { objectiveId: o.id, strength: 3 }] } : g)),
    );
    if (gain <= 0) continue;
    out.push(
      strength === 0
        ? {
            kind: "cover_objective",
            text: `No goal of ${your}s serves ${quote(o.title)} (weight ${weightPct(o)}): link a goal to it.`,
            gain,
            objectiveId: o.id,
            goalId: null,
          }
        : {
            kind: "strengthen_link",
            text: `${audience === "owner" ? "Your" : "Their"} goals only ${STRENGTH_LABELS[strength]} ${quote(o.title)} (weight ${weightPct(o)}): make it central to one of them.`,
            gain,
            objectiveId: o.id,
            goalId: null,
          },
    );
  }

  // Pipeline.
  if (!r.hasPipeline) {
    out.push({
      kind: "no_pipeline",
      text: `${audience === "owner" ? "You have" : "There is"} no open pipeline yet: deals that match the objectives in their weights raise pipeline fit.`,
      gain: gainWith({ pipelineFit: 1 }),
      objectiveId: null,
      goalId: null,
    });
  } else {
    for (const o of byWeight) {
      const share = r.shares.get(o.id) ?? 0;
      const weight = total > 0 ? Math.max(0, o.weight) / total : 0;
      if (weight - share < 0.1) continue;
      const shifted = shiftedShares(objectives, r, o.id, weight - share);
      const gain = gainWith({ pipelineFit: fitOf(objectives, shifted.shares, shifted.unaligned, true) });
      out.push({
        kind: "pipeline_gap",
        text: `Only ${pct(share)} of ${your} pipeline serves ${o === top ? "the top objective " : ""}${quote(o.title)}, weighted ${weightPct(o)}.`,
        gain: gain > 0 ? gain : null,
        objectiveId: o.id,
        goalId: null,
      });
    }
    if (r.unaligned >= 0.2) {
      // Moving the unaligned share onto the objectives that lack pipeline, heaviest gap first.
      let shares = new Map(r.shares);
      let unaligned = r.unaligned;
      for (const o of byWeight) {
        const gap = (total > 0 ? Math.max(0, o.weight) / total : 0) - (shares.get(o.id) ?? 0);
        if (gap <= 0 || unaligned <= 0) continue;
        const take = Math.min(gap, unaligned);
        shares = new Map(shares).set(o.id, (shares.get(o.id) ?? 0) + take);
        unaligned -= take;
      }
      const gain = gainWith({ pipelineFit: fitOf(objectives, shares, unaligned, true) });
      out.push({
        kind: "unaligned_pipeline",
        text: `${pct(r.unaligned)} of ${your} open pipeline matches no objective: link those deals to the objectives they serve, or disqualify the ones that do not fit.`,
        gain: gain > 0 ? gain : null,
        objectiveId: null,
        goalId: null,
      });
    }
  }

  const order: SuggestionKind[] = [
    "write_goals",
    "link_orphan",
    "cover_objective",
    "strengthen_link",
    "pipeline_gap",
    "unaligned_pipeline",
    "no_pipeline",
  ];
  return out
    .map((s, index) => ({ s, index }))
    .sort(
      (a, b) =>
        (b.s.gain ?? 0) - (a.s.gain ?? 0) || order.indexOf(a.s.kind) - order.indexOf(b.s.kind) || a.index - b.index,
    )
    .slice(0, 5)
    .map(({ s }) => s);
}

// ---------------------------------------------------------------------------------------------------

/** The rep's alignment with the strategy: score, components, per-objective picture, reasons, suggestions. */
export function scoreRepAlignment(input: RepAlignmentInput): RepAlignment {
  const audience = input.audience ?? "owner";
  const r = raw(input.objectives, input.goals, input.pipeline);
  const components = componentsOf(r);
  const score = totalOf(components);
  return {
    score,
    components,
    objectives: input.objectives.map((o) => ({
      objectiveId: o.id,
      title: o.title,
      weight: o.weight,
      strength: r.strengths.get(o.id) ?? 0,
      pipelineShare: clean(r.shares.get(o.id) ?? 0),
    })),
    unalignedShare: r.unaligned,
    hasPipeline: r.hasPipeline,
    goals: { total: input.goals.length, linked: r.linkedGoals, orphanGoalIds: r.orphanGoalIds },
    reasons: reasonsOf(input, r, audience),
    suggestions: suggestionsOf(input, r, score, audience),
  };
}

/**
 * The team's open pipeline, summed by SQL: amounts per objective id, on no objective, and in total (decimal
 * strings; the per-objective sums are not rounded to cents, so the shares are exact).
 */
export interface TeamPipeline extends AlignmentPipeline {
  total: string;
}

/**
 * Team-level pipeline mix: each objective's share of the team's open pipeline, and the unaligned share — the
 * same rule as a rep's pipeline fit (sharesOf). The amounts arrive already summed (server/services/alignment.ts,
 * in SQL); the only floating-point step here is each amount ÷ total.
 */
export function pipelineMix(objectives: readonly AlignmentObjective[], pipeline: TeamPipeline) {
  const { shares, unaligned, hasPipeline } = sharesOf(objectives, pipeline, amountOf(pipeline.total));
  return {
    hasPipeline,
    unalignedShare: clean(unaligned),
    objectives: objectives.map((o) => ({
      objectiveId: o.id,
      title: o.title,
      weight: o.weight,
      pipelineShare: clean(shares.get(o.id) ?? 0),
    })),
  };
}
