/** The numbers of the rep-alignment model (the formulas are in rep-alignment.ts's header). */
import {
  COMPONENT_MAX,
  type AlignmentGoal,
  type AlignmentObjective,
  type AlignmentPipeline,
  type ComponentKey,
  type ComponentScore,
} from "./rep-alignment-model";

export interface Raw {
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
export function clean(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, Math.round(value * 1e9) / 1e9));
}

export function amountOf(text: string | undefined): number {
  const value = Number(text ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function totalWeight(objectives: readonly AlignmentObjective[]): number {
  return objectives.reduce((sum, o) => sum + Math.max(0, o.weight), 0);
}

export function strengthsOf(
  objectives: readonly AlignmentObjective[],
  goals: readonly AlignmentGoal[],
): Map<string, number> {
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

export function coverageOf(objectives: readonly AlignmentObjective[], strengths: Map<string, number>): number {
  const total = totalWeight(objectives);
  if (total === 0) return 0;
  return clean(
    objectives.reduce((sum, o) => sum + (Math.max(0, o.weight) * (strengths.get(o.id) ?? 0)) / 3, 0) / total,
  );
}

/** 1 − ½ Σ |share − weight| over the objectives and the unaligned bucket (weight 0); 0 without pipeline. */
export function fitOf(
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
export function sharesOf(objectives: readonly AlignmentObjective[], pipeline: AlignmentPipeline, total?: number) {
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

export function raw(
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
  return { ...figuresOf(objectives, strengths, goals.length, linkedGoals, pipeline), orphanGoalIds, linkedGoals };
}

/**
 * The numbers from what they depend on — the strongest link per objective, how many goals and how many of them
 * linked, the pipeline — without the goals themselves: what a score needs when only the score is shown (the
 * team views' heat-map and ranking; server/services/rep-scores.ts). raw() goes through it too.
 */
export function figuresOf(
  objectives: readonly AlignmentObjective[],
  strengths: Map<string, number>,
  goals: number,
  linkedGoals: number,
  pipeline: AlignmentPipeline,
): Omit<Raw, "orphanGoalIds" | "linkedGoals"> {
  const { shares, unaligned, hasPipeline } = sharesOf(objectives, pipeline);
  return {
    coverage: coverageOf(objectives, strengths),
    focus: goals === 0 ? 0 : clean(linkedGoals / goals),
    pipelineFit: fitOf(objectives, shares, unaligned, hasPipeline),
    strengths,
    shares,
    unaligned: clean(unaligned),
    hasPipeline,
  };
}

export function component(value: number, max: number): ComponentScore {
  return { value, max, points: Math.round(value * max) };
}

export function componentsOf(r: Pick<Raw, "coverage" | "focus" | "pipelineFit">): Record<ComponentKey, ComponentScore> {
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

export function scoreOfRaw(r: Pick<Raw, "coverage" | "focus" | "pipelineFit">): number {
  return totalOf(componentsOf(r));
}
