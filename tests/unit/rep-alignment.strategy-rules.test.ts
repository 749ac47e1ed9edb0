import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activationProblem,
  currentStrategyId,
  periodsOverlap,
  todayUtc,
  weightTotal,
  type StrategyRef,
} from "@/server/domain/strategy-rules";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe("strategy rules", () => {
  it("periods overlap when they share at least one day (inclusive ends)", () => {
    expect(
      periodsOverlap(
        { startsOn: "2026-01-01", endsOn: "2026-06-30" },
        { startsOn: "2026-06-30", endsOn: "2026-12-31" },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { startsOn: "2026-01-01", endsOn: "2026-06-30" },
        { startsOn: "2026-07-01", endsOn: "2026-12-31" },
      ),
    ).toBe(false);
    expect(
      periodsOverlap(
        { startsOn: "2026-03-01", endsOn: "2026-03-01" },
        { startsOn: "2026-01-01", endsOn: "2026-12-31" },
      ),
    ).toBe(true);
  });

  it("property: overlap is symmetric and agrees with a day-by-day check", () => {
    const period = fc
      .tuple(fc.nat({ max: 60 }), fc.nat({ max: 30 }))
      .map(([start, length]) => ({ from: start, to: start + length }));
    fc.assert(
      fc.property(period, period, (a, b) => {
        const pa = { startsOn: day(a.from), endsOn: day(a.to) };
        const pb = { startsOn: day(b.from), endsOn: day(b.to) };
        let shared = false;
        for (let d = a.from; d <= a.to; d++) if (d >= b.from && d <= b.to) shared = true;
        expect(periodsOverlap(pa, pb)).toBe(shared);
        expect(periodsOverlap(pb, pa)).toBe(shared);
      }),
    );
  });

  it("activation needs objectives whose weights add up to exactly 100", () => {
    expect(activationProblem([])).toBe("Add at least one objective.");
    expect(activationProblem([{ weight: 40 }, { weight: 45 }])).toBe(
      "The weights add up to 85; they must add up to exactly 100.",
    );
    expect(activationProblem([{ weight: 60 }, { weight: 50 }])).toMatch(/add up to 110/);
    expect(activationProblem([{ weight: 40 }, { weight: 25 }, { weight: 20 }, { weight: 15 }])).toBeNull();
    expect(weightTotal([{ weight: 1 }, { weight: 2 }])).toBe(3);
  });

  describe("the current strategy", () => {
    const s = (id: string, status: StrategyRef["status"], startsOn: string, endsOn: string): StrategyRef => ({
      id,
      status,
      startsOn,
      endsOn,
    });
    const h1 = s("h1", "archived", "2026-01-01", "2026-06-30");
    const h2 = s("h2", "active", "2026-07-01", "2026-12-31");
    const next = s("next", "active", "2027-01-01", "2027-06-30");
    const draft = s("draft", "draft", "2026-11-01", "2027-03-31");

    it("is the active strategy running today", () => {
      expect(currentStrategyId([h1, h2, next, draft], "2026-11-26")).toBe("h2");
      expect(currentStrategyId([h1, h2, next, draft], "2027-02-01")).toBe("next");
    });
    it("else the next active one to start, else the last active one, else the newest archived one", () => {
      expect(currentStrategyId([h1, next], "2026-11-26")).toBe("next");
      expect(currentStrategyId([h1, h2], "2027-05-01")).toBe("h2");
      expect(currentStrategyId([h1, draft], "2026-11-26")).toBe("h1");
      expect(currentStrategyId([draft], "2026-11-26")).toBeNull();
      expect(currentStrategyId([], "2026-11-26")).toBeNull();
    });
  });

  it("today is the UTC calendar date", () => {
    expect(todayUtc(new Date("2026-11-26T23:59:59Z"))).toBe("2026-11-26");
  });
});
