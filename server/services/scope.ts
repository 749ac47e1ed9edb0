import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
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
    db
      .select({ id: teams.id, parentTeamId: teams.parentTeamId })
      .from(teams)
      .where(and(eq(teams.orgId, orgId), atOrUnderSeats(orgId, userId, teams.id))),
    db
      .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId))),
  ]);
  return scopeFromTree(role, tree, seats);
}

/**
 * A condition on a team id: the team is one of the user's seats or under one. Whatever the role, a scope other than
 * an admin's is made of such teams (scopeFromTree needs no other part of the tree), so callers read those alone: at
 * 500 teams, reading the whole tree for a manager whose scope is six teams cost about 2 ms (docs/performance.md
 * "Generic plans for small homes").
 */
export function atOrUnderSeats(orgId: string, userId: string, teamId: SQL | AnyPgColumn): SQL {
  return sql`${teamId} in (with recursive below(id) as (
      select tm.team_id from team_members tm where tm.org_id = ${orgId} and tm.user_id = ${userId}
      union
      select c.id from teams c join below b on c.parent_team_id = b.id where c.org_id = ${orgId}
    ) select b.id from below b)`;
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
