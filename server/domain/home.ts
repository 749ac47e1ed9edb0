/** Pure rules of the home page (issue 13, docs/home.md). */

export type ReviewDueState = "never" | "overdue" | "due" | "ok";

/** Days before a review falls due when the home starts showing it as due. */
export const REVIEW_DUE_WINDOW_DAYS = 14;

function addDays(date: string, days: number): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * When a rep's next review is due: `overdueDays` after the last shared one (the review board's rule). "never" when
 * no review was ever shared (due now), "overdue" once the date passed, "due" within REVIEW_DUE_WINDOW_DAYS.
 */
export function reviewDue(
  lastSharedAt: string | null,
  overdueDays: number,
  today: string,
): { state: ReviewDueState; dueOn: string | null } {
  if (!lastSharedAt) return { state: "never", dueOn: null };
  const dueOn = addDays(lastSharedAt, overdueDays);
  if (dueOn < today) return { state: "overdue", dueOn };
  if (dueOn <= addDays(today, REVIEW_DUE_WINDOW_DAYS)) return { state: "due", dueOn };
  return { state: "ok", dueOn };
}

/** A score's change since the last review (null without a reviewed score). */
export function scoreChange(score: number, lastReviewScore: number | null): number | null {
  return lastReviewScore === null ? null : score - lastReviewScore;
}

/** Quota attainment 0–∞ as a whole percentage (null without a positive target). */
export function attainment(current: string, target: string | null): number | null {
  const goal = target === null ? 0 : Number(target);
  if (!(goal > 0)) return null;
  return Math.round((Number(current) / goal) * 100);
}
