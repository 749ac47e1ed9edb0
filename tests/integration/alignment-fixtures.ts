/** Builders for the strategy / goals / alignment tests, on the privileged connection (as a seed or import would). */
import type { Database } from "@/db/client";
import {
  accounts,
  deals,
  goalObjectiveLinks,
  goals,
  memberships,
  objectiveFocus,
  objectives,
  strategies,
  teamMembers,
} from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { createUser } from "../helpers/fixtures";

type Dimension = "industry" | "segment" | "region" | "product";
type Stage = (typeof deals.stage.enumValues)[number];

export interface StrategySpec {
  /** Chosen by the caller when a test needs it before the strategy exists; random otherwise. */
  id?: string;
  name?: string;
  startsOn?: string;
  endsOn?: string;
  status?: "draft" | "active" | "archived";
  objectives: { id?: string; title: string; weight: number; focus?: [Dimension, string][] }[];
}

export async function insertStrategy(db: Database, orgId: string, spec: StrategySpec) {
  const id = spec.id ?? crypto.randomUUID();
  await db.insert(strategies).values({
    orgId,
    id,
    name: spec.name ?? `Strategy ${id.slice(0, 6)}`,
    startsOn: spec.startsOn ?? "2026-07-01",
    endsOn: spec.endsOn ?? "2026-12-31",
    status: spec.status ?? "active",
  });
  const objectiveIds: string[] = [];
  for (const [position, o] of spec.objectives.entries()) {
    const objectiveId = o.id ?? crypto.randomUUID();
    objectiveIds.push(objectiveId);
    await db
      .insert(objectives)
      .values({ orgId, id: objectiveId, strategyId: id, title: o.title, weight: o.weight, position });
    for (const [dimension, value] of o.focus ?? []) {
      await db.insert(objectiveFocus).values({ orgId, id: crypto.randomUUID(), objectiveId, dimension, value });
    }
  }
  return { id, objectiveIds };
}

export async function insertAccount(
  db: Database,
  orgId: string,
  attrs: { industry?: string; segment?: string; region?: string } = {},
) {
  const id = crypto.randomUUID();
  await db.insert(accounts).values({ orgId, id, name: `Account ${id.slice(0, 6)}`, ...attrs });
  return id;
}

export async function insertDeal(
  db: Database,
  orgId: string,
  deal: {
    accountId: string;
    ownerId: string;
    amount: string;
    stage?: Stage;
    product?: string;
    closeDate?: string;
    currency?: string;
    teamId?: string | null;
  },
) {
  const id = crypto.randomUUID();
  await db.insert(deals).values({
    orgId,
    id,
    accountId: deal.accountId,
    ownerId: deal.ownerId,
    name: `Deal ${id.slice(0, 6)}`,
    amount: deal.amount,
    stage: deal.stage ?? "proposal",
    product: deal.product ?? null,
    closeDate: deal.closeDate ?? "2026-12-15",
    currency: deal.currency ?? "USD",
    teamId: deal.teamId ?? null,
    disqualifiedReason: deal.stage === "disqualified" ? "Outside strategy" : null,
  });
  return id;
}

export async function insertGoal(
  db: Database,
  orgId: string,
  goal: {
    id?: string;
    userId: string;
    strategyId: string;
    title?: string;
    category?: (typeof goals.category.enumValues)[number];
    visibility?: "private" | "manager" | "team";
    target?: string | null;
    unit?: string;
    links?: [string, number][];
  },
) {
  const id = goal.id ?? crypto.randomUUID();
  await db.insert(goals).values({
    orgId,
    id,
    userId: goal.userId,
    strategyId: goal.strategyId,
    category: goal.category ?? "other",
    title: goal.title ?? `Goal ${id.slice(0, 6)}`,
    target: goal.target ?? null,
    unit: goal.unit ?? "",
    visibility: goal.visibility ?? "manager",
  });
  for (const [objectiveId, strength] of goal.links ?? [])
    await db.insert(goalObjectiveLinks).values({ orgId, goalId: id, objectiveId, strength });
  return id;
}

export async function insertMember(
  db: Database,
  orgId: string,
  name: string,
  role: Role,
  seat?: { teamId: string; isManager?: boolean },
) {
  const user = await createUser(db, name);
  await db.insert(memberships).values({ orgId, id: crypto.randomUUID(), userId: user.id, role });
  if (seat)
    await db
      .insert(teamMembers)
      .values({ orgId, teamId: seat.teamId, userId: user.id, isManager: seat.isManager ?? false });
  return user;
}

/** The four objectives of the demo's FY2026 H2, with its focus rules. */
export const DEMO_OBJECTIVES: StrategySpec["objectives"] = [
  {
    title: "Win enterprise manufacturing",
    weight: 40,
    focus: [
      ["industry", "Manufacturing"],
      ["segment", "Enterprise"],
    ],
  },
  { title: "Expand in healthcare", weight: 25, focus: [["industry", "Healthcare"]] },
  { title: "Grow Fleet Analytics", weight: 20, focus: [["product", "Fleet Analytics"]] },
  { title: "Land logos in EMEA", weight: 15, focus: [["region", "EMEA"]] },
];
