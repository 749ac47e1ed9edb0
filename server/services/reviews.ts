/**
 * Review commands: start, notes, share, acknowledge, close. Each runs in the caller's transaction, checks the
 * record rule (reviews-access.ts), the status and the version the caller read (stale → CONFLICT with the review
 * as it is now), and records the audit event and the notifications with the change.
 */
import { badRequest, conflict, notFound, staleVersion } from "@/server/domain/errors";
import { and, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { organizations, reviews } from "@/db/schema";
import { nextStatusAllowed, type ReviewStatus } from "@/server/domain/reviews/access";
import { readSectionNotes, type ReviewSection } from "@/server/domain/reviews/snapshot";
import { loadStrategy } from "./strategies";
import { auditAs } from "./audit";
import { notify } from "./notifications";
import { findReview, loadSubjectContext, relationTo, type Actor, type FoundReview } from "./reviews-access";
import { snapshotNow } from "./reviews-snapshot";
import { emitWebhookEvent } from "./webhooks";

async function orgSlug(db: Database, orgId: string): Promise<string> {
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  return org?.slug ?? "";
}

export async function startReview(db: Database, actor: Actor, input: { subjectId: string; strategyId: string }) {
  if (input.subjectId === actor.userId) badRequest("subjectId", "Your own review is started by your manager.");
  const context = await loadSubjectContext(db, actor, input.subjectId);
  if (relationTo(actor, context) !== "manager" || !context.subject?.active) notFound("subjectId", "Person not found.");
  if (context.subject.role === "viewer") badRequest("subjectId", "Viewers have no goals or pipeline to review.");
  const strategy = await loadStrategy(db, actor.orgId, input.strategyId);
  if (!strategy || strategy.status === "draft") notFound("strategyId", "Strategy not found.");
  const id = crypto.randomUUID();
  await db.insert(reviews).values({
    orgId: actor.orgId,
    id,
    subjectId: input.subjectId,
    reviewerId: actor.userId,
    strategyId: strategy.id,
  });
  await auditAs(db, actor, {
    action: "review.started",
    entityType: "review",
    entityId: id,
    after: { subjectId: input.subjectId, subjectName: context.subject.name, strategy: strategy.name },
  });
  return { id };
}

/** CONFLICT when the caller read an older version; the error carries the review as it is now. */
function checkVersion(found: FoundReview, version: number) {
  if (found.review.version !== version)
    throw staleVersion("Someone else changed this review; here it is as it is now.", {
      version: found.review.version,
      status: found.review.status,
      managerNotes: found.review.managerNotes,
      sectionNotes: readSectionNotes(found.review.sectionNotes),
      repNotes: found.review.repNotes,
    });
}

async function bump(db: Database, actor: Actor, reviewId: string, set: PgUpdateSetSource<typeof reviews>) {
  const [row] = await db
    .update(reviews)
    .set({ ...set, version: sql`${reviews.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(reviews.orgId, actor.orgId), eq(reviews.id, reviewId)))
    .returning({ version: reviews.version });
  return { version: row?.version ?? 0 };
}

/** The managers' notes: the summary (section "summary") or one section's. */
export async function writeManagerNotes(
  db: Database,
  actor: Actor,
  input: { reviewId: string; version: number; section: ReviewSection | "summary"; text: string },
) {
  const found = await findReview(db, actor, input.reviewId, { need: "manage", writable: true, lock: true });
  checkVersion(found, input.version);
  if (input.section === "summary") return bump(db, actor, input.reviewId, { managerNotes: input.text });
  const sectionNotes = { ...readSectionNotes(found.review.sectionNotes), [input.section]: input.text };
  return bump(db, actor, input.reviewId, { sectionNotes });
}

export async function writeRepNotes(
  db: Database,
  actor: Actor,
  input: { reviewId: string; version: number; text: string },
) {
  const found = await findReview(db, actor, input.reviewId, { need: "respond", writable: true, lock: true });
  checkVersion(found, input.version);
  return bump(db, actor, input.reviewId, { repNotes: input.text });
}

function refuseTransition(from: ReviewStatus, to: ReviewStatus): never {
  const messages: Partial<Record<ReviewStatus, string>> = {
    shared: "Only a draft can be shared.",
    acknowledged: "Only a shared review can be acknowledged.",
    closed: "Only a shared or acknowledged review can be closed.",
  };
  conflict(undefined, `${messages[to] ?? "Not allowed."} (It is ${from}.)`);
}

/**
 * The review locked for a move to `to`, once the caller may make it (`need`), read the current version and the
 * review's status allows the move.
 */
async function reviewToMove(
  db: Database,
  actor: Actor,
  input: { reviewId: string; version: number },
  to: ReviewStatus,
  need: "manage" | "respond",
) {
  const found = await findReview(db, actor, input.reviewId, { need, writable: true, lock: true });
  checkVersion(found, input.version);
  if (!nextStatusAllowed(found.review.status, to)) refuseTransition(found.review.status, to);
  return found;
}

/** The audit entry of a move: the status before, and after it the new status (and what else the move set). */
function auditMove(
  db: Database,
  actor: Actor,
  review: FoundReview["review"],
  action: "review.shared" | "review.acknowledged" | "review.closed",
  after: { status: ReviewStatus; score?: number },
) {
  return auditAs(db, actor, {
    action,
    entityType: "review",
    entityId: review.id,
    before: { status: review.status },
    after,
  });
}

/** A move others should know of: its webhook event, and a notification (in the app and by mail) to one person. */
async function announceMove(
  db: Database,
  actor: Actor,
  review: FoundReview["review"],
  move: { event: "review.shared" | "review.acknowledged"; to: string; text: string; subject: string },
) {
  await emitWebhookEvent(db, actor.orgId, {
    event: move.event,
    data: { reviewId: review.id, subjectId: review.subjectId },
  });
  await notify(db, {
    orgId: actor.orgId,
    userIds: [move.to],
    kind: move.event,
    entity: { type: "review", id: review.id },
    payload: { text: move.text, path: `/reviews/${review.id}` },
    email: { subject: move.subject, orgSlug: await orgSlug(db, actor.orgId) },
  });
}

/** Freezes the snapshot as data, stores its score, tells the rep. */
export async function shareReview(db: Database, actor: Actor, input: { reviewId: string; version: number }) {
  const found = await reviewToMove(db, actor, input, "shared", "manage");
  const { review } = found;
  const snapshot = await snapshotNow(db, actor, found);
  if (!snapshot) notFound("strategyId", "Strategy not found.");
  const result = await bump(db, actor, review.id, {
    status: "shared",
    snapshot,
    score: snapshot.alignment.score,
    sharedAt: sql`now()`,
  });
  await auditMove(db, actor, review, "review.shared", { status: "shared", score: snapshot.alignment.score });
  await announceMove(db, actor, review, {
    event: "review.shared",
    to: review.subjectId,
    text: "Your alignment review is ready to read",
    subject: "Your alignment review is ready",
  });
  return result;
}

export async function acknowledgeReview(db: Database, actor: Actor, input: { reviewId: string; version: number }) {
  const { review } = await reviewToMove(db, actor, input, "acknowledged", "respond");
  const result = await bump(db, actor, review.id, { status: "acknowledged", acknowledgedAt: sql`now()` });
  await auditMove(db, actor, review, "review.acknowledged", { status: "acknowledged" });
  const text = `${review.subjectName} acknowledged their review`;
  await announceMove(db, actor, review, { event: "review.acknowledged", to: review.reviewerId, text, subject: text });
  return result;
}

export async function closeReview(db: Database, actor: Actor, input: { reviewId: string; version: number }) {
  const { review } = await reviewToMove(db, actor, input, "closed", "manage");
  const result = await bump(db, actor, review.id, { status: "closed", closedAt: sql`now()` });
  await auditMove(db, actor, review, "review.closed", { status: "closed" });
  return result;
}

/** Admins: how many days without a review make a rep overdue. */
export async function setOverdueDays(db: Database, actor: Actor, days: number) {
  const [before] = await db
    .select({ days: organizations.reviewOverdueDays })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  await db.update(organizations).set({ reviewOverdueDays: days }).where(eq(organizations.id, actor.orgId));
  await auditAs(db, actor, {
    action: "organization.review_interval_changed",
    entityType: "organization",
    entityId: actor.orgId,
    before: { reviewOverdueDays: before?.days ?? null },
    after: { reviewOverdueDays: days },
  });
  return { days };
}
