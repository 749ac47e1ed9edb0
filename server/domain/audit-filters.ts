/**
 * The audit log's filters as the audit router's input schema, built from the zod-free rules in
 * ./audit-filter-rules (which the audit page uses in the browser).
 */
import { z } from "zod";
import { dateSchema } from "@/server/domain/deal-fields";
import { idSchema } from "@/server/domain/schemas";
import {
  AUDIT_AREA_KEYS,
  AUDIT_DAY_MESSAGES,
  AUDIT_ENTITY_TYPE_KEYS,
  crossFilterProblems,
  isAuditDay,
  type AuditFilters,
} from "./audit-filter-rules";

export * from "./audit-filter-rules";

const daySchema = dateSchema.refine(isAuditDay, { message: AUDIT_DAY_MESSAGES.before1970 });

/** Each filter on its own; combined, they narrow the log (AND). Dates are inclusive UTC days. */
export const auditFilterFields = {
  area: z.enum(AUDIT_AREA_KEYS).optional(),
  actorId: idSchema.optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPE_KEYS).optional(),
  entityId: idSchema.optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
};

/** The checks that involve two filters (for `superRefine`). */
export function checkAuditFilters(filters: AuditFilters, ctx: z.RefinementCtx): void {
  for (const [field, message] of Object.entries(crossFilterProblems(filters)))
    ctx.addIssue({ code: "custom", path: [field], message });
}
