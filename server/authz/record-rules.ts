/**
 * Record rules as data, next to the permissions table (permissions.ts says which role may call a procedure at
 * all; these rules say which records of that kind the caller may act on). Routers call `assertCan`, the UI
 * calls `allows` to show or hide an action, and tests derive their expected answers from the same tables.
 * Reading is narrowed by visibility (server/services/deal-access.ts): a record the caller may not see answers
 * NOT_FOUND before these rules are asked; one they see but may not act on answers FORBIDDEN.
 */
import { forbidden } from "@/server/domain/errors";
import type { GoalVisibility } from "@/server/domain/vocabulary";
import type { Actor } from "./actor";
import type { Role } from "./permissions";

/** Which records of a kind a role reaches: every one, the ones it owns, or none. */
export type Reach = "any" | "own" | "none";

const ownersOnly = { admin: "any", manager: "own", rep: "own", viewer: "none" } as const satisfies Record<Role, Reach>;

export const RECORD_RULES = {
  /** Edit a deal, move it, disqualify it, manage its stakeholders. */
  "deal.edit": { reach: ownersOnly, refusal: "You can only change your own deals." },
  /** Make `ownerId` the owner of a deal (creating or reassigning it): non-admins only themselves. */
  "deal.assign": { reach: ownersOnly, refusal: "Only an admin can give a deal to someone else." },
  /** Edit an account's fields. */
  "account.edit": { reach: ownersOnly, refusal: "Only the account's owner or an admin can edit it." },
  /** Make `ownerId` the owner of an account (creating or reassigning it): non-admins only themselves. */
  "account.assign": { reach: ownersOnly, refusal: "Only an admin can make someone else the owner." },
  /** Add and edit an account's contacts: its owner and the owners of its deals (`coOwnerIds`). */
  "account.writeContacts": {
    reach: ownersOnly,
    refusal: "Only the account's owner or an owner of one of its deals can change its contacts.",
  },
} as const satisfies Record<string, { reach: Record<Role, Reach>; refusal: string }>;

export type RecordAction = keyof typeof RECORD_RULES;

/** What the rules need to know about a record: who owns it, and who else counts as an owner for the action. */
export interface OwnedRecord {
  ownerId: string | null;
  coOwnerIds?: readonly string[];
}

export function allows(actor: Pick<Actor, "userId" | "role">, action: RecordAction, record: OwnedRecord): boolean {
  const reach: Reach = RECORD_RULES[action].reach[actor.role];
  if (reach === "any") return true;
  if (reach === "none") return false;
  return record.ownerId === actor.userId || (record.coOwnerIds ?? []).includes(actor.userId);
}

/** FORBIDDEN naming `field` unless the rules allow the action; `refusal` overrides the table's message. */
export function assertCan(
  actor: Pick<Actor, "userId" | "role">,
  action: RecordAction,
  record: OwnedRecord,
  field?: string,
  refusal: string = RECORD_RULES[action].refusal,
): void {
  if (!allows(actor, action, record)) forbidden(field, refusal);
}

/**
 * Who reads a goal's content (title, target, progress, links) besides its owner, by visibility: nobody
 * (private — admins included), the admins and the managers of a team the owner sits in or of a parent team
 * (manager), or everyone who may see the owner at all (team).
 */
export const GOAL_READERS = {
  private: "owner",
  manager: "managers",
  team: "everyone",
} as const satisfies Record<GoalVisibility, "owner" | "managers" | "everyone">;

export interface GoalReader {
  userId: string;
  /** Teams whose members' "manager"-visible goals the reader may read; "all" for admins. */
  managed: ReadonlySet<string> | "all";
}

/** Whether the reader may read a goal; `ownerTeamIds`: the teams in which the owner has a (non-manager) seat. */
export function canSeeGoal(
  goal: { userId: string; visibility: GoalVisibility },
  ownerTeamIds: readonly string[],
  reader: GoalReader,
): boolean {
  if (goal.userId === reader.userId) return true;
  const readers = GOAL_READERS[goal.visibility];
  if (readers !== "managers") return readers === "everyone";
  const managed = reader.managed;
  return managed === "all" || ownerTeamIds.some((id) => managed.has(id));
}
