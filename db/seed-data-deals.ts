/**
 * Static material for the demo seed (db/seed.ts): products, deal names, problems, disqualification reasons and
 * what stakeholders want. Pure data, no I/O.
 */
import type { Industry, Product } from "./seed-data-customers";

/** Products that make sense for an industry, most likely first. */
export const PRODUCTS_BY_INDUSTRY: Record<Industry, Product[]> = {
  Manufacturing: ["Vision QA", "Robotic Picking", "Fleet Analytics", "Vision QA"],
  Healthcare: ["Robotic Picking", "Service Cloud", "Robotic Picking"],
  Logistics: ["Robotic Picking", "Fleet Analytics", "Fleet Analytics"],
  Retail: ["Robotic Picking", "Vision QA", "Fleet Analytics"],
  Energy: ["Fleet Analytics", "Service Cloud", "Fleet Analytics"],
  "Financial Services": ["Service Cloud", "Service Cloud", "Fleet Analytics"],
};

export const DEAL_KINDS = [
  "pilot",
  "rollout",
  "expansion",
  "renewal",
  "Phase 2",
  "multi-site deployment",
  "proof of value",
];

export const PROBLEMS: Record<Product, string[]> = {
  "Vision QA": [
    "Manual visual inspection misses 2–3% of defects; scrap and warranty returns cost them about {cost} a year.",
    "Their largest customer threatened to move volume after two quality escapes this year.",
    "Inspectors are hard to hire for the night shift, so the third line runs without final inspection.",
  ],
  "Robotic Picking": [
    "Peak-season picking needs 40% temporary staff they can no longer find; orders ship a day late.",
    "Mis-picks run at 1.8%, and every return costs them more than the margin on the order.",
    "The new distribution centre opens in Q2 without the headcount budget to staff it.",
  ],
  "Fleet Analytics": [
    "Unplanned downtime on their vehicle and robot fleet is 9%; they only learn about failures after the fact.",
    "Maintenance is scheduled by calendar, not condition, so they replace parts that still have life in them.",
    "Nobody can say which sites run the fleet efficiently; each site reports in its own spreadsheet.",
  ],
  "Service Cloud": [
    "Field-service tickets are tracked in three tools; first-time-fix rate dropped to 61%.",
    "Customers wait two days for a service visit because dispatch cannot see technician skills.",
    "Regulators asked for an audit trail of service work that they cannot produce today.",
  ],
};

export const DISQUALIFY_REASONS = [
  {
    reason: "No problem we can solve",
    notes: [
      "Their defect rate is already below 0.3%; our ROI case does not hold up.",
      "They need ERP consolidation, not automation. Referred them to a partner.",
      "The real issue is supplier quality upstream; nothing we sell touches it.",
    ],
  },
  {
    reason: "No personal win for the decision maker",
    notes: [
      "The VP retires in March and will not sponsor a multi-year change.",
      "Decision maker is measured on capex only; a subscription makes their numbers worse.",
    ],
  },
  {
    reason: "Outside strategy",
    notes: [
      "Single-site, small fleet in a segment we are not investing in this half.",
      "Custom integration work we would have to build for one customer only.",
    ],
  },
  {
    reason: "No budget this year",
    notes: ["Budget frozen after a weak Q3; revisit in the FY2027 planning cycle."],
  },
];

export type BuyingRole =
  "economic_buyer" | "decision_maker" | "champion" | "influencer" | "technical_buyer" | "user" | "blocker";

export const PERSONAL_WINS: Record<BuyingRole, string[]> = {
  economic_buyer: [
    "A cost-reduction story to show the board before the budget cycle",
    "Hit the operating-margin target tied to the annual bonus",
    "Be seen as the executive who modernised operations",
  ],
  decision_maker: [
    "Promotion to SVP once the new line is live",
    "Fewer escalations from the floor at night and at weekends",
    "A visible success in the first year in the role",
  ],
  champion: [
    "Recognition as the person who fixed the throughput problem",
    "Get their team off the manual inspection shifts",
    "A move into a regional role on the back of a successful rollout",
  ],
  influencer: [
    "A vendor-consolidation win for the procurement scorecard",
    "Hit this year's savings target on the category",
  ],
  technical_buyer: [
    "No new system for a small IT team to babysit",
    "Retire two legacy tools this year",
    "Security sign-off without a fight with the CISO",
  ],
  user: ["Less manual data entry at the end of each shift", "Fewer overtime weekends during peak"],
  blocker: ["Protect the in-house tool they built and maintain", "Avoid the blame if a rollout slips"],
};

export const BUSINESS_GOALS: Record<BuyingRole, string[]> = {
  economic_buyer: ["Cut operating cost per unit by 8%", "Free up working capital tied in scrap and rework"],
  decision_maker: ["Raise throughput 15% without new headcount", "Meet the customer's on-time delivery target"],
  champion: ["Cut defect escapes in half", "Ship same-day on 95% of orders"],
  influencer: ["Reduce the number of automation suppliers", "Standard contract terms across sites"],
  technical_buyer: ["One data platform for OT and IT", "Keep the plant network segmented and secure"],
  user: ["Spend less time on manual checks", "Clear, simple dashboards on the floor"],
  blocker: ["Keep the current process stable through peak", "Avoid another system migration this year"],
};

export const HOW_WE_SERVE: Record<BuyingRole, string[]> = {
  economic_buyer: [
    "ROI model built on their own scrap and labour data, ready for the budget review",
    "Subscription priced per site so the spend follows the savings",
  ],
  decision_maker: [
    "Pilot on one line with a success metric they choose, then a staged rollout",
    "Monthly business review they can take to their own leadership",
  ],
  champion: [
    "Weekly win report they can forward to their VP",
    "Co-present the pilot results with them at the internal operations summit",
  ],
  influencer: ["One contract replacing two existing vendors", "Framework agreement that other sites can call off"],
  technical_buyer: [
    "SSO, on-prem edge option and our security pack up front",
    "Managed updates; no servers on their side",
  ],
  user: ["Floor training in their shift pattern", "Tablet app that replaces the paper checklist"],
  blocker: ["Import of their tool's history so nothing is lost", "Keep their tool as the front end in phase one"],
};
