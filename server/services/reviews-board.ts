/**
 * The team's review board: each rep of a team (and its sub-teams) with their last review, whether they are
 * overdue (no review shared in the organization's N days, default 90), and the team's average score per month.
 * Two statements whatever the team's size: the access context and the board itself.
 */
import { forbidden, notFound } from "@/server/domain/errors";
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { flattenTree, teamsWithDescendants } from "@/server/authz/team-tree";
import type { ReviewStatus } from "@/server/domain/reviews/access";
import { loadSubjectContext, type Actor } from "./reviews-access";

/** The teams the actor may open the board for: admins all, managers the teams they manage and below. */
export async function boardTeams(db: Database, actor: Actor) {
  const context = await loadSubjectContext(db, actor, actor.userId);
  const [names] = await selectRows<{ names: Record<string, string> }>(
    db,
    sql`select coalesce(json_object_agg(t.id, t.name), '{}'::json) as names from teams t where t.org_id = ${actor.orgId}`,
  );
  const managed =
    actor.role === "admin"
      ? new Set(context.tree.map((team) => team.id))
      : teamsWithDescendants(
          context.tree,
          context.actorSeats.filter((seat) => seat.isManager).map((seat) => seat.teamId),
        );
  const teams = context.tree
    .filter((team) => managed.has(team.id))
    .map((team) => ({ ...team, name: names?.names[team.id] ?? "" }));
  return flattenTree(teams).map(({ team, depth }) => ({ id: team.id, name: team.name, depth }));
}

export interface BoardRow {
  userId: string;
  name: string;
  lastReviewId: string | null;
  lastStatus: ReviewStatus | null;
  lastSharedAt: string | null;
  lastScore: number | null;
  lastReviewerName: string | null;
  daysSinceShared: number | null;
  overdue: boolean;
  openDraftId: string | null;
}

export async function teamBoard(db: Database, actor: Actor, teamId: string) {
  const context = await loadSubjectContext(db, actor, actor.userId);
  if (!context.tree.some((team) => team.id === teamId)) notFound("teamId", "Team not found.");
  const managed = teamsWithDescendants(
    context.tree,
    context.actorSeats.filter((seat) => seat.isManager).map((seat) => seat.teamId),
  );
  if (actor.role !== "admin" && !managed.has(teamId))
    forbidden("teamId", "You can open the teams you manage and their sub-teams.");
  const subtree = [...teamsWithDescendants(context.tree, [teamId])];
  const teamList = sql.join(
    subtree.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [board] = await selectRows<{
    overdueDays: number;
    rows: BoardRow[];
    averages: { month: string; average: number; reviews: number }[];
  }>(
    db,
    sql`with people as (
          select distinct m.user_id, u.name
          from team_members tm
          join memberships m on m.org_id = tm.org_id and m.user_id = tm.user_id
          join users u on u.id = m.user_id
          where tm.org_id = ${actor.orgId} and tm.team_id in (${teamList}) and not tm.is_manager
            and m.status = 'active' and m.role <> 'viewer' and m.user_id <> ${actor.userId}
        ), org as (
          select o.review_overdue_days as days from organizations o where o.id = ${actor.orgId}
        ), rows as (
          select p.user_id, p.name, last.id as last_id, last.status as last_status, shared.shared_at, shared.score,
            shared.reviewer_name, draft.id as draft_id
          from people p
          left join lateral (
            select r.id, r.status from reviews r where r.org_id = ${actor.orgId} and r.subject_id = p.user_id
            order by r.created_at desc, r.id desc limit 1) last on true
          left join lateral (
            select r.shared_at, r.score, ru.name as reviewer_name from reviews r join users ru on ru.id = r.reviewer_id
            where r.org_id = ${actor.orgId} and r.subject_id = p.user_id and r.shared_at is not null
            order by r.shared_at desc, r.id desc limit 1) shared on true
          left join lateral (
            select r.id from reviews r where r.org_id = ${actor.orgId} and r.subject_id = p.user_id and r.status = 'draft'
            order by r.created_at desc, r.id desc limit 1) draft on true
        )
        select (select days from org) as "overdueDays",
          coalesce((select json_agg(json_build_object(
            'userId', x.user_id, 'name', x.name, 'lastReviewId', x.last_id, 'lastStatus', x.last_status,
            'lastSharedAt', x.shared_at::text, 'lastScore', x.score, 'lastReviewerName', x.reviewer_name,
            'daysSinceShared', (current_date - (x.shared_at at time zone 'UTC')::date),
            'overdue', x.shared_at is null or x.shared_at < now() - make_interval(days => (select days from org)),
            'openDraftId', x.draft_id
          ) order by (x.shared_at is not null), x.shared_at, x.name, x.user_id) from rows x), '[]'::json) as rows,
          coalesce((select json_agg(json_build_object('month', a.month, 'average', a.average, 'reviews', a.reviews) order by a.month)
            from (
              select to_char(date_trunc('month', r.shared_at at time zone 'UTC'), 'YYYY-MM') as month,
                round(avg(r.score))::int as average, count(*)::int as reviews
              from reviews r join people p on p.user_id = r.subject_id
              where r.org_id = ${actor.orgId} and r.shared_at is not null and r.score is not null
                and r.shared_at >= now() - interval '24 months'
              group by 1) a), '[]'::json) as averages`,
  );
  return board ?? { overdueDays: 90, rows: [], averages: [] };
}
