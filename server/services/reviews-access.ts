/**
 * Loading a review with the caller's relation to it (server/domain/reviews/access.ts holds the rules). One
 * statement loads the review with who its subject is, which teams they sit in, the organization's team tree and the
 * caller's seats; loadSubjectContext answers the same for a person without a review.
 */
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import type { Actor } from "@/server/authz/actor";
import { conflict, forbidden, notFound } from "@/server/domain/errors";
import type { TeamNode } from "@/server/authz/team-tree";
import {
  CLOSED_MESSAGE,
  managesSubject,
  readerRelation,
  REVIEW_ACTIONS,
  reviewAllows,
  type ReviewAction,
  type ReviewActor,
  type ReviewRelation,
  type ReviewStatus,
} from "@/server/domain/reviews/access";
import type { Role } from "@/server/authz/permissions";
import { goalReadability, type GoalReadability } from "./people-alignment";

export type { Actor };

export interface SubjectContext {
  subject: { id: string; name: string; role: Role; active: boolean } | null;
  tree: TeamNode[];
  actorSeats: ReviewActor["seats"];
  subjectTeamIds: string[];
  /** The teams where the subject holds a member's (not a manager's) seat: whose managers read their goals. */
  subjectMemberTeamIds: string[];
}

/** The context's columns for a subject given as SQL (a parameter, or the review row's column). */
function contextColumns(actor: Actor, subjectId: SQL): SQL {
  return sql`(select json_build_object('id', m.user_id, 'name', u.name, 'role', m.role, 'active', m.status = 'active')
             from memberships m join users u on u.id = m.user_id
             where m.org_id = ${actor.orgId} and m.user_id = ${subjectId}) as subject,
          coalesce((select json_agg(json_build_object('id', t.id, 'parentTeamId', t.parent_team_id))
             from teams t where t.org_id = ${actor.orgId}), '[]'::json) as tree,
          coalesce((select json_agg(json_build_object('teamId', tm.team_id, 'isManager', tm.is_manager))
             from team_members tm where tm.org_id = ${actor.orgId} and tm.user_id = ${actor.userId}), '[]'::json) as "actorSeats",
          coalesce((select json_agg(tm.team_id)
             from team_members tm where tm.org_id = ${actor.orgId} and tm.user_id = ${subjectId}), '[]'::json) as "subjectTeamIds",
          coalesce((select json_agg(tm.team_id) from team_members tm
             where tm.org_id = ${actor.orgId} and tm.user_id = ${subjectId} and not tm.is_manager), '[]'::json)
            as "subjectMemberTeamIds"`;
}

export async function loadSubjectContext(db: Database, actor: Actor, subjectId: string): Promise<SubjectContext> {
  const [row] = await selectRows<SubjectContext>(db, sql`select ${contextColumns(actor, sql`${subjectId}::uuid`)}`);
  return row ?? { subject: null, tree: [], actorSeats: [], subjectTeamIds: [], subjectMemberTeamIds: [] };
}

/** The caller's relation to a person as the subject of reviews. */
export function relationTo(actor: Actor, context: SubjectContext): ReviewRelation {
  if (!context.subject) return "none";
  if (context.subject.id === actor.userId) return "subject";
  const manages = managesSubject(
    { userId: actor.userId, role: actor.role, seats: context.actorSeats },
    { userId: context.subject.id, teamIds: context.subjectTeamIds },
    context.tree,
  );
  return manages ? "manager" : "none";
}

export interface ReviewRecord {
  id: string;
  subjectId: string;
  subjectName: string;
  reviewerId: string;
  reviewerName: string;
  strategyId: string;
  status: ReviewStatus;
  snapshot: unknown;
  score: number | null;
  managerNotes: string;
  sectionNotes: unknown;
  repNotes: string;
  version: number;
  sharedAt: Date | null;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The strategy's period, for what a draft reads of its dates before the strategy itself has arrived. */
export interface StrategyPeriod {
  id: string;
  startsOn: string;
  endsOn: string;
}

type ReviewRow = Omit<ReviewRecord, "sharedAt" | "acknowledgedAt" | "closedAt" | "createdAt" | "updatedAt"> & {
  sharedAt: string | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
} & SubjectContext & { strategyStartsOn: string; strategyEndsOn: string };

/**
 * The review, its strategy's period and the caller's context towards its subject, in one statement (the context's
 * subqueries read the row's subject); `lock` takes the review's row lock.
 */
async function loadReviewInContext(db: Database, actor: Actor, reviewId: string, lock = false) {
  const [row] = await selectRows<ReviewRow>(
    db,
    sql`select r.id, r.subject_id as "subjectId", su.name as "subjectName", r.reviewer_id as "reviewerId",
          ru.name as "reviewerName", r.strategy_id as "strategyId", r.status, r.snapshot, r.score,
          r.manager_notes as "managerNotes", r.section_notes as "sectionNotes", r.rep_notes as "repNotes", r.version,
          r.shared_at as "sharedAt", r.acknowledged_at as "acknowledgedAt", r.closed_at as "closedAt",
          r.created_at as "createdAt", r.updated_at as "updatedAt",
          s.starts_on::text as "strategyStartsOn", s.ends_on::text as "strategyEndsOn",
          ${contextColumns(actor, sql`r.subject_id`)}
        from reviews r join users su on su.id = r.subject_id join users ru on ru.id = r.reviewer_id
          join strategies s on s.org_id = r.org_id and s.id = r.strategy_id
        where r.org_id = ${actor.orgId} and r.id = ${reviewId}
        ${lock ? sql`for update of r` : sql``}`,
  );
  if (!row) return null;
  const {
    subject,
    tree,
    actorSeats,
    subjectTeamIds,
    subjectMemberTeamIds,
    strategyStartsOn,
    strategyEndsOn,
    ...fields
  } = row;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  const review: ReviewRecord = {
    ...fields,
    sharedAt: date(fields.sharedAt),
    acknowledgedAt: date(fields.acknowledgedAt),
    closedAt: date(fields.closedAt),
    createdAt: new Date(fields.createdAt),
    updatedAt: new Date(fields.updatedAt),
  };
  return {
    review,
    context: { subject, tree, actorSeats, subjectTeamIds, subjectMemberTeamIds } satisfies SubjectContext,
    strategyPeriod: { id: row.strategyId, startsOn: strategyStartsOn, endsOn: strategyEndsOn } satisfies StrategyPeriod,
  };
}

/** Which of the review subject's goals the caller may read, from the context findReview loaded (no statement). */
export function subjectGoalReadability(actor: Actor, found: Pick<FoundReview, "review" | "context">): GoalReadability {
  const { tree, actorSeats, subjectMemberTeamIds } = found.context;
  return goalReadability(actor, found.review.subjectId, { tree, readerSeats: actorSeats }, subjectMemberTeamIds);
}

/** FORBIDDEN unless the caller's relation to the review allows the action (they can see the review). */
export function assertReviewAllows(relation: ReviewRelation, action: ReviewAction): void {
  if (!reviewAllows(relation, action)) forbidden(undefined, REVIEW_ACTIONS[action].refusal);
}

export interface FoundReview {
  review: ReviewRecord;
  relation: Exclude<ReviewRelation, "none">;
  context: SubjectContext;
  strategyPeriod: StrategyPeriod;
}

/**
 * The review as the caller may see it, or NOT_FOUND (another organization's, a draft of someone else's, a review
 * of someone the caller does not manage). `need`: "manage" refuses the subject (FORBIDDEN: they can see it),
 * "respond" refuses the managers; `writable` refuses a closed review (CONFLICT).
 */
export async function findReview(
  db: Database,
  actor: Actor,
  reviewId: string,
  options: { need?: "manage" | "respond"; writable?: boolean; field?: string; lock?: boolean } = {},
): Promise<FoundReview> {
  const field = options.field ?? "reviewId";
  const found = await loadReviewInContext(db, actor, reviewId, options.lock);
  if (!found) notFound(field, "Review not found.");
  const relation = readerRelation(relationTo(actor, found.context), found.review.status);
  if (relation === "none") notFound(field, "Review not found.");
  if (options.need) assertReviewAllows(relation, options.need);
  if (options.writable && found.review.status === "closed") conflict(undefined, CLOSED_MESSAGE);
  return { ...found, relation };
}
