import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { selectRows, type Database } from "@/db/client";
import type { Actor } from "@/server/authz/actor";
import type { Role } from "@/server/authz/permissions";
import { scopeFromTree, type TeamNode, type TeamScope } from "@/server/authz/team-tree";

/** The caller's team scope: read with the gate of the call (orgProcedure), or here for an actor made without it. */
export function scopeOf(db: Database, actor: Actor): Promise<TeamScope> {
  return actor.teamScope ? Promise.resolve(actor.teamScope) : teamScope(db, actor.orgId, actor.userId, actor.role);
}

/** Which teams' records a member may read (scopeFromTree), in one statement. */
export async function teamScope(db: Database, orgId: string, userId: string, role: Role): Promise<TeamScope> {
  if (role === "admin") return { kind: "all" };
  const [row] = await selectRows<{ teams: ScopeTeams }>(
    db,
    sql`select ${scopeTeamsJson(orgId, userId, sql`${role}::role`)} as teams`,
  );
  return scopeFromTree(role, row!.teams.tree, row!.teams.seats);
}

/** What a member's team scope is made of (scopeFromTree): their seats and the teams at or under them. */
export interface ScopeTeams {
  seats: { teamId: string; isManager: boolean }[];
  tree: TeamNode[];
}

/**
 * ScopeTeams as a JSON expression, for a member whose role is `role` (an SQL expression): null for an admin, who
 * reads every team; a rep's scope is their seats alone (no tree read). The gate of every organization call reads it
 * (server/trpc/init.ts), and teamScope for an actor made without the gate.
 */
export function scopeTeamsJson(orgId: string, userId: string, role: SQL): SQL {
  const underSeats = atOrUnderSeats(orgId, userId, sql`t.id`);
  return sql`case when ${role} <> 'admin' then json_build_object(
      'seats', coalesce((select json_agg(json_build_object('teamId', tm.team_id, 'isManager', tm.is_manager))
        from team_members tm where tm.org_id = ${orgId} and tm.user_id = ${userId}), '[]'::json),
      'tree', case when ${role} = 'rep' then '[]'::json
        else coalesce((select json_agg(json_build_object('id', t.id, 'parentTeamId', t.parent_team_id))
          from teams t where t.org_id = ${orgId} and ${underSeats}), '[]'::json) end) end`;
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
