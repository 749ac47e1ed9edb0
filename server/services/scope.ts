import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { teamMembers, teams } from "@/db/schema";
import { together } from "@/server/db/together";
import type { Actor } from "@/server/authz/actor";
import type { Role } from "@/server/authz/permissions";
import { scopeFromTree, type TeamScope } from "@/server/authz/team-tree";

/** The caller's team scope: read with the gate of the call (orgProcedure), or here for an actor made without it. */
export function scopeOf(db: Database, actor: Actor): Promise<TeamScope> {
  return actor.teamScope ? Promise.resolve(actor.teamScope) : teamScope(db, actor.orgId, actor.userId, actor.role);
}

/** Which teams' records a member may read (scopeFromTree), in one round trip. */
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
