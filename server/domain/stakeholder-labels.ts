/**
 * Words for a stakeholder's buying role and stance, in a module of their own so that the plan's pages (client
 * code) load these two tables without the rest of ./labels.ts, which re-exports them.
 */
import type { BuyingRole, Stance } from "./vocabulary";

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
