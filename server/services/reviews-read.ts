/**
 * What people read of reviews: one review (its stored snapshot, or a draft's assembled afresh), the list of
 * reviews the caller may see (keyset), a rep's score trend, a team's review board and one's open actions.
 * Every list is one statement; access follows server/domain/reviews/access.ts.
 */
import { notFound } from "@/server/domain/errors";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { teamsWithDescendants } from "@/server/authz/team-tree";
import { readSectionNotes, readSnapshot, type ReviewSnapshot } from "@/server/domain/reviews/snapshot";
import type { ReviewStatus } from "@/server/domain/reviews/access";
import { together } from "@/server/db/together";
import { rollAlignmentClock } from "./alignment-clock";
import type { ActionRow } from "./review-actions";
import { findReview, loadSubjectContext, relationTo, type Actor } from "./reviews-access";
import { snapshotNow } from "./reviews-snapshot";

export async function readReview(db: Database, actor: Actor, reviewId: string) {
  const found = await findReview(db, actor, reviewId);
  const { review, relation } = found;
  const draft = review.status === "draft";
  // Once the reader may see the review, what it shows goes out together: the actions and, for a draft, the clock's
  // roll (the snapshot reads stored figures as of today, so the roll goes first), the strategy and the snapshot's
  // reads.
  const [, actions, assembledNow] = await together([
    draft ? rollAlignmentClock(db) : null,
    selectRows<ActionRow & { ownerName: string | null }>(
      db,
      sql`select ra.id, ra.review_id as "reviewId", ra.text, ra.owner_id as "ownerId", u.name as "ownerName",
          ra.owner_role as "ownerRole", ra.due_on::text as "dueOn", ra.done, ra.goal_id as "goalId",
          ra.deal_id as "dealId", ra.link_label as "linkLabel", ra.version
        from review_actions ra left join users u on u.id = ra.owner_id
        where ra.org_id = ${actor.orgId} and ra.review_id = ${review.id}
        order by ra.created_at, ra.id`,
    ),
    draft ? snapshotNow(db, actor, found) : null,
  ]);
  const snapshot: ReviewSnapshot | null = draft ? assembledNow : readSnapshot(review.snapshot);
  return {
    ...review,
    sectionNotes: readSectionNotes(review.sectionNotes),
    snapshot,
    /** True when the document stored at share time is not one this version of Tandem reads. */
    snapshotUnreadable: !draft && snapshot === null,
    actions,
    relation,
    canManage: relation === "manager" && review.status !== "closed",
    canRespond: relation === "subject" && review.status !== "closed",
  };
}

/**
 * The teams whose members the actor manages (with sub-teams), as SQL, for admins everyone. The reviews of those
 * members (drafts included) and the actor's own shared ones are what the actor sees.
 */
async function managedTeamIds(db: Database, actor: Actor): Promise<string[] | "all"> {
  if (actor.role === "admin") return "all";
  if (actor.role !== "manager") return [];
  const context = await loadSubjectContext(db, actor, actor.userId);
  return [
    ...teamsWithDescendants(
      context.tree,
      context.actorSeats.filter((seat) => seat.isManager).map((seat) => seat.teamId),
    ),
  ];
}

function managedSubjects(orgId: string, managed: string[] | "all", actorId: string): SQL {
  if (managed === "all") return sql`r.subject_id <> ${actorId}`;
  if (managed.length === 0) return sql`false`;
  return sql`r.subject_id <> ${actorId} and exists (
    select 1 from team_members tm where tm.org_id = ${orgId} and tm.user_id = r.subject_id
      and tm.team_id in (${sql.join(
        managed.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`;
}

export interface ReviewListItem {
  id: string;
  subjectId: string;
  subjectName: string;
  reviewerName: string;
  strategyName: string;
  status: ReviewStatus;
  score: number | null;
  sharedAt: string | null;
  createdAt: string;
  cursorTime: string;
}

export async function listReviews(
  db: Database,
  actor: Actor,
  page: { limit: number; cursor?: { time: string; id: string }; subjectId?: string },
): Promise<ReviewListItem[]> {
  const managed = await managedTeamIds(db, actor);
  return selectRows<ReviewListItem>(
    db,
    sql`select r.id, r.subject_id as "subjectId", su.name as "subjectName", ru.name as "reviewerName",
          s.name as "strategyName", r.status, r.score, r.shared_at::text as "sharedAt", r.created_at::text as "createdAt",
          to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorTime"
        from reviews r
        join users su on su.id = r.subject_id join users ru on ru.id = r.reviewer_id
        join strategies s on s.org_id = r.org_id and s.id = r.strategy_id
        where r.org_id = ${actor.orgId}
          and ((${managedSubjects(actor.orgId, managed, actor.userId)})
               or (r.subject_id = ${actor.userId} and r.status <> 'draft'))
          ${page.subjectId ? sql`and r.subject_id = ${page.subjectId}` : sql``}
          ${page.cursor ? sql`and (r.created_at, r.id) < (${page.cursor.time}::timestamptz, ${page.cursor.id}::uuid)` : sql``}
        order by r.created_at desc, r.id desc
        limit ${page.limit}`,
  );
}

/** A rep's alignment score at each shared review, oldest first; NOT_FOUND for someone the caller may not see. */
export async function scoreHistory(db: Database, actor: Actor, subjectId: string) {
  const context = await loadSubjectContext(db, actor, subjectId);
  const relation = relationTo(actor, context);
  if (relation === "none" || !context.subject) notFound("subjectId", "Person not found.");
  const points = await selectRows<{ reviewId: string; sharedAt: string; score: number; status: ReviewStatus }>(
    db,
    sql`select r.id as "reviewId", r.shared_at::text as "sharedAt", r.score, r.status
        from reviews r
        where r.org_id = ${actor.orgId} and r.subject_id = ${subjectId} and r.shared_at is not null and r.score is not null
        order by r.shared_at, r.id`,
  );
  return { subject: { id: context.subject.id, name: context.subject.name }, points };
}

/** The caller's open actions in shared or acknowledged reviews, soonest due first (the home page's card). */
export async function myOpenActions(db: Database, actor: Actor) {
  return selectRows<{ id: string; reviewId: string; text: string; dueOn: string | null; reviewerName: string }>(
    db,
    sql`select ra.id, ra.review_id as "reviewId", ra.text, ra.due_on::text as "dueOn", ru.name as "reviewerName"
        from review_actions ra
        join reviews r on r.org_id = ra.org_id and r.id = ra.review_id
        join users ru on ru.id = r.reviewer_id
        where ra.org_id = ${actor.orgId} and ra.owner_id = ${actor.userId} and not ra.done
          and r.status in ('shared', 'acknowledged')
        order by ra.due_on nulls last, ra.created_at, ra.id
        limit 20`,
  );
}
