/**
 * Agreed actions of a review: the managers add, edit and remove them while the review is open; the rep marks
 * the ones they own done (managers may mark any). Every change is audited; a closed review refuses them all.
 */
import { badRequest, forbidden, notFound, staleVersion } from "@/server/domain/errors";
import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { selectRows, type Database } from "@/db/client";
import { reviewActions } from "@/db/schema";
import { auditAs } from "./audit";
import { notify } from "./notifications";
import {
  assertReviewAllows,
  findReview,
  subjectGoalReadability,
  type Actor,
  type FoundReview,
  type ReviewRecord,
} from "./reviews-access";

export const ACTION_OWNERS = ["manager", "rep"] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];

export interface ActionFields {
  text: string;
  owner: ActionOwner;
  dueOn: string | null;
  goalId: string | null;
  dealId: string | null;
}

export interface ActionRow {
  id: string;
  reviewId: string;
  text: string;
  ownerId: string | null;
  ownerRole: ActionOwner;
  dueOn: string | null;
  done: boolean;
  goalId: string | null;
  dealId: string | null;
  linkLabel: string;
  version: number;
}

async function loadAction(db: Database, orgId: string, actionId: string): Promise<ActionRow | null> {
  const [row] = await selectRows<ActionRow>(
    db,
    sql`select ra.id, ra.review_id as "reviewId", ra.text, ra.owner_id as "ownerId", ra.owner_role as "ownerRole",
          ra.due_on::text as "dueOn", ra.done, ra.goal_id as "goalId", ra.deal_id as "dealId",
          ra.link_label as "linkLabel", ra.version
        from review_actions ra where ra.org_id = ${orgId} and ra.id = ${actionId}`,
  );
  return row ?? null;
}

/** The link's label; the goal must be the rep's (and readable by the caller), the deal the rep's. */
async function linkLabel(
  db: Database,
  actor: Actor,
  found: Pick<FoundReview, "review" | "context">,
  fields: ActionFields,
): Promise<string> {
  const { review } = found;
  if (fields.goalId && fields.dealId) badRequest("dealId", "Link an action to a goal or a deal, not both.");
  if (fields.goalId) {
    const [goal] = await selectRows<{ title: string; visibility: "private" | "manager" | "team" }>(
      db,
      sql`select g.title, g.visibility from goals g
          where g.org_id = ${actor.orgId} and g.id = ${fields.goalId} and g.user_id = ${review.subjectId}`,
    );
    const readable = goal && subjectGoalReadability(actor, found)(goal);
    if (!goal || !readable) notFound("goalId", "Goal not found.");
    return goal.title;
  }
  if (fields.dealId) {
    const [deal] = await selectRows<{ name: string }>(
      db,
      sql`select d.name from deals d where d.org_id = ${actor.orgId} and d.id = ${fields.dealId} and d.owner_id = ${review.subjectId}`,
    );
    if (!deal) notFound("dealId", "Deal not found.");
    return deal.name;
  }
  return "";
}

const ownerIdOf = (review: ReviewRecord, actor: Actor, owner: ActionOwner) =>
  owner === "rep" ? review.subjectId : actor.userId;

function audited(row: Pick<ActionRow, "text" | "ownerRole" | "dueOn" | "done" | "linkLabel">) {
  return { text: row.text, owner: row.ownerRole, dueOn: row.dueOn, done: row.done, link: row.linkLabel };
}

export async function addAction(db: Database, actor: Actor, input: ActionFields & { reviewId: string }) {
  const found = await findReview(db, actor, input.reviewId, { need: "manage", writable: true });
  const { review } = found;
  const label = await linkLabel(db, actor, found, input);
  const id = crypto.randomUUID();
  const ownerId = ownerIdOf(review, actor, input.owner);
  await db.insert(reviewActions).values({
    orgId: actor.orgId,
    id,
    reviewId: review.id,
    text: input.text,
    ownerId,
    ownerRole: input.owner,
    dueOn: input.dueOn,
    goalId: input.goalId,
    dealId: input.dealId,
    linkLabel: label,
  });
  const after = audited({
    text: input.text,
    ownerRole: input.owner,
    dueOn: input.dueOn,
    done: false,
    linkLabel: label,
  });
  await auditAs(db, actor, {
    action: "review.action_added",
    entityType: "review",
    entityId: review.id,
    after: { actionId: id, ...after },
  });
  if (review.status !== "draft" && input.owner === "rep") {
    await notify(db, {
      orgId: actor.orgId,
      userIds: [review.subjectId],
      kind: "review.action_assigned",
      entity: { type: "review", id: review.id },
      payload: { text: `New action for you: ${input.text}`, path: `/reviews/${review.id}` },
    });
  }
  return { id };
}

/** The action and its review, for a manager's edit (NOT_FOUND when the caller may not see the review). */
async function findActionToManage(db: Database, actor: Actor, actionId: string) {
  const action = await loadAction(db, actor.orgId, actionId);
  if (!action) notFound("actionId", "Action not found.");
  const found = await findReview(db, actor, action.reviewId, { field: "actionId", writable: true });
  return { action, ...found };
}

function checkActionVersion(action: ActionRow, version: number) {
  if (action.version !== version)
    throw staleVersion("Someone else changed this action; here it is as it is now.", action);
}

/** Changes one action and counts its version up; answers the new version. */
async function bumpAction(
  db: Database,
  actor: Actor,
  actionId: string,
  set: PgUpdateSetSource<typeof reviewActions>,
): Promise<number> {
  const [row] = await db
    .update(reviewActions)
    .set({ ...set, version: sql`${reviewActions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(reviewActions.orgId, actor.orgId), eq(reviewActions.id, actionId)))
    .returning({ version: reviewActions.version });
  return row?.version ?? 0;
}

export async function updateAction(
  db: Database,
  actor: Actor,
  input: ActionFields & { actionId: string; version: number },
) {
  const found = await findActionToManage(db, actor, input.actionId);
  const { action, review, relation } = found;
  assertReviewAllows(relation, "manage");
  checkActionVersion(action, input.version);
  const label = await linkLabel(db, actor, found, input);
  const ownerId = input.owner === action.ownerRole ? action.ownerId : ownerIdOf(review, actor, input.owner);
  const version = await bumpAction(db, actor, action.id, {
    text: input.text,
    ownerRole: input.owner,
    ownerId,
    dueOn: input.dueOn,
    goalId: input.goalId,
    dealId: input.dealId,
    linkLabel: label,
  });
  await auditAs(db, actor, {
    action: "review.action_updated",
    entityType: "review",
    entityId: review.id,
    before: { actionId: action.id, ...audited(action) },
    after: {
      actionId: action.id,
      ...audited({ text: input.text, ownerRole: input.owner, dueOn: input.dueOn, done: action.done, linkLabel: label }),
    },
  });
  return { version };
}

export async function removeAction(db: Database, actor: Actor, input: { actionId: string }) {
  const { action, review, relation } = await findActionToManage(db, actor, input.actionId);
  assertReviewAllows(relation, "manage");
  await db.delete(reviewActions).where(and(eq(reviewActions.orgId, actor.orgId), eq(reviewActions.id, action.id)));
  await auditAs(db, actor, {
    action: "review.action_removed",
    entityType: "review",
    entityId: review.id,
    before: { actionId: action.id, ...audited(action) },
  });
  return { id: action.id };
}

/** Done or not done again: the rep for the actions they own, the managers for any. */
export async function setActionDone(db: Database, actor: Actor, input: { actionId: string; done: boolean }) {
  const { action, review, relation } = await findActionToManage(db, actor, input.actionId);
  if (relation === "subject" && action.ownerId !== actor.userId)
    forbidden(undefined, "You can mark only your own actions done.");
  if (action.done === input.done) return { version: action.version };
  const version = await bumpAction(db, actor, action.id, {
    done: input.done,
    doneAt: input.done ? sql`now()` : null,
  });
  await auditAs(db, actor, {
    action: input.done ? "review.action_done" : "review.action_reopened",
    entityType: "review",
    entityId: review.id,
    before: { actionId: action.id, done: action.done },
    after: { actionId: action.id, done: input.done, text: action.text },
  });
  return { version };
}
