/** The rep-alignment model's inputs and results (rep-alignment.ts scores them). */
export { GOAL_CATEGORIES, type GoalCategory } from "./vocabulary";
import type { GoalCategory } from "./vocabulary";

/** How many of the 100 points each component is worth. */
export const COMPONENT_MAX = { coverage: 40, focus: 20, pipelineFit: 40 } as const;
export type ComponentKey = keyof typeof COMPONENT_MAX;

export { STRENGTH_LABELS } from "./labels";

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
   * canSeeGoal in server/authz/record-rules.ts). With audience "others" only readable, non-private goals are
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

/** The kinds of suggestion, in the order that breaks a tie between equal gains. */
export const SUGGESTION_KINDS = [
  "write_goals",
  "link_orphan",
  "cover_objective",
  "strengthen_link",
  "pipeline_gap",
  "unaligned_pipeline",
  "no_pipeline",
] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

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
