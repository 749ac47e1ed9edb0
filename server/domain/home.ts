/** Pure rules of the home page (issue 13, docs/home.md). */
import { addDays } from "./dates";

export type ReviewDueState = "never" | "overdue" | "due" | "ok";

/** Days before a review falls due when the home starts showing it as due. */
export const REVIEW_DUE_WINDOW_DAYS = 14;

/**
 * When a rep's next review is due: `overdueDays` after the last shared one (the review board's rule). "never" when
 * no review was ever shared (due now), "overdue" once the date passed, "due" within REVIEW_DUE_WINDOW_DAYS.
 */
export function reviewDue(
  lastSharedAt: string | null,
  overdueDays: number,
  today: string,
): { state: ReviewDueState; dueOn: string | null } {
  return reviewDueRule(overdueDays, today)(lastSharedAt);
}

/**
 * reviewDue for many reps at once (a team's home: 5,000 on the admin's): the window's end computed once, the due
 * date once per day of the last shared reviews (addDays reads only a timestamp's day).
 */
export function reviewDueRule(
  overdueDays: number,
  today: string,
): (lastSharedAt: string | null) => { state: ReviewDueState; dueOn: string | null } {
  const windowEnd = addDays(today, REVIEW_DUE_WINDOW_DAYS);
  const dueOnByDay = new Map<string, string>();
  return (lastSharedAt) => {
    if (!lastSharedAt) return { state: "never", dueOn: null };
    const day = lastSharedAt.slice(0, 10);
    let dueOn = dueOnByDay.get(day);
    if (dueOn === undefined) {
      dueOn = addDays(day, overdueDays);
      dueOnByDay.set(day, dueOn);
    }
    if (dueOn < today) return { state: "overdue", dueOn };
    if (dueOn <= windowEnd) return { state: "due", dueOn };
    return { state: "ok", dueOn };
  };
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

/**
 * How many reps the team view sends at most (docs/home.md): a team of 5,000 reps must not make a page of 5,000
 * heat-map rows. Up to this many, every rep; beyond, the most and the least aligned halves (`keepEnds`).
 */
export const HOME_TEAM_ROWS = 20;
/** How many reps the "reviews due or overdue" list sends at most, the most urgent first. */
export const HOME_REVIEWS_DUE_ROWS = 10;

/** How many of the first (`head`) and the last (`tail`) of a ranked list keepEnds keeps. */
export function homeEnds(limit: number): { head: number; tail: number } {
  const head = Math.ceil(limit / 2);
  return { head, tail: limit - head };
}

/** The first and the last `limit / 2` of a ranked list (all of it when it is no longer than `limit`). */
export function keepEnds<T>(ranked: readonly T[], limit: number): T[] {
  if (ranked.length <= limit) return [...ranked];
  const { head, tail } = homeEnds(limit);
  return [...ranked.slice(0, head), ...ranked.slice(ranked.length - tail)];
}

/** String.prototype.localeCompare's order (the default locale's collator), without building it per call. */
export const byName = new Intl.Collator().compare;

/** The order of the review states, the most urgent first (server/services/home-team.ts computes it in SQL too). */
export const URGENCY: Record<ReviewDueState, number> = { overdue: 0, never: 1, due: 2, ok: 3 };

/** Reps whose review is due, overdue or was never held: overdue first (the longest overdue first), then never, then due. */
export function reviewsDueFirst<T extends { name: string; review: { state: ReviewDueState; dueOn: string | null } }>(
  reps: readonly T[],
): T[] {
  return reps
    .filter((rep) => rep.review.state !== "ok")
    .sort(
      (a, b) =>
        URGENCY[a.review.state] - URGENCY[b.review.state] ||
        (a.review.dueOn ?? "").localeCompare(b.review.dueOn ?? "") ||
        byName(a.name, b.name),
    );
}
