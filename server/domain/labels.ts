/**
 * Words for people, one module for the whole product: the server (CSV export, suggestions) and the components
 * both import it. The codes themselves are defined once in ./vocabulary.ts.
 */
import type { DealFlag } from "./deal-alignment";
import type { BuyingRole, DealStage, GoalCategory, GoalVisibility, ProblemFit, Stance } from "./vocabulary";
export { DEAL_FLAGS, FLAG_EXPLANATIONS } from "./deal-alignment";
export { BUYING_ROLES, DEAL_STAGES, OPEN_STAGES, PROBLEM_FITS, STANCES } from "./vocabulary";
export type { BuyingRole, DealFlag, DealStage, ProblemFit, Stance };
export { ROLE_LABELS, STANCE_LABELS } from "./stakeholder-labels";

export const STAGE_LABELS: Record<DealStage, string> = {
  prospecting: "Prospecting",
  qualification: "Qualification",
  discovery: "Discovery",
  proposal: "Proposal",
  negotiation: "Negotiation",
  closed_won: "Closed won",
  closed_lost: "Closed lost",
  disqualified: "Disqualified",
};

export const FIT_LABELS: Record<ProblemFit, string> = {
  yes: "Yes — we can solve it",
  partly: "Partly",
  no: "No — nothing we sell solves it",
  unknown: "Unknown yet",
};

/** Badge tone of a flag: red for disqualify, amber for gaps. */
export function flagTone(flag: DealFlag): "red" | "amber" {
  return flag === "DISQUALIFY" ? "red" : "amber";
}

export function stageTone(stage: DealStage): "green" | "red" | "slate" | "brand" {
  if (stage === "closed_won") return "green";
  if (stage === "disqualified" || stage === "closed_lost") return "red";
  return "brand";
}

/** "62%" */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A score's band (0–100): green from 70, amber from 40, red below. */
export function scoreTone(score: number): "green" | "amber" | "red" {
  return score >= 70 ? "green" : score >= 40 ? "amber" : "red";
}

// Goals

export const CATEGORY_LABEL: Record<GoalCategory, string> = {
  quota: "Quota",
  commission: "Commission",
  promotion: "Promotion",
  skill: "Skill",
  account: "Account",
  other: "Other",
};
export type Category = GoalCategory;
export { GOAL_CATEGORIES as CATEGORIES } from "./vocabulary";

export const VISIBILITY_LABEL: Record<GoalVisibility, string> = {
  private: "Only me",
  manager: "Me and my managers",
  team: "My team",
};
export type Visibility = GoalVisibility;
export const VISIBILITY_HELP = {
  private: "Nobody else sees it — not managers, not admins. It still counts in your score.",
  manager: "Your managers (and admins) see it in the team view.",
  team: "Your teammates see it too.",
} as const;

export const IMPORTANCE_LABEL: Record<number, string> = { 1: "Nice to have", 2: "Important", 3: "Critical" };
/** Goal ↔ objective link strength, as people say it. */
export const STRENGTH_LABELS: Record<number, string> = { 1: "supports", 2: "drives", 3: "central" };
