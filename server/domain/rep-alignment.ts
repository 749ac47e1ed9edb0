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

export * from "./rep-alignment-model";
import type { AlignmentObjective, AlignmentPipeline, RepAlignment, RepAlignmentInput } from "./rep-alignment-model";
import { amountOf, clean, componentsOf, raw, sharesOf, totalOf } from "./rep-alignment-numbers";
import { reasonsOf, suggestionsOf } from "./rep-alignment-words";

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
 * same rule as a rep's pipeline fit (sharesOf). The amounts arrive already summed (server/services/people-alignment.ts,
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
