import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attainment,
  byName,
  keepEnds,
  REVIEW_DUE_WINDOW_DAYS,
  reviewDue,
  reviewDueRule,
  reviewsDueFirst,
  scoreChange,
  type ReviewDueState,
} from "@/server/domain/home";

describe("home rules", () => {
  it("a review is due overdueDays after the last shared one: never, overdue, due within the window, or ok", () => {
    expect(reviewDue(null, 90, "2026-11-30")).toEqual({ state: "never", dueOn: null });
    expect(reviewDue("2026-08-01 10:00:00+00", 90, "2026-11-30")).toEqual({ state: "overdue", dueOn: "2026-10-30" });
    expect(reviewDue("2026-09-10T00:00:00Z", 90, "2026-11-30")).toEqual({ state: "due", dueOn: "2026-12-09" });
    expect(reviewDue("2026-11-01", 90, "2026-11-30")).toEqual({ state: "ok", dueOn: "2027-01-30" });
  });

  it("the state follows the due date for any date and cadence", () => {
    const day = fc
      .integer({ min: 0, max: 3000 })
      .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 365 }), (shared, today, days) => {
        const { state, dueOn } = reviewDue(shared, days, today);
        expect(dueOn! > shared).toBe(true);
        const window = new Date(`${today}T00:00:00Z`);
        window.setUTCDate(window.getUTCDate() + REVIEW_DUE_WINDOW_DAYS);
        const expected = dueOn! < today ? "overdue" : dueOn! <= window.toISOString().slice(0, 10) ? "due" : "ok";
        expect(state).toBe(expected);
      }),
    );
  });

  it("one rule for many reps answers what reviewDue answers for each, timestamps of a day included", () => {
    const shared = fc.oneof(
      fc.constant(null),
      fc
        .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 23 }))
        .map(([n, h]) => `${new Date(Date.UTC(2025, 0, 1 + n, h)).toISOString().slice(0, 13)}:00:00+00`),
    );
    fc.assert(
      fc.property(fc.array(shared, { maxLength: 40 }), fc.integer({ min: 1, max: 365 }), (reviews, days) => {
        const rule = reviewDueRule(days, "2025-08-01");
        for (const last of reviews) expect(rule(last)).toEqual(reviewDue(last, days, "2025-08-01"));
      }),
    );
  });

  it("byName orders names as localeCompare does", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), (names) => {
        expect([...names].sort(byName)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      }),
    );
  });

  it("change since the last review and quota attainment", () => {
    expect(scoreChange(64, 58)).toBe(6);
    expect(scoreChange(64, null)).toBeNull();
    expect(attainment("25000.00", "100000.00")).toBe(25);
    expect(attainment("150", "100")).toBe(150);
    expect(attainment("10", null)).toBeNull();
    expect(attainment("10", "0")).toBeNull();
  });
});

describe("the team view's rows", () => {
  it("keeps every rep up to the limit, beyond it the most and the least aligned in rank order", () => {
    expect(keepEnds([1, 2, 3], 4)).toEqual([1, 2, 3]);
    expect(keepEnds([1, 2, 3, 4, 5, 6, 7], 4)).toEqual([1, 2, 6, 7]);
    expect(keepEnds([1, 2, 3, 4, 5, 6], 5)).toEqual([1, 2, 3, 5, 6]);
  });

  it("keepEnds returns min(n, limit) items: a prefix and a suffix of the list, nothing twice", () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 30 }), (n, limit) => {
        const ranked = Array.from({ length: n }, (_, i) => i);
        const kept = keepEnds(ranked, limit);
        expect(kept).toHaveLength(Math.min(n, limit));
        expect(new Set(kept).size).toBe(kept.length);
        const head = kept.filter((value, i) => value === i).length;
        expect(kept.slice(head)).toEqual(ranked.slice(n - (kept.length - head)));
      }),
    );
  });

  it("reviews due: overdue first (longest overdue first), then never held, then due soon; up to date left out", () => {
    const rep = (name: string, state: ReviewDueState, dueOn: string | null) => ({ name, review: { state, dueOn } });
    const sorted = reviewsDueFirst([
      rep("Ann", "due", "2026-12-10"),
      rep("Bob", "ok", "2027-02-01"),
      rep("Cy", "never", null),
      rep("Di", "overdue", "2026-11-20"),
      rep("Ed", "overdue", "2026-10-01"),
      rep("Al", "never", null),
    ]);
    expect(sorted.map((r) => r.name)).toEqual(["Ed", "Di", "Al", "Cy", "Ann"]);
  });
});
