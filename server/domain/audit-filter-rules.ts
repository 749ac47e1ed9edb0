/**
 * The audit log's filters without a schema library: the vocabulary (areas, entity types, their labels) and the
 * rules a filter value must meet, shared by the audit router's schema (server/domain/audit-filters.ts) and the
 * audit page, which checks as the user types without shipping zod to the browser (docs/home.md "JavaScript
 * budget").
 *
 * AUDIT_AREAS is the single list of action families: an event `deal.disqualified` belongs to the area
 * "deal". Every family the code records must be listed (tests/integration/audit-filters.test.ts scans the sources
 * and fails for a missing one). AUDIT_ENTITY_TYPES lists the entity types events are recorded against.
 */
import { isRealDate } from "./dates";
import { isUuid } from "./ids";

export const AUDIT_AREAS = [
  { area: "organization", label: "Organization" },
  { area: "member", label: "Members" },
  { area: "invitation", label: "Invitations" },
  { area: "team", label: "Teams" },
  { area: "strategy", label: "Strategies" },
  { area: "goal", label: "Goals" },
  { area: "deal", label: "Deals and stakeholders" },
  { area: "account", label: "Accounts" },
  { area: "contact", label: "Contacts" },
  { area: "reason", label: "Disqualification reasons" },
  { area: "import", label: "CSV imports" },
  { area: "plan", label: "Account plans" },
  { area: "review", label: "Reviews" },
  { area: "api_key", label: "API keys" },
  { area: "api", label: "Writes through the API" },
  { area: "webhook", label: "Webhooks" },
  { area: "sso", label: "Single sign-on" },
] as const;

export type AuditArea = (typeof AUDIT_AREAS)[number]["area"];
export const AUDIT_AREA_KEYS = AUDIT_AREAS.map((a) => a.area) as [AuditArea, ...AuditArea[]];

export const AUDIT_ENTITY_TYPES = [
  { type: "organization", label: "Organization" },
  { type: "member", label: "Member" },
  { type: "membership", label: "Membership" },
  { type: "invitation", label: "Invitation" },
  { type: "team", label: "Team" },
  { type: "strategy", label: "Strategy" },
  { type: "goal", label: "Goal" },
  { type: "deal", label: "Deal" },
  { type: "account", label: "Account" },
  { type: "contact", label: "Contact" },
  { type: "disqualification_reason", label: "Disqualification reason" },
  { type: "import", label: "CSV import" },
  { type: "account_plan", label: "Account plan" },
  { type: "plan_template", label: "Plan template" },
  { type: "review", label: "Review" },
  { type: "api_key", label: "API key" },
  { type: "webhook", label: "Webhook" },
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number]["type"];
export const AUDIT_ENTITY_TYPE_KEYS = AUDIT_ENTITY_TYPES.map((e) => e.type) as [AuditEntityType, ...AuditEntityType[]];

export function areaLabel(area: string): string {
  return AUDIT_AREAS.find((a) => a.area === area)?.label ?? area;
}

export function entityTypeLabel(type: string): string {
  return AUDIT_ENTITY_TYPES.find((e) => e.type === type)?.label ?? type.replace(/_/g, " ");
}

export interface AuditFilters {
  area?: AuditArea;
  actorId?: string;
  entityType?: AuditEntityType;
  entityId?: string;
  from?: string;
  to?: string;
}

export type AuditFilterField = keyof AuditFilters;
export type AuditFilterProblems = Partial<Record<AuditFilterField, string>>;

export const AUDIT_DAY_MESSAGES = { format: "Use a date like 2026-12-31", before1970: "Use a date from 1970 on" };

/** A UTC calendar day (the log shows times in UTC); Postgres has no year 0, and nothing happened before 1970. */
export const isAuditDay = (day: string): boolean => day >= "1970-01-01";

/** The rules that involve two filters: the router's schema adds them to its per-field checks. */
export function crossFilterProblems(filters: AuditFilters): AuditFilterProblems {
  const problems: AuditFilterProblems = {};
  if (filters.entityId && !filters.entityType) problems.entityType = "Choose the type of the entity";
  if (filters.from && filters.to && filters.from > filters.to) problems.to = "Must not be before the start date";
  return problems;
}

/**
 * Filter values as typed (only the ones given) → the filters, or what is wrong with each field. The page's
 * check; the router's schema answers the same for anything the page lets through.
 */
export function parseAuditFilters(
  values: Partial<Record<AuditFilterField, string>>,
): { filters: AuditFilters; problems: null } | { filters: null; problems: AuditFilterProblems } {
  const problems: AuditFilterProblems = {};
  const { area, actorId, entityType, entityId } = values;
  if (area !== undefined && !AUDIT_AREA_KEYS.includes(area as AuditArea)) problems.area = "Choose an area";
  if (actorId !== undefined && !isUuid(actorId)) problems.actorId = "Choose a member";
  if (entityType !== undefined && !AUDIT_ENTITY_TYPE_KEYS.includes(entityType as AuditEntityType))
    problems.entityType = "Choose an entity type";
  if (entityId !== undefined && !isUuid(entityId)) problems.entityId = "Paste an entity id (a UUID)";
  for (const field of ["from", "to"] as const) {
    const day = values[field];
    if (day === undefined) continue;
    if (!isRealDate(day)) problems[field] = AUDIT_DAY_MESSAGES.format;
    else if (!isAuditDay(day)) problems[field] = AUDIT_DAY_MESSAGES.before1970;
  }
  if (Object.keys(problems).length > 0) return { filters: null, problems };
  // Like the schema: the rules between fields once each field is valid.
  const filters = values as AuditFilters;
  const between = crossFilterProblems(filters);
  return Object.keys(between).length === 0 ? { filters, problems: null } : { filters: null, problems: between };
}
