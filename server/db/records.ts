/** Reading one record of the organization by its id. */
import { and, eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { notFound } from "@/server/domain/errors";

/** A tenant table: its rows are keyed by (org_id, id). */
export type OrgTable = PgTable & { orgId: AnyPgColumn; id: AnyPgColumn };

/** The whole row of the record `id` of the organization (e.g. to edit it as of a version); else NOT_FOUND. */
export async function findOrgRecord<T extends OrgTable>(
  db: Database,
  table: T,
  orgId: string,
  id: string,
  missing: [field: string, message: string],
): Promise<T["$inferSelect"]> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)));
  if (!row) notFound(...missing);
  return row as T["$inferSelect"];
}
