import type { SQL } from "drizzle-orm";
import type { PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import { cursorTimeSchema } from "@/server/db/keyset";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";

/** The keyset cursor of reads of the audit log, newest first: an event's time (at full precision) and id. */
export const auditCursorSchema = z.object({ at: cursorTimeSchema, id: z.uuid() });

/** An audit event as the API shows it: a deal's timeline shows these fields, the audit list adds actor and entity. */
export const auditEventSchema = z.object({
  id: z.uuid(),
  at: z.date(),
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** A page of audit events (`event`: their schema) with the cursor after it. */
export const auditPageSchema = <T extends z.ZodType>(event: T) =>
  z.object({ items: z.array(event), nextCursor: auditCursorSchema.nullable() });

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

/**
 * Appends to the audit log in the caller's transaction, so the entry commits or rolls back with the change.
 * Answers the entry's id.
 */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(auditEvents).values({
    id,
    orgId: entry.orgId,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  return id;
}

/** Records the actor's own change: the entry's organization and actor are the actor's (ctx.actor in a procedure). */
export function auditAs(
  db: Database,
  actor: Pick<Actor, "orgId" | "userId">,
  entry: Omit<AuditEntry, "orgId" | "actorId">,
): Promise<string> {
  return recordAudit(db, { ...entry, orgId: actor.orgId, actorId: actor.userId });
}

/** One record an audited update writes: its table, the condition that picks it (org-scoped), and its audit name. */
export interface AuditedRecord<T extends PgTable> {
  table: T;
  where: SQL | undefined;
  entityType: string;
  entityId: string;
}

/**
 * Sets fields of one record and audits the change in the caller's transaction: `before` holds the values that
 * `after` replaces.
 */
export async function updateAudited<T extends PgTable>(
  db: Database,
  actor: Actor,
  record: AuditedRecord<T>,
  change: { action: string; before: Record<string, unknown>; after: PgUpdateSetSource<T> },
): Promise<void> {
  await db.update(record.table).set(change.after).where(record.where);
  await auditAs(db, actor, {
    action: change.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: change.before,
    after: change.after,
  });
}
