/**
 * Who may do what with a review (the record rules; the role gate is server/authz/permissions.ts). Pure.
 *
 * - The rep's managers — the managers of a team the rep sits in or of any team above it — and admins start,
 *   read (drafts included) and write the rep's reviews. Nobody manages their own review.
 * - The rep (the review's subject) reads their own reviews once shared, adds notes, acknowledges, and marks
 *   the actions they own done.
 * - Anyone else gets NOT_FOUND: the review's existence is not revealed.
 * - A closed review is read-only for everyone.
 */
import { teamsWithDescendants, type TeamNode } from "@/server/authz/team-tree";
import type { Role } from "@/server/authz/permissions";

export const REVIEW_STATUSES = ["draft", "shared", "acknowledged", "closed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewActor {
  userId: string;
  role: Role;
  /** The actor's seats (teams, and whether they manage them). */
  seats: readonly { teamId: string; isManager: boolean }[];
}

/** Whether the actor is one of the subject's managers (or an admin). `subjectTeamIds`: every team the subject sits in. */
export function managesSubject(
  actor: ReviewActor,
  subject: { userId: string; teamIds: readonly string[] },
  tree: readonly TeamNode[],
): boolean {
  if (actor.userId === subject.userId) return false;
  if (actor.role === "admin") return true;
  if (actor.role !== "manager") return false;
  const managed = teamsWithDescendants(
    tree,
    actor.seats.filter((seat) => seat.isManager).map((seat) => seat.teamId),
  );
  // A manager's own seat in a sub-team they manage does not make them their own reviewer (excluded above).
  return subject.teamIds.some((teamId) => managed.has(teamId));
}

export type ReviewRelation = "manager" | "subject" | "none";

/** What the actor may see of the review: everything (manager), the rep's view (subject), or nothing. */
export function readerRelation(relation: ReviewRelation, status: ReviewStatus): ReviewRelation {
  if (relation === "subject" && status === "draft") return "none";
  return relation;
}

/** What each relation may do with a review it can see, as data; reading follows `readerRelation`. */
export const REVIEW_ACTIONS = {
  /** Write notes and actions, share, close. */
  manage: { relations: ["manager"], refusal: "Only the rep's managers can change this review." },
  /** Acknowledge and answer a shared review. */
  respond: { relations: ["subject"], refusal: "Only the reviewed rep can do this." },
} as const satisfies Record<string, { relations: readonly ReviewRelation[]; refusal: string }>;

export type ReviewAction = keyof typeof REVIEW_ACTIONS;

export function reviewAllows(relation: ReviewRelation, action: ReviewAction): boolean {
  return (REVIEW_ACTIONS[action].relations as readonly ReviewRelation[]).includes(relation);
}

export const CLOSED_MESSAGE = "This review is closed: it is read-only.";

/** The transitions: draft → shared → acknowledged → closed (shared may be closed without acknowledgement). */
export function nextStatusAllowed(from: ReviewStatus, to: ReviewStatus): boolean {
  if (to === "shared") return from === "draft";
  if (to === "acknowledged") return from === "shared";
  if (to === "closed") return from === "shared" || from === "acknowledged";
  return false;
}
