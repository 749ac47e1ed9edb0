/**
 * Assembles a review's snapshot from figures already computed elsewhere (pure: no I/O). The service
 * (server/services/reviews-snapshot.ts) reads the rep ↔ strategy score, the goals, the stored deal scores and
 * the previous review in a fixed number of statements and hands them here.
 */
import type { DealFlag, DealStage } from "@/server/domain/deal-alignment";
import type { GoalCategory } from "@/server/domain/rep-alignment";
import {
  DEAL_GROUPS,
  SNAPSHOT_VERSION,
  snapshotSchema,
  type DealGroup,
  type ReviewSnapshot,
  type SnapshotDeal,
} from "./snapshot";

export interface SnapshotStrategy {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  objectives: readonly { id: string; title: string; weight: number }[];
}

interface Component {
  value: number;
  max: number;
  points: number;
}

/** What the rep ↔ strategy scorer answers (server/services/people-alignment.ts alignmentFor). */
export interface SnapshotAlignment {
  score: number;
  components: { coverage: Component; focus: Component; pipelineFit: Component };
  reasons: readonly string[];
  suggestions: readonly { text: string; gain: number | null }[];
  objectives: readonly { objectiveId: string; pipelineShare: number; pipelineAmount: string }[];
  unalignedShare: number;
  unalignedAmount: string;
  pipelineTotal: string;
  pipelineCurrencies: readonly string[];
}

export interface SnapshotGoalInput {
  id: string;
  title: string;
  category: GoalCategory;
  target: string | null;
  unit: string;
  currentValue: string;
  links: readonly { objectiveId: string; strength: number }[];
  /** Whether the reader of the draft may read it (private goals are counted, never shown). */
  readable: boolean;
}

export interface SnapshotDealInput {
  id: string;
  name: string;
  accountName: string;
  stage: DealStage;
  amount: string;
  currency: string;
  closeDate: string | null;
  score: number;
  customer: number;
  company: number;
  rep: number;
  flags: readonly DealFlag[];
}

export interface SnapshotInput {
  now: Date;
  strategy: SnapshotStrategy;
  subject: { id: string; name: string };
  alignment: SnapshotAlignment;
  goals: readonly SnapshotGoalInput[];
  deals: { total: number; byGroup: Record<DealGroup, number>; items: readonly SnapshotDealInput[] };
  previousReview: ReviewSnapshot["previousReview"];
}

/** Disqualification candidates first, then deals outside the strategy, then the rest. */
export function dealGroupOf(flags: readonly string[]): DealGroup {
  if (flags.includes("DISQUALIFY")) return "disqualify";
  if (flags.includes("OUTSIDE_STRATEGY")) return "outside_strategy";
  return "other";
}

/** Group order, then the lowest score first, then the largest amount; stable. */
export function orderDeals(deals: readonly SnapshotDealInput[]): SnapshotDeal[] {
  const rank = (group: DealGroup) => DEAL_GROUPS.indexOf(group);
  return deals
    .map((deal) => ({ ...deal, flags: [...deal.flags], group: dealGroupOf(deal.flags) }))
    .sort(
      (a, b) =>
        rank(a.group) - rank(b.group) ||
        a.score - b.score ||
        Number(b.amount) - Number(a.amount) ||
        a.id.localeCompare(b.id),
    );
}

const clampShare = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

export function goalProgress(target: string | null, current: string): number | null {
  const goal = target === null ? 0 : Number(target);
  if (!(goal > 0)) return null;
  return clampShare(Number(current) / goal);
}

/** The pipeline mix: each objective's share of the weights (the target) next to its share of the pipeline. */
export function pipelineMixOf(strategy: SnapshotStrategy, alignment: SnapshotAlignment): ReviewSnapshot["pipelineMix"] {
  const weightTotal = strategy.objectives.reduce((sum, o) => sum + o.weight, 0);
  const actual = new Map(alignment.objectives.map((o) => [o.objectiveId, o]));
  return {
    total: alignment.pipelineTotal,
    currencies: [...alignment.pipelineCurrencies],
    objectives: strategy.objectives.map((o) => ({
      objectiveId: o.id,
      title: o.title,
      targetShare: weightTotal > 0 ? clampShare(o.weight / weightTotal) : 0,
      actualShare: clampShare(actual.get(o.id)?.pipelineShare ?? 0),
      amount: actual.get(o.id)?.pipelineAmount ?? "0.00",
    })),
    unaligned: { share: clampShare(alignment.unalignedShare), amount: alignment.unalignedAmount },
  };
}

export function assembleSnapshot(input: SnapshotInput): ReviewSnapshot {
  const titles = new Map(input.strategy.objectives.map((o) => [o.id, o.title]));
  const readable = input.goals.filter((goal) => goal.readable);
  const snapshot: ReviewSnapshot = {
    schemaVersion: SNAPSHOT_VERSION,
    takenAt: input.now.toISOString(),
    strategy: {
      id: input.strategy.id,
      name: input.strategy.name,
      startsOn: input.strategy.startsOn,
      endsOn: input.strategy.endsOn,
    },
    subject: input.subject,
    alignment: {
      score: input.alignment.score,
      components: input.alignment.components,
      reasons: [...input.alignment.reasons],
      suggestions: input.alignment.suggestions.map(({ text, gain }) => ({ text, gain })),
    },
    goals: readable.map((goal) => ({
      id: goal.id,
      title: goal.title,
      category: goal.category,
      target: goal.target,
      unit: goal.unit,
      currentValue: goal.currentValue,
      progress: goalProgress(goal.target, goal.currentValue),
      links: goal.links
        .filter((link) => titles.has(link.objectiveId))
        .map((link) => ({ ...link, objectiveTitle: titles.get(link.objectiveId) ?? "" })),
    })),
    hiddenGoalCount: input.goals.length - readable.length,
    pipelineMix: pipelineMixOf(input.strategy, input.alignment),
    deals: { total: input.deals.total, byGroup: input.deals.byGroup, items: orderDeals(input.deals.items) },
    previousReview: input.previousReview,
  };
  // The document is stored as it is: never let a shape the reader would refuse reach the database.
  return snapshotSchema.parse(snapshot);
}
