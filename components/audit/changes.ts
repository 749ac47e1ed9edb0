/**
 * A recorded change in words, field by field ("close date: 2026-12-01 → 2026-12-20"): labels for codes, names
 * for ids where the page knows them. Shared by the audit log (./describe.ts) and the deal timeline.
 */
import {
  CATEGORY_LABEL,
  ROLE_LABELS,
  STAGE_LABELS,
  STANCE_LABELS,
  type BuyingRole,
  type Category,
  type DealStage,
  type Stance,
} from "@/server/domain/labels";
import { formatSum } from "@/components/format";
import { isUuid } from "@/server/domain/ids";

export type Json = Record<string, unknown> | null;

/** Names for ids found in events; undefined when unknown. */
export interface AuditNames {
  user(id: string): string | undefined;
  team(id: string): string | undefined;
}

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export const NO_NAMES: AuditNames = { user: () => undefined, team: () => undefined };

const VISIBILITY: Record<string, string> = {
  private: "private (owner only)",
  manager: "owner and managers",
  team: "team",
};
const ROLE: Record<string, string> = { admin: "Admin", manager: "Manager", rep: "Rep", viewer: "Viewer" };
const FIELD_LABELS: Record<string, string> = {
  closeDate: "close date",
  startsOn: "starts on",
  endsOn: "ends on",
  customerProblem: "customer problem",
  problemFit: "problem fit",
  parentTeamId: "parent team",
  teamIds: "teams",
  objectiveIds: "objective links",
  goalIds: "goal links",
  buyingRole: "buying role",
  personalWin: "personal win",
  businessGoal: "business goal",
  howWeServeIt: "how we serve it",
  openDealsMoved: "open deals moved",
  reportsToId: "reports to",
  externalId: "external id",
  accountsCreated: "accounts created",
};

export const asObject = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** "ownerId" → "owner", "closeDate" → "close date". */
function fieldLabel(key: string): string {
  return (
    FIELD_LABELS[key] ??
    key
      .replace(/Ids?$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
  );
}

function shortId(id: string): string {
  return `#${id.slice(0, 8)}`;
}

/** What an id field names when the page has no name for it. */
const ID_KINDS: Record<string, string> = {
  accountId: "an account",
  contactId: "a contact",
  reportsToId: "a contact",
  reasonId: "a reason",
  strategyId: "a strategy",
  fromStrategyId: "a strategy",
  stakeholderId: "a stakeholder",
  objectiveId: "an objective",
  goalId: "a goal",
  invitationId: "an invitation",
};

function idName(key: string, id: string, names: AuditNames): string {
  const isTeam = /team/i.test(key);
  const isUser = /^(owner|user|actor|manager)Ids?$/i.test(key);
  const name = isTeam ? names.team(id) : isUser ? names.user(id) : undefined;
  return name ?? `${isTeam ? "a team" : isUser ? "a member" : (ID_KINDS[key] ?? "a record")} ${shortId(id)}`;
}

/**
 * One value, readable: names for ids, labels for codes, "—" for nothing. An amount is shown in the `currency`
 * recorded beside it (`record`: the before or after object it comes from), or as a plain number without one.
 */
export function showValue(key: string, value: unknown, names: AuditNames = NO_NAMES, record: Json = null): string {
  if (value === null || value === undefined || value === "")
    return key === "parentTeamId" ? "top level" : key === "teamId" ? "no team" : "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" && isUuid(value)) return idName(key, value, names);
  if (key === "amount" && (typeof value === "string" || typeof value === "number")) {
    return formatSum(String(value), typeof record?.currency === "string" ? [record.currency] : []);
  }
  if (key === "stage") return STAGE_LABELS[value as DealStage] ?? String(value);
  if (key === "role") return ROLE[String(value)] ?? String(value);
  if (key === "visibility") return VISIBILITY[String(value)] ?? String(value);
  if (key === "category") return CATEGORY_LABEL[value as Category] ?? String(value);
  if (key === "stance") return STANCE_LABELS[value as Stance] ?? String(value);
  if (key === "buyingRole") return ROLE_LABELS[value as BuyingRole] ?? String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    const ids = value.every((item) => typeof item === "string" && isUuid(item));
    // Members and teams by name; other links (objectives, goals) by number, as the deal timeline does.
    if (ids && /team|^(owner|user|manager)Ids$/i.test(key))
      return value.map((item) => idName(key, item as string, names)).join(", ");
    return `${value.length} ${ids ? "linked" : `item${value.length === 1 ? "" : "s"}`}`;
  }
  if (typeof value === "object") {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Every field of `before` and `after` whose value differs (skipping `skip`), in the order first seen. */
export function diff(
  before: unknown,
  after: unknown,
  names: AuditNames = NO_NAMES,
  skip: readonly string[] = [],
): AuditChange[] {
  const [from, to] = [asObject(before), asObject(after)];
  const keys = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])].filter(
    (key) => !skip.includes(key),
  );
  return keys
    .filter((key) => JSON.stringify(from?.[key] ?? null) !== JSON.stringify(to?.[key] ?? null))
    .map((key) => ({
      field: fieldLabel(key),
      before: from && key in from ? showValue(key, from[key], names, from) : "—",
      after: to && key in to ? showValue(key, to[key], names, to) : "—",
    }));
}
