/**
 * Account plans, the pure part (docs/plans.md): who may do what on a plan (as data), the mutual action plan's
 * computed state (overdue, blocked, dependency cycles), the stakeholder map's coverage gaps and the problems
 * with no solution. Usable on server and client.
 */
import type { Role } from "@/server/authz/permissions";

export const PLAN_ACCESS_LEVELS = ["owner", "editor", "viewer"] as const;
export type PlanAccess = (typeof PLAN_ACCESS_LEVELS)[number];

/** What each access level may do on a plan. Adding an action means adding one row here. */
export const PLAN_ACTIONS = {
  read: ["owner", "editor", "viewer"],
  comment: ["owner", "editor", "viewer"],
  edit: ["owner", "editor"],
  manageCollaborators: ["owner"],
  share: ["owner"],
  archive: ["owner"],
} as const satisfies Record<string, readonly PlanAccess[]>;
export type PlanAction = keyof typeof PLAN_ACTIONS;

export function planAllows(access: PlanAccess, action: PlanAction): boolean {
  return (PLAN_ACTIONS[action] as readonly PlanAccess[]).includes(access);
}

/** Every action an access level allows: sent to the client so the UI hides what the user cannot do. */
export function planActionsOf(access: PlanAccess): PlanAction[] {
  return (Object.keys(PLAN_ACTIONS) as PlanAction[]).filter((action) => planAllows(access, action));
}

const RANK: Record<PlanAccess, number> = { viewer: 0, editor: 1, owner: 2 };

/**
 * A member's access to a plan, or null (the plan is then NOT_FOUND for them): admins own every plan;
 * collaborators have their level (an organization viewer at most views); managers of the account's team tree
 * view it. The higher of the levels that apply wins.
 */
export function effectivePlanAccess(input: {
  role: Role;
  collaboratorAccess: PlanAccess | null;
  managesAccountTeam: boolean;
}): PlanAccess | null {
  if (input.role === "admin") return "owner";
  const levels: PlanAccess[] = [];
  if (input.collaboratorAccess) levels.push(input.role === "viewer" ? "viewer" : input.collaboratorAccess);
  if (input.managesAccountTeam && input.role === "manager") levels.push("viewer");
  return levels.reduce<PlanAccess | null>((best, level) => (!best || RANK[level] > RANK[best] ? level : best), null);
}

// ---------------------------------------------------------------------------------------------------------
// Mutual action plan

export interface StepState {
  id: string;
  status: "open" | "done";
  dueOn: string | null;
  dependsOn: readonly string[];
}

export interface StepFlags {
  /** Open and due before today. */
  overdue: boolean;
  /** Open and waiting for a step that is not done. */
  blocked: boolean;
  blockedBy: string[];
}

/** Overdue and blocked, per step; `today` is a `YYYY-MM-DD` day. */
export function stepFlags(steps: readonly StepState[], today: string): Map<string, StepFlags> {
  const statusById = new Map(steps.map((step) => [step.id, step.status]));
  const flags = new Map<string, StepFlags>();
  for (const step of steps) {
    const open = step.status === "open";
    const blockedBy = open ? step.dependsOn.filter((id) => statusById.get(id) === "open") : [];
    flags.set(step.id, {
      overdue: open && step.dueOn !== null && step.dueOn < today,
      blocked: blockedBy.length > 0,
      blockedBy,
    });
  }
  return flags;
}

/** Whether letting `stepId` depend on `dependsOnIds` (replacing its current dependencies) closes a cycle. */
export function wouldCreateDependencyCycle(
  edges: readonly { stepId: string; dependsOnId: string }[],
  stepId: string,
  dependsOnIds: readonly string[],
): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.stepId === stepId) continue;
    next.set(edge.stepId, [...(next.get(edge.stepId) ?? []), edge.dependsOnId]);
  }
  next.set(stepId, [...dependsOnIds]);
  // A cycle through stepId exists iff stepId is reachable from one of its new dependencies.
  const seen = new Set<string>();
  const stack = [...dependsOnIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === stepId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Stakeholder map and problems

export interface StakeholderFacts {
  contactId: string;
  name: string;
  buyingRole: string | null;
  influence: number;
  stance: string;
  personalWin: string;
  approach: string;
  relationshipOwnerId: string | null;
}

export type CoverageGapKind =
  "no_economic_buyer" | "economic_buyer_uncovered" | "opponent_without_plan" | "unknown_personal_win";

export interface CoverageGap {
  kind: CoverageGapKind;
  /** The contact the gap is about (none for a missing economic buyer). */
  contactId: string | null;
  message: string;
}

/** Influence from which an opponent needs a plan. */
export const HIGH_INFLUENCE = 4;

/**
 * The map's coverage gaps: no economic buyer on the map or nobody on our side owning the relationship with
 * them; a high-influence opponent with no approach; a stakeholder whose personal win is unknown.
 */
export function coverageGaps(stakeholders: readonly StakeholderFacts[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const buyers = stakeholders.filter((s) => s.buyingRole === "economic_buyer");
  if (buyers.length === 0)
    gaps.push({ kind: "no_economic_buyer", contactId: null, message: "No economic buyer identified." });
  for (const buyer of buyers)
    if (!buyer.relationshipOwnerId)
      gaps.push({
        kind: "economic_buyer_uncovered",
        contactId: buyer.contactId,
        message: `Nobody on our side has a relationship with ${buyer.name}, the economic buyer.`,
      });
  for (const person of stakeholders) {
    if (person.stance === "opponent" && person.influence >= HIGH_INFLUENCE && person.approach.trim() === "")
      gaps.push({
        kind: "opponent_without_plan",
        contactId: person.contactId,
        message: `${person.name} is a high-influence opponent and we have no plan for them.`,
      });
    if (person.personalWin.trim() === "")
      gaps.push({
        kind: "unknown_personal_win",
        contactId: person.contactId,
        message: `${person.name}'s personal win is unknown.`,
      });
  }
  return gaps;
}

/** A problem we have no solution for: the first test of a deal (no problem we can solve, no deal). */
export function isUnsolved(problem: { solution: string }): boolean {
  return problem.solution.trim() === "";
}
