/** The words of the rep-alignment model: the reasons for a score and the suggestions that would raise it. */
import { STRENGTH_LABELS } from "./labels";
import {
  type AlignmentGoal,
  type AlignmentObjective,
  type RepAlignmentInput,
  type Suggestion,
  SUGGESTION_KINDS,
} from "./rep-alignment-model";
import { fitOf, raw, scoreOfRaw, totalWeight, type Raw } from "./rep-alignment-numbers";

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

export function reasonsOf(input: RepAlignmentInput, r: Raw, audience: "owner" | "others"): string[] {
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

export function suggestionsOf(
  input: RepAlignmentInput,
  r: Raw,
  score: number,
  audience: "owner" | "others",
): Suggestion[] {
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
            text: `No goal of ${your}s is central to ${quote(o.title)} (weight ${weightPct(o)}); the strongest only ${STRENGTH_LABELS[strength]} it: make it central to one of them.`,
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

  return out
    .map((s, index) => ({ s, index }))
    .sort(
      (a, b) =>
        (b.s.gain ?? 0) - (a.s.gain ?? 0) ||
        SUGGESTION_KINDS.indexOf(a.s.kind) - SUGGESTION_KINDS.indexOf(b.s.kind) ||
        a.index - b.index,
    )
    .slice(0, 5)
    .map(({ s }) => s);
}
