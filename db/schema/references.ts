import { type AnyPgColumn, foreignKey } from "drizzle-orm/pg-core";
import { memberships } from "./tenancy";

/** A reference within the organization: (org_id, <column>) → `table` (org_id, id). */
export const tenantRef = (
  name: string,
  columns: [AnyPgColumn, AnyPgColumn],
  table: { orgId: AnyPgColumn; id: AnyPgColumn },
) => foreignKey({ name, columns, foreignColumns: [table.orgId, table.id] });

/** A reference to a member of the same organization: (org_id, <column>) → memberships (org_id, user_id). */
export const memberRef = (name: string, columns: [AnyPgColumn, AnyPgColumn]) =>
  foreignKey({ name, columns, foreignColumns: [memberships.orgId, memberships.userId] });
