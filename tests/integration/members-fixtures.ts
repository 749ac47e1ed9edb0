/** Arrangements for the members router tests, on the privileged connection. */
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, teamMembers } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { createUser } from "../helpers/fixtures";
import { useWorld } from "../helpers/world";

/** The world of the members tests, and a caller acting as its admin. */
export function useMembersWorld() {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  return { world, admin };
}

export async function addMember(
  db: Database,
  orgId: string,
  name: string,
  role: Role,
  options: { teamId?: string; status?: "active" | "deactivated" } = {},
) {
  const user = await createUser(db, name);
  await db
    .insert(memberships)
    .values({ orgId, id: crypto.randomUUID(), userId: user.id, role, status: options.status ?? "active" });
  if (options.teamId) await db.insert(teamMembers).values({ orgId, teamId: options.teamId, userId: user.id });
  return user;
}

export async function membershipOf(db: Database, orgId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row;
}

export async function seatsOf(db: Database, orgId: string, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .orderBy(teamMembers.teamId);
}
