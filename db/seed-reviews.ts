/**
 * Demo reviews (issue 11), seeded after the rest of the demo organization so that their snapshots are assembled
 * from its data by the same code that shares a review (server/services/reviews-snapshot.ts):
 * - Riley: a closed review of the first half (FY2026 H1), with one action done and one still open;
 * - Riley: a shared review of the second half, with two actions; the closed one's open action shows in it;
 * - Priya: a draft Maria is preparing (a draft's figures are assembled on each read, nothing stored).
 * The closed review's snapshot is taken from today's data and dated back (there is no history to take it from),
 * with the score it had then, so that Riley's trend has two points.
 */
import { and, eq, inArray } from "drizzle-orm";
import { loadStrategy } from "../server/services/alignment";
import { buildSnapshot } from "../server/services/reviews-snapshot";
import type { Database } from "./client";
import * as s from "./schema";

const PEOPLE = { maria: "maria@acme.test", riley: "rep@acme.test", priya: "priya@acme.test" } as const;

export async function seedReviews(tx: Database, orgId: string): Promise<void> {
  const people = await tx
    .select({ id: s.users.id, email: s.users.email, name: s.users.name })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.orgId, orgId), inArray(s.users.email, Object.values(PEOPLE))));
  const person = (key: keyof typeof PEOPLE) => {
    const found = people.find((p) => p.email === PEOPLE[key]);
    if (!found) throw new Error(`seed-reviews: no demo person ${key}`);
    return found;
  };
  const strategies = await tx
    .select({ id: s.strategies.id, status: s.strategies.status })
    .from(s.strategies)
    .where(eq(s.strategies.orgId, orgId));
  const strategyOf = async (status: "active" | "archived") => {
    const found = strategies.find((st) => st.status === status);
    const detail = found && (await loadStrategy(tx, orgId, found.id));
    if (!detail) throw new Error(`seed-reviews: no ${status} strategy`);
    return detail;
  };
  const [maria, riley, priya] = [person("maria"), person("riley"), person("priya")];
  const [archived, active] = [await strategyOf("archived"), await strategyOf("active")];
  const reader = { userId: maria.id, role: "manager" as const };

  // The closed H1 review.
  const closedId = crypto.randomUUID();
  const closedSharedAt = new Date("2026-06-12T14:00:00Z");
  await tx.insert(s.reviews).values({
    orgId,
    id: closedId,
    subjectId: riley.id,
    reviewerId: maria.id,
    strategyId: archived.id,
    status: "draft",
    createdAt: new Date("2026-06-10T09:00:00Z"),
  });
  const closedSnapshot = await buildSnapshot(tx, {
    orgId,
    reviewId: closedId,
    strategy: archived,
    subject: { id: riley.id, name: riley.name },
    reader,
    now: closedSharedAt,
  });
  const closedScore = Math.max(0, closedSnapshot.alignment.score - 14);
  closedSnapshot.alignment.score = closedScore;
  await tx
    .update(s.reviews)
    .set({
      status: "closed",
      snapshot: closedSnapshot,
      score: closedScore,
      managerNotes: "First half: strong activity, but most of the pipeline sat outside the H1 objectives.",
      repNotes: "Agreed — I will move my prospecting towards manufacturing accounts.",
      sharedAt: closedSharedAt,
      acknowledgedAt: new Date("2026-06-13T08:30:00Z"),
      closedAt: new Date("2026-06-20T16:00:00Z"),
      version: 4,
    })
    .where(and(eq(s.reviews.orgId, orgId), eq(s.reviews.id, closedId)));
  await tx.insert(s.reviewActions).values([
    {
      orgId,
      id: crypto.randomUUID(),
      reviewId: closedId,
      text: "Move three prospecting accounts to enterprise manufacturing",
      ownerId: riley.id,
      ownerRole: "rep",
      dueOn: "2026-07-31",
      done: true,
      doneAt: new Date("2026-07-28T10:00:00Z"),
    },
    {
      orgId,
      id: crypto.randomUUID(),
      reviewId: closedId,
      text: "Write a promotion goal with a linked objective",
      ownerId: riley.id,
      ownerRole: "rep",
      dueOn: "2026-09-30",
    },
  ]);

  // The shared H2 review.
  const sharedId = crypto.randomUUID();
  const sharedAt = new Date("2026-11-20T15:00:00Z");
  await tx.insert(s.reviews).values({
    orgId,
    id: sharedId,
    subjectId: riley.id,
    reviewerId: maria.id,
    strategyId: active.id,
    createdAt: new Date("2026-11-18T10:00:00Z"),
  });
  const sharedSnapshot = await buildSnapshot(tx, {
    orgId,
    reviewId: sharedId,
    strategy: active,
    subject: { id: riley.id, name: riley.name },
    reader,
    now: sharedAt,
  });
  await tx
    .update(s.reviews)
    .set({
      status: "shared",
      snapshot: sharedSnapshot,
      score: sharedSnapshot.alignment.score,
      managerNotes:
        "Strong focus on enterprise manufacturing — Granite Peak is the deal of the half. The EMEA goal has no pipeline behind it yet, and the Fleet Analytics expansion at Granite Peak is still only partly qualified.",
      sectionNotes: { pipeline: "Healthcare is a fifth of the strategy and none of the pipeline." },
      sharedAt,
      version: 3,
    })
    .where(and(eq(s.reviews.orgId, orgId), eq(s.reviews.id, sharedId)));
  await tx.insert(s.reviewActions).values([
    {
      orgId,
      id: crypto.randomUUID(),
      reviewId: sharedId,
      text: "Qualify two EMEA accounts from the Rotterdam lead list",
      ownerId: riley.id,
      ownerRole: "rep",
      dueOn: "2026-12-15",
    },
    {
      orgId,
      id: crypto.randomUUID(),
      reviewId: sharedId,
      text: "Join the Granite Peak CFO meeting as executive sponsor",
      ownerId: maria.id,
      ownerRole: "manager",
      dueOn: "2026-12-04",
    },
  ]);

  // Priya's draft.
  const draftId = crypto.randomUUID();
  await tx.insert(s.reviews).values({
    orgId,
    id: draftId,
    subjectId: priya.id,
    reviewerId: maria.id,
    strategyId: active.id,
    managerNotes: "Draft: talk about the two stalled proposals first.",
    createdAt: new Date("2026-11-27T09:00:00Z"),
  });

  const event = (action: string, entityId: string, at: string, after: unknown, before: unknown = null) => ({
    orgId,
    id: crypto.randomUUID(),
    actorId: action === "review.acknowledged" ? riley.id : maria.id,
    action,
    entityType: "review",
    entityId,
    before,
    after,
    at: new Date(at),
  });
  await tx
    .insert(s.auditEvents)
    .values([
      event("review.started", closedId, "2026-06-10T09:00:00Z", { subjectName: riley.name, strategy: archived.name }),
      event(
        "review.shared",
        closedId,
        closedSharedAt.toISOString(),
        { status: "shared", score: closedScore },
        { status: "draft" },
      ),
      event("review.acknowledged", closedId, "2026-06-13T08:30:00Z", { status: "acknowledged" }, { status: "shared" }),
      event("review.closed", closedId, "2026-06-20T16:00:00Z", { status: "closed" }, { status: "acknowledged" }),
      event("review.started", sharedId, "2026-11-18T10:00:00Z", { subjectName: riley.name, strategy: active.name }),
      event(
        "review.shared",
        sharedId,
        sharedAt.toISOString(),
        { status: "shared", score: sharedSnapshot.alignment.score },
        { status: "draft" },
      ),
      event("review.started", draftId, "2026-11-27T09:00:00Z", { subjectName: priya.name, strategy: active.name }),
    ]);
  await tx.insert(s.notifications).values({
    orgId,
    id: crypto.randomUUID(),
    userId: riley.id,
    kind: "review.shared",
    entityType: "review",
    entityId: sharedId,
    payload: { text: "Your alignment review is ready to read", path: `/reviews/${sharedId}` },
    createdAt: sharedAt,
  });
}
