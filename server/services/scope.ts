import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamMembers, teams } from "@/db/schema";
import { together } from "@/server/db/together";
import type { Role } from "@/server/authz/permissions";
import { teamsWithDescendants } from "@/server/authz/team-tree";

/**
 * Which teams' records a member may read (DESIGN.md "Roles and visibility"): admins everything; managers
 * the teams they manage and all sub-teams (plus teams they sit in); viewers the teams they belong to and
 * their sub-teams (a viewer placed in "Sales" reads all of Sales); reps the teams they sit in.
 */
export type TeamScope = { kind: "all" } | { kind: "teams"; teamIds: string[] };

export async function teamScope(db: Database, orgId: string, userId: string, role: Role): Promise<TeamScope> {
  if (role === "admin") return { kind: "all" };
  const [tree, seats] = await together([
    db.select({ id: teams.id, parentTeamId: teams.parentTeamId }).from(teams).where(eq(teams.orgId, orgId)),
    db
      .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId))),
  ]);
  return scopeFromTree(role, tree, seats);
}

/** teamScope from the organization's team tree and the member's seats, already loaded (no query). */
export function scopeFromTree(
  role: Role,
  tree: readonly { id: string; parentTeamId: string | null }[],
  seats: readonly { teamId: string; isManager: boolean }[],
): TeamScope {
  if (role === "admin") return { kind: "all" };
  const roots =
    role === "viewer"
      ? seats.map((seat) => seat.teamId)
      : role === "manager"
        ? seats.filter((seat) => seat.isManager).map((seat) => seat.teamId)
        : [];
  const visible = teamsWithDescendants(tree, roots);
  for (const seat of seats) visible.add(seat.teamId);
  return { kind: "teams", teamIds: [...visible] };
}
