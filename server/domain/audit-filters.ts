/**
 * The audit log's filters, shared by the audit router (input validation) and the audit page (the filter
 * bar and its labels). Pure: usable on server and client.
 *
 * AUDIT_AREAS is the single list of action families: an event `deal.disqualified` belongs to the area
 * "deal". Every family the code records must be listed (tests/integration/audit.test.ts scans the sources
 * and fails for a missing one). AUDIT_ENTITY_TYPES lists the entity types events are recorded against.
 */
import { z } from "zod";
import { dateSchema } from "@/server/domain/deal-fields";
import { idSchema } from "@/server/domain/schemas";

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

/** A UTC calendar day (the log shows times in UTC); Postgres has no year 0, and nothing happened before 1970. */
const daySchema = dateSchema.refine((day) => day >= "1970-01-01", { message: "Use a date from 1970 on" });

/** Each filter on its own; combined, they narrow the log (AND). Dates are inclusive UTC days. */
export const auditFilterFields = {
  area: z.enum(AUDIT_AREA_KEYS).optional(),
  actorId: idSchema.optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPE_KEYS).optional(),
  entityId: idSchema.optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
};

export type AuditFilters = z.infer<z.ZodObject<typeof auditFilterFields>>;

/** The checks that involve two filters (for `superRefine`). */
export function checkAuditFilters(filters: AuditFilters, ctx: z.RefinementCtx): void {
  if (filters.entityId && !filters.entityType)
    ctx.addIssue({ code: "custom", path: ["entityType"], message: "Choose the type of the entity" });
  if (filters.from && filters.to && filters.from > filters.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before the start date" });
}

export const auditFiltersSchema = z.object(auditFilterFields).superRefine(checkAuditFilters);
