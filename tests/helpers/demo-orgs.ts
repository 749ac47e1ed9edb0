/**
 * Two fully populated organizations for the tampering tests: the demo organization seeded twice. The first
 * copy becomes the "victim" (its slug, name, member emails and every name/title-like text get a marker, so
 * that its data is recognizable); the second is the attacker's own organization. Both have rows in every
 * table the demo seed fills — including tables other issues add — with different ids.
 */
import { and, eq, sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { seedDemo } from "@/db/seed";
import { tenantTables } from "./security-data";

export const VICTIM_MARKER = " ~victim";

export interface DemoOrg {
  id: string;
  /** The first member of each role (by email). */
  members: Record<Role, { id: string; email: string }>;
}

async function membersByRole(db: Database, orgId: string): Promise<DemoOrg["members"]> {
  const rows = await db
    .select({ id: users.id, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, "active")))
    .orderBy(users.email);
  const members = {} as DemoOrg["members"];
  for (const row of rows) members[row.role] ??= { id: row.id, email: row.email };
  for (const role of ["admin", "manager", "rep", "viewer"] as const) {
    if (!members[role]) throw new Error(`the demo organization has no active ${role}`);
  }
  return members;
}

/** Text columns that hold names and prose (never formats such as email, domain, currency or slug). */
const PROSE_COLUMN =
  /(^|_)(name|title|body|text|notes|description|problem|solution|win|reason|objectives|impact|goal)$/;

async function markAsVictim(db: Database, orgId: string): Promise<void> {
  await db
    .update(organizations)
    .set({ name: `Victim Robotics${VICTIM_MARKER}`, slug: "victim-robotics" })
    .where(eq(organizations.id, orgId));
  await db.execute(
    sql`update users set email = 'victim.' || email, name = name || ${VICTIM_MARKER}
        where id in (select user_id from memberships where org_id = ${orgId})`,
  );
  const tables = await tenantTables(db);
  const columns = await selectRows<{ table: string; column: string }>(
    db,
    sql`select table_name as table, column_name as column from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying')`,
  );
  for (const { table, column } of columns) {
    if (!tables.includes(table) || !PROSE_COLUMN.test(column)) continue;
    // A column whose constraints refuse the marker keeps its values (its rows are still told apart by id).
    await db
      .transaction((tx) =>
        tx.execute(
          sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${sql.identifier(column)} || ${VICTIM_MARKER} where org_id = ${orgId} and ${sql.identifier(column)} <> ''`,
        ),
      )
      .catch(() => undefined);
  }
}

/** Seeds the demo organization twice: the victim (marked) and the attacker's own organization. */
export async function seedTwoDemoOrgs(db: Database): Promise<{ victim: DemoOrg; attacker: DemoOrg }> {
  const first = await seedDemo(db);
  await markAsVictim(db, first.orgId);
  const second = await seedDemo(db);
  return {
    victim: { id: first.orgId, members: await membersByRole(db, first.orgId) },
    attacker: { id: second.orgId, members: await membersByRole(db, second.orgId) },
  };
}
