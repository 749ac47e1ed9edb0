import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEntry {
  orgId: string;
  actorId: string | null;
  /** Verb in `entity.action` form, e.g. `member.role_changed`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log in the caller's transaction, so the entry commits or rolls back with the change. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    id: crypto.randomUUID(),
    orgId: entry.orgId,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
