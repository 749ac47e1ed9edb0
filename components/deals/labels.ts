/** Words for the deal model's codes (usable on server and client). */
import type { BuyingRole, DealFlag, DealStage, ProblemFit, Stance } from "@/server/domain/deal-alignment";
export {
  DEAL_FLAGS,
  DEAL_STAGES,
  FLAG_EXPLANATIONS,
  OPEN_STAGES,
  BUYING_ROLES,
  STANCES,
  PROBLEM_FITS,
} from "@/server/domain/deal-alignment";
export type { BuyingRole, DealFlag, DealStage, ProblemFit, Stance };

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

export const ROLE_LABELS: Record<BuyingRole, string> = {
  economic_buyer: "Economic buyer",
  decision_maker: "Decision maker",
  champion: "Champion",
  influencer: "Influencer",
  technical_buyer: "Technical buyer",
  user: "User",
  blocker: "Blocker",
};

export const STANCE_LABELS: Record<Stance, string> = {
  supporter: "Supporter",
  neutral: "Neutral",
  skeptic: "Skeptic",
  opponent: "Opponent",
  unknown: "Unknown",
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

export function scoreTone(score: number): string {
  if (score >= 70) return "bg-emerald-500";
  if (score >= 40) return "bg-amber-500";
  return "bg-red-500";
}
