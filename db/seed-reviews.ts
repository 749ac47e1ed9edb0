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
import { loadStrategy, type StrategyDetail } from "../server/services/strategies";
import { buildSnapshot } from "../server/services/reviews-snapshot";
import type { Database } from "./client";
import * as s from "./schema";

const PEOPLE = { maria: "maria@acme.test", riley: "rep@acme.test", priya: "priya@acme.test" } as const;

interface Person {
  id: string;
  name: string;
}

interface DemoAction {
  text: string;
  owner: Person;
  ownerRole: "rep" | "manager";
  dueOn: string;
  doneAt?: string;
}

interface DemoReview {
  subject: Person;
  strategy: StrategyDetail;
  createdAt: string;
  sharedAt: Date;
  /** How much lower the score was when it was shared than today's data make it (no history to take it from). */
  scoreDrop?: number;
  /** Where the review stands now: status, notes, later dates, version. */
  outcome: Omit<typeof s.reviews.$inferInsert, "orgId" | "id" | "subjectId" | "reviewerId" | "strategyId">;
  actions: DemoAction[];
}

/**
 * A review by `reviewer` (a manager) that was shared: inserted as a draft, its snapshot taken as of `sharedAt` by
 * the code that shares reviews, then brought to its outcome, with its actions.
 */
async function seedSharedReview(tx: Database, orgId: string, reviewer: Person, review: DemoReview) {
  const id = crypto.randomUUID();
  await tx.insert(s.reviews).values({
    orgId,
    id,
    subjectId: review.subject.id,
    reviewerId: reviewer.id,
    strategyId: review.strategy.id,
    status: "draft",
    createdAt: new Date(review.createdAt),
  });
  const snapshot = await buildSnapshot(tx, {
    orgId,
    reviewId: id,
    strategy: review.strategy,
    subject: { id: review.subject.id, name: review.subject.name },
    reader: { userId: reviewer.id, role: "manager" },
    now: review.sharedAt,
  });
  const score = Math.max(0, snapshot.alignment.score - (review.scoreDrop ?? 0));
  snapshot.alignment.score = score;
  await tx
    .update(s.reviews)
    .set({ ...review.outcome, snapshot, score, sharedAt: review.sharedAt })
    .where(and(eq(s.reviews.orgId, orgId), eq(s.reviews.id, id)));
  await tx.insert(s.reviewActions).values(
    review.actions.map((action) => ({
      orgId,
      id: crypto.randomUUID(),
      reviewId: id,
      text: action.text,
      ownerId: action.owner.id,
      ownerRole: action.ownerRole,
      dueOn: action.dueOn,
      ...(action.doneAt && { done: true, doneAt: new Date(action.doneAt) }),
    })),
  );
  return { id, score, sharedAt: review.sharedAt };
}

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

  const closed = await seedSharedReview(tx, orgId, maria, {
    subject: riley,
    strategy: archived,
    createdAt: "2026-06-10T09:00:00Z",
    sharedAt: new Date("2026-06-12T14:00:00Z"),
    scoreDrop: 14,
    outcome: {
      status: "closed",
      managerNotes: "First half: strong activity, but most of the pipeline sat outside the H1 objectives.",
      repNotes: "Agreed — I will move my prospecting towards manufacturing accounts.",
      acknowledgedAt: new Date("2026-06-13T08:30:00Z"),
      closedAt: new Date("2026-06-20T16:00:00Z"),
      version: 4,
    },
    actions: [
      {
        text: "Move three prospecting accounts to enterprise manufacturing",
        owner: riley,
        ownerRole: "rep",
        dueOn: "2026-07-31",
        doneAt: "2026-07-28T10:00:00Z",
      },
      { text: "Write a promotion goal with a linked objective", owner: riley, ownerRole: "rep", dueOn: "2026-09-30" },
    ],
  });
  const shared = await seedSharedReview(tx, orgId, maria, {
    subject: riley,
    strategy: active,
    createdAt: "2026-11-18T10:00:00Z",
    sharedAt: new Date("2026-11-20T15:00:00Z"),
    outcome: {
      status: "shared",
      managerNotes:
        "Strong focus on enterprise manufacturing — Granite Peak is the deal of the half. The EMEA goal has no pipeline behind it yet, and the Fleet Analytics expansion at Granite Peak is still only partly qualified.",
      sectionNotes: { pipeline: "Healthcare is a fifth of the strategy and none of the pipeline." },
      version: 3,
    },
    actions: [
      {
        text: "Qualify two EMEA accounts from the Rotterdam lead list",
        owner: riley,
        ownerRole: "rep",
        dueOn: "2026-12-15",
      },
      {
        text: "Join the Granite Peak CFO meeting as executive sponsor",
        owner: maria,
        ownerRole: "manager",
        dueOn: "2026-12-04",
      },
    ],
  });

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
      event("review.started", closed.id, "2026-06-10T09:00:00Z", { subjectName: riley.name, strategy: archived.name }),
      event(
        "review.shared",
        closed.id,
        closed.sharedAt.toISOString(),
        { status: "shared", score: closed.score },
        { status: "draft" },
      ),
      event("review.acknowledged", closed.id, "2026-06-13T08:30:00Z", { status: "acknowledged" }, { status: "shared" }),
      event("review.closed", closed.id, "2026-06-20T16:00:00Z", { status: "closed" }, { status: "acknowledged" }),
      event("review.started", shared.id, "2026-11-18T10:00:00Z", { subjectName: riley.name, strategy: active.name }),
      event(
        "review.shared",
        shared.id,
        shared.sharedAt.toISOString(),
        { status: "shared", score: shared.score },
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
    entityId: shared.id,
    payload: { text: "Your alignment review is ready to read", path: `/reviews/${shared.id}` },
    createdAt: shared.sharedAt,
  });
}
