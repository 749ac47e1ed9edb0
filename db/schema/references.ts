import { type AnyPgColumn, foreignKey } from "drizzle-orm/pg-core";
import { memberships } from "./tenancy";

/** A reference to a member of the same organization: (org_id, <column>) → memberships (org_id, user_id). */
export const memberRef = (name: string, columns: [AnyPgColumn, AnyPgColumn]) =>
  foreignKey({ name, columns, foreignColumns: [memberships.orgId, memberships.userId] });
