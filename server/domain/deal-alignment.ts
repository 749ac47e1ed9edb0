/**
 * Three-way deal alignment (DESIGN.md "The alignment model", refined in docs/alignment.md "Deal alignment").
 * Pure and deterministic: no I/O, no clock. The SQL view `deal_scores` (migration 0004) computes the same
 * numbers for lists and filters; this is the reference, used for one deal's breakdown and its reasons, and
 * tests/integration/deals-score-sql.test.ts checks that both agree on every seeded deal.
 *
 * To agree with SQL to the last bit, the arithmetic is the same sequence of IEEE 754 operations: + − × ÷ and
 * sqrt are correctly rounded in both, and rounding is floor(x + 0.5).
 */

export {
  BUYING_ROLES,
  DEAL_STAGES,
  GOAL_CATEGORIES,
  isOpenStage,
  OPEN_STAGES,
  PROBLEM_FITS,
  STANCES,
  type BuyingRole,
  type DealStage,
  type GoalCategory,
  type OpenStage,
  type ProblemFit,
  type Stance,
} from "./vocabulary";
import {
  OPEN_STAGES,
  type BuyingRole,
  type DealStage,
  type GoalCategory,
  type ProblemFit,
  type Stance,
} from "./vocabulary";

export const DEAL_FLAGS = [
  "DISQUALIFY",
  "NO_ECONOMIC_BUYER",
  "NO_CHAMPION",
  "WINS_UNKNOWN",
  "BLOCKER_UNADDRESSED",
  "OUTSIDE_STRATEGY",
  "NOT_IN_REP_GOALS",
] as const;
export type DealFlag = (typeof DEAL_FLAGS)[number];

/** What each flag means, for people (the deal page and docs/alignment.md). */
export const FLAG_EXPLANATIONS: Record<DealFlag, { title: string; explanation: string }> = {
  DISQUALIFY: {
    title: "No problem we can solve",
    explanation:
      "The customer has no problem we can solve. Nobody wins from this deal: disqualify it and spend the time elsewhere.",
  },
  NO_ECONOMIC_BUYER: {
    title: "No economic buyer",
    explanation:
      "Nobody on the buying side who owns the budget is identified. Until there is one, the score counts an unknown person of influence 5.",
  },
  NO_CHAMPION: { title: "No champion", explanation: "Nobody on the buying side is selling this internally for us." },
  WINS_UNKNOWN: {
    title: "Personal wins unknown",
    explanation:
      "A stakeholder with influence 4 or 5 has no personal win captured: we do not know what is in it for them.",
  },
  BLOCKER_UNADDRESSED: {
    title: "Blocker not addressed",
    explanation: "A blocker or opponent is on the deal and we have not written down how we serve their interest.",
  },
  OUTSIDE_STRATEGY: {
    title: "Outside strategy",
    explanation: "The deal matches none of the objectives of the company's strategy for its period.",
  },
  NOT_IN_REP_GOALS: {
    title: "Not in the rep's goals",
    explanation: "The deal advances none of the owner's goals for the period.",
  },
};

/** Buying roles' order of importance on the stakeholder map. */
export const FIT_VALUE: Record<ProblemFit, number> = { yes: 1, partly: 0.5, unknown: 0.25, no: 0 };
/** Influence of the unknown economic buyer counted when none is identified. */
export const MISSING_ECONOMIC_BUYER_INFLUENCE = 5;
/** Stakeholders at or above this influence must have their personal win captured (else WINS_UNKNOWN). */
export const KEY_INFLUENCE = 4;
/** Stages in which quota and commission goals count as advanced by every deal. */
export const QUOTA_STAGES: readonly DealStage[] = [...OPEN_STAGES, "closed_won"];

export interface StakeholderInput {
  name?: string;
  buyingRole: BuyingRole;
  /** 1–5 */
  influence: number;
  stance: Stance;
  personalWin: string;
  howWeServeIt: string;
}

export interface ObjectiveInput {
  id: string;
  title: string;
  weight: number;
}

export interface GoalInput {
  id: string;
  title: string;
  category: GoalCategory;
  /** 1–3 */
  importance: number;
  /** Linked to the deal in deal_goals. */
  linked: boolean;
}

export interface DealScoreInput {
  stage: DealStage;
  problemFit: ProblemFit;
  stakeholders: StakeholderInput[];
  /** The strategy the deal is measured against (see pickStrategy), with all of its objectives. */
  strategy: { id: string; name: string; objectives: ObjectiveInput[] } | null;
  /** Ids of the strategy's objectives the deal matches (explicit links plus focus rules). */
  matchedObjectiveIds: string[];
  /** The owner's goals of that strategy's period. */
  ownerGoals: GoalInput[];
}

export interface DealScore {
  /** 0–100 */
  score: number;
  components: { customer: number; company: number; rep: number };
  flags: DealFlag[];
  /** Human-readable reasons, most important first. */
  reasons: string[];
  /** The strategy's objectives the deal matches, heaviest first. */
  matchedObjectives: ObjectiveInput[];
  /** The owner's goals the deal advances. */
  advancedGoals: GoalInput[];
}

const captured = (text: string) => text.trim() !== "";
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** How much of a stakeholder's influence counts as won: 1 win captured and served, ½ captured only, 0. */
export function winWeight(s: Pick<StakeholderInput, "personalWin" | "howWeServeIt">): number {
  if (!captured(s.personalWin)) return 0;
  return captured(s.howWeServeIt) ? 1 : 0.5;
}

export function customerComponent(problemFit: ProblemFit, stakeholders: readonly StakeholderInput[]): number {
  if (problemFit === "no") return 0;
  let total = 0;
  let won = 0;
  for (const s of stakeholders) {
    total += s.influence;
    won += s.influence * winWeight(s);
  }
  if (!stakeholders.some((s) => s.buyingRole === "economic_buyer")) total += MISSING_ECONOMIC_BUYER_INFLUENCE;
  return 0.5 * FIT_VALUE[problemFit] + 0.5 * (won / total);
}

export function companyComponent(strategy: DealScoreInput["strategy"], matchedObjectiveIds: readonly string[]): number {
  if (!strategy || strategy.objectives.length === 0) return 0;
  const matched = new Set(matchedObjectiveIds);
  const top = Math.max(...strategy.objectives.map((o) => o.weight));
  const weights = strategy.objectives.filter((o) => matched.has(o.id)).map((o) => o.weight);
  if (weights.length === 0 || top <= 0) return 0;
  return Math.max(...weights) / top;
}

export function advancesGoal(stage: DealStage, goal: GoalInput): boolean {
  return goal.linked || ((goal.category === "quota" || goal.category === "commission") && QUOTA_STAGES.includes(stage));
}

export function repComponent(stage: DealStage, goals: readonly GoalInput[]): number {
  let total = 0;
  let advanced = 0;
  for (const g of goals) {
    total += g.importance;
    if (advancesGoal(stage, g)) advanced += g.importance;
  }
  if (total === 0 || advanced === 0) return 0;
  return advanced / total;
}

/** 100 · √customer · ⁴√max(.1, company) · ⁴√max(.1, rep), rounded; 0 when the customer has no problem we solve. */
export function combineScore(problemFit: ProblemFit, customer: number, company: number, rep: number): number {
  if (problemFit === "no") return 0;
  return Math.floor(
    100 *
      Math.sqrt(customer) *
      Math.sqrt(Math.sqrt(Math.max(0.1, company))) *
      Math.sqrt(Math.sqrt(Math.max(0.1, rep))) +
      0.5,
  );
}

export function scoreDeal(input: DealScoreInput): DealScore {
  const customer = customerComponent(input.problemFit, input.stakeholders);
  const company = companyComponent(input.strategy, input.matchedObjectiveIds);
  const rep = repComponent(input.stage, input.ownerGoals);
  const score = combineScore(input.problemFit, customer, company, rep);

  const matched = new Set(input.matchedObjectiveIds);
  const matchedObjectives = (input.strategy?.objectives ?? [])
    .filter((o) => matched.has(o.id))
    .sort((a, b) => b.weight - a.weight || a.title.localeCompare(b.title));
  const advancedGoals = input.ownerGoals.filter((g) => advancesGoal(input.stage, g));

  const hasRole = (role: BuyingRole) => input.stakeholders.some((s) => s.buyingRole === role);
  const unknownWins = input.stakeholders.filter((s) => s.influence >= KEY_INFLUENCE && !captured(s.personalWin));
  const blockers = input.stakeholders.filter(
    (s) => (s.buyingRole === "blocker" || s.stance === "opponent") && !captured(s.howWeServeIt),
  );
  const named = (list: StakeholderInput[]) => list.map((s) => s.name ?? "a stakeholder").join(", ");

  const flags: DealFlag[] = [];
  const reasons: string[] = [];
  if (input.problemFit === "no") {
    flags.push("DISQUALIFY");
    reasons.push("The customer has no problem we can solve: score 0, suggested for disqualification");
  }
  if (!hasRole("economic_buyer")) {
    flags.push("NO_ECONOMIC_BUYER");
    reasons.push("No economic buyer identified");
  }
  if (!hasRole("champion")) {
    flags.push("NO_CHAMPION");
    reasons.push("No champion identified");
  }
  if (unknownWins.length > 0) {
    flags.push("WINS_UNKNOWN");
    reasons.push(`Personal win unknown for ${named(unknownWins)}`);
  }
  if (blockers.length > 0) {
    flags.push("BLOCKER_UNADDRESSED");
    reasons.push(`Blocker not addressed: ${named(blockers)}`);
  }
  if (company === 0) {
    flags.push("OUTSIDE_STRATEGY");
    reasons.push(
      input.strategy
        ? `Outside strategy: matches no objective of ${input.strategy.name}`
        : "Outside strategy: no active strategy",
    );
  }
  if (rep === 0) {
    flags.push("NOT_IN_REP_GOALS");
    reasons.push(
      input.ownerGoals.length === 0 ? "The owner has no goals for this period" : "Advances none of the owner's goals",
    );
  }

  if (input.problemFit !== "no") {
    const wonShare = 2 * customer - FIT_VALUE[input.problemFit];
    reasons.push(
      `Customer ${percent(customer)}: problem fit "${input.problemFit}", personal wins cover ${percent(wonShare)} of the buying side's influence`,
    );
  }
  const top = matchedObjectives[0];
  if (top && input.strategy) reasons.push(`Company ${percent(company)}: serves "${top.title}" (weight ${top.weight})`);
  if (advancedGoals.length > 0)
    reasons.push(`Rep ${percent(rep)}: advances ${advancedGoals.map((g) => `"${g.title}"`).join(", ")}`);

  return { score, components: { customer, company, rep }, flags, reasons, matchedObjectives, advancedGoals };
}

export interface StrategyCandidate {
  id: string;
  status: "draft" | "active" | "archived";
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
}

/**
 * The strategy a deal is measured against: among active strategies, the one whose period contains the deal's
 * close date, else the one containing today, else the one that started last (ties: the lowest id). Dates
 * compare as ISO strings.
 */
export function pickStrategy<T extends StrategyCandidate>(
  strategies: readonly T[],
  closeDate: string | null,
  today: string,
): T | null {
  const rank = (s: T) =>
    closeDate !== null && s.startsOn <= closeDate && closeDate <= s.endsOn
      ? 0
      : s.startsOn <= today && today <= s.endsOn
        ? 1
        : 2;
  const active = strategies.filter((s) => s.status === "active");
  active.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return active[0] ?? null;
}
