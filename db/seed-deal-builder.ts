/** Adds one demo deal with its objective and goal links and its stakeholders (generated or none). */
import { OPEN_STAGES as OPEN_STAGE_LIST } from "../server/domain/vocabulary";
import type * as s from "./schema";
import type { Product } from "./seed-data-customers";
import { BUSINESS_GOALS, HOW_WE_SERVE, PERSONAL_WINS, type BuyingRole } from "./seed-data-deals";
import { money, uuid } from "./seed-random";
import type { Demo, Insert, People, SeededAccount, SeededObjective } from "./seed-rows";
import type { Strategies } from "./seed-strategy";

export const OPEN_STAGES = new Set<string>(OPEN_STAGE_LIST);

const matches = (o: SeededObjective, d: { industry: string; segment: string; region: string; product: string }) => {
  // Within a dimension any value matches; across dimensions all must match.
  const dims = new Map<string, string[]>();
  for (const f of o.focus) dims.set(f.dimension, [...(dims.get(f.dimension) ?? []), f.value]);
  return [...dims].every(([dim, values]) => values.includes(d[dim as keyof typeof d]));
};

export interface DealSpec {
  account: SeededAccount;
  ownerKey: string;
  name: string;
  amount: number;
  stage: Insert<typeof s.deals>["stage"] & string;
  closeDate: string;
  product: Product;
  customerProblem: string;
  problemFit: "yes" | "partly" | "no" | "unknown";
  disqualifiedReason?: string;
  disqualifiedNote?: string;
}

export function dealBuilder(
  { rng, orgId, rows }: Demo,
  { user, person, team, homeTeam }: People,
  { activeObjectives, activeGoals }: Strategies,
) {
  const addStakeholder = (
    dealId: string,
    contactId: string,
    buyingRole: BuyingRole,
    influence: number,
    stance: "supporter" | "neutral" | "skeptic" | "opponent" | "unknown",
    personalWin: string,
    businessGoal: string,
    howWeServeIt: string,
  ) => {
    rows.stakeholders.push({
      orgId,
      id: uuid(),
      dealId,
      contactId,
      buyingRole,
      influence,
      stance,
      personalWin,
      businessGoal,
      howWeServeIt,
    });
  };

  const addDeal = (
    d: DealSpec,
    opts: { stakeholders: "generate" | "none"; noWins?: boolean } = { stakeholders: "generate" },
  ): string => {
    const id = uuid();
    const owner = person(d.ownerKey);
    rows.deals.push({
      orgId,
      id,
      accountId: d.account.id,
      name: d.name,
      amount: money(d.amount),
      currency: "USD",
      stage: d.stage,
      closeDate: d.closeDate,
      ownerId: user(d.ownerKey),
      teamId: team(homeTeam(owner)),
      product: d.product,
      customerProblem: d.customerProblem,
      problemFit: d.problemFit,
      disqualifiedReason: d.disqualifiedReason ?? null,
      disqualifiedNote: d.disqualifiedNote ?? null,
    });

    const attrs = {
      industry: d.account.industry,
      segment: d.account.segment,
      region: d.account.region,
      product: d.product,
    };
    const matched = activeObjectives.filter((o) => matches(o, attrs));
    // Explicit links: sometimes confirming a focus match, now and then a rep's own judgement.
    if (matched.length > 0 && rng.chance(0.2))
      rows.dealObjectives.push({ orgId, dealId: id, objectiveId: rng.pick(matched).id });
    else if (rng.chance(0.05))
      rows.dealObjectives.push({ orgId, dealId: id, objectiveId: rng.pick(activeObjectives).id });

    // Which of the owner's goals the deal advances.
    const open = OPEN_STAGES.has(d.stage);
    const matchedKeys = new Set(matched.map((o) => o.key));
    for (const g of activeGoals.get(d.ownerKey) ?? []) {
      const link =
        g.accountName !== undefined
          ? g.accountName === d.account.name
          : g.category === "quota"
            ? (open || d.stage === "closed_won") && rng.chance(0.35)
            : g.links.some((k) => matchedKeys.has(k)) && rng.chance(0.75);
      if (link) rows.dealGoals.push({ orgId, dealId: id, goalId: g.id });
    }

    if (opts.stakeholders === "generate") {
      const winKnown: Record<string, number> = {
        prospecting: 0.3,
        qualification: 0.5,
        discovery: 0.65,
        proposal: 0.8,
        negotiation: 0.85,
        closed_won: 0.9,
        closed_lost: 0.6,
        disqualified: 0.5,
      };
      const take = Math.min(d.account.contacts.length, rng.int(1, 4));
      for (const c of rng.shuffle(d.account.contacts).slice(0, take)) {
        let role: BuyingRole;
        switch (c.slot) {
          case "exec":
            role = rng.chance(0.9) ? "economic_buyer" : "decision_maker";
            break;
          case "opsVp":
            role = rng.weighted<BuyingRole>([
              ["decision_maker", 80],
              ["influencer", 20],
            ]);
            break;
          case "it":
            role = rng.chance(0.85) ? "technical_buyer" : "blocker";
            break;
          case "opsManager":
            role = rng.weighted<BuyingRole>([
              ["champion", 60],
              ["user", 30],
              ["influencer", 10],
            ]);
            break;
          case "procurement":
            role = rng.chance(0.65) ? "influencer" : "blocker";
            break;
        }
        const influence = {
          economic_buyer: rng.int(4, 5),
          decision_maker: rng.int(4, 5),
          champion: rng.int(2, 4),
          technical_buyer: rng.int(2, 4),
          influencer: rng.int(2, 3),
          user: rng.int(1, 2),
          blocker: rng.int(2, 4),
        }[role];
        const stance =
          role === "champion"
            ? rng.weighted([
                ["supporter", 85],
                ["neutral", 15],
              ] as const)
            : role === "blocker"
              ? rng.weighted([
                  ["skeptic", 50],
                  ["opponent", 50],
                ] as const)
              : d.stage === "closed_won"
                ? rng.weighted([
                    ["supporter", 70],
                    ["neutral", 30],
                  ] as const)
                : rng.weighted([
                    ["supporter", 35],
                    ["neutral", 35],
                    ["skeptic", 10],
                    ["unknown", 20],
                  ] as const);
        const known = !opts.noWins && rng.chance(winKnown[d.stage] ?? 0.5);
        const personalWin = known ? rng.pick(PERSONAL_WINS[role]) : "";
        const businessGoal = rng.chance(0.85) ? rng.pick(BUSINESS_GOALS[role]) : "";
        const howWeServeIt = known && rng.chance(0.7) ? rng.pick(HOW_WE_SERVE[role]) : "";
        addStakeholder(id, c.id, role, influence, stance, personalWin, businessGoal, howWeServeIt);
      }
    }
    return id;
  };
  return { addStakeholder, addDeal };
}

export type DealBuilder = ReturnType<typeof dealBuilder>;
