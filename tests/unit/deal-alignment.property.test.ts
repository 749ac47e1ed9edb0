/** Properties of the deal alignment score (fast-check); the worked examples are in deal-alignment.test.ts. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUYING_ROLES,
  DEAL_FLAGS,
  DEAL_STAGES,
  GOAL_CATEGORIES,
  pickStrategy,
  PROBLEM_FITS,
  scoreDeal,
  STANCES,
  type DealScoreInput,
} from "@/server/domain/deal-alignment";

const stakeholderArb = fc.record({
  name: fc.string({ maxLength: 8 }),
  buyingRole: fc.constantFrom(...BUYING_ROLES),
  influence: fc.integer({ min: 1, max: 5 }),
  stance: fc.constantFrom(...STANCES),
  personalWin: fc.constantFrom("", "  ", "A promotion"),
  howWeServeIt: fc.constantFrom("", "A plan"),
});

const inputArb: fc.Arbitrary<DealScoreInput> = fc
  .record({
    stage: fc.constantFrom(...DEAL_STAGES),
    problemFit: fc.constantFrom(...PROBLEM_FITS),
    stakeholders: fc.array(stakeholderArb, { maxLength: 8 }),
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }),
    matched: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    hasStrategy: fc.boolean(),
    goals: fc.array(
      fc.record({
        category: fc.constantFrom(...GOAL_CATEGORIES),
        importance: fc.integer({ min: 1, max: 3 }),
        linked: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ stage, problemFit, stakeholders, weights, matched, hasStrategy, goals }) => {
    const objectives = weights.map((weight, i) => ({ id: `o${i}`, title: `Objective ${i}`, weight }));
    return {
      stage,
      problemFit,
      stakeholders,
      strategy: hasStrategy ? { id: "s", name: "S", objectives } : null,
      matchedObjectiveIds: objectives.filter((_, i) => matched[i]).map((o) => o.id),
      ownerGoals: goals.map((g, i) => ({ ...g, id: `g${i}`, title: `Goal ${i}` })),
    };
  });

describe("deal alignment: properties", () => {
  it("bounded: the score is an integer 0–100 and every component is within [0, 1]", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal(input);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const value of Object.values(result.components)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("monotone: capturing (or serving) a stakeholder's personal win never lowers the score", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.constantFrom("capture", "serve", "both"), (input, pick, how) => {
        fc.pre(input.stakeholders.length > 0);
        const i = pick % input.stakeholders.length;
        const changed = input.stakeholders.map((s, k) =>
          k !== i
            ? s
            : {
                ...s,
                personalWin: how === "serve" ? s.personalWin : "Recognition for the rollout",
                howWeServeIt: how === "capture" ? s.howWeServeIt : "Co-present the results",
              },
        );
        const before = scoreDeal(input);
        const after = scoreDeal({ ...input, stakeholders: changed });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.components.customer).toBeGreaterThanOrEqual(before.components.customer);
      }),
      { numRuns: 500 },
    );
  });

  it("no problem we can solve: score 0 and DISQUALIFY, whatever else is true", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal({ ...input, problemFit: "no" });
        expect(result.score).toBe(0);
        expect(result.flags[0]).toBe("DISQUALIFY");
      }),
      { numRuns: 300 },
    );
  });

  it("DISQUALIFY only when the customer has no problem we can solve", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(scoreDeal(input).flags.includes("DISQUALIFY")).toBe(input.problemFit === "no");
      }),
    );
  });

  it("a better problem fit never lowers the score (no < unknown < partly < yes)", () => {
    const order = ["no", "unknown", "partly", "yes"] as const;
    fc.assert(
      fc.property(inputArb, (input) => {
        const scores = order.map((problemFit) => scoreDeal({ ...input, problemFit }).score);
        for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThanOrEqual(scores[i - 1]!);
      }),
    );
  });

  it("matching one more objective or advancing one more goal never lowers the score", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, pick) => {
        const before = scoreDeal(input).score;
        const objectives = input.strategy?.objectives ?? [];
        if (objectives.length > 0) {
          const extra = objectives[pick % objectives.length]!.id;
          expect(
            scoreDeal({ ...input, matchedObjectiveIds: [...input.matchedObjectiveIds, extra] }).score,
          ).toBeGreaterThanOrEqual(before);
        }
        if (input.ownerGoals.length > 0) {
          const k = pick % input.ownerGoals.length;
          const goals = input.ownerGoals.map((g, i) => (i === k ? { ...g, linked: true } : g));
          expect(scoreDeal({ ...input, ownerGoals: goals }).score).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it("flags agree with the components", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal(input);
        expect(result.flags.includes("OUTSIDE_STRATEGY")).toBe(result.components.company === 0);
        expect(result.flags.includes("NOT_IN_REP_GOALS")).toBe(result.components.rep === 0);
        expect(result.flags.includes("NO_ECONOMIC_BUYER")).toBe(
          !input.stakeholders.some((s) => s.buyingRole === "economic_buyer"),
        );
        expect(result.flags.includes("NO_CHAMPION")).toBe(!input.stakeholders.some((s) => s.buyingRole === "champion"));
        // Flags come in the documented order.
        expect(result.flags).toEqual(DEAL_FLAGS.filter((flag) => result.flags.includes(flag)));
      }),
    );
  });

  it("pickStrategy returns an active strategy whenever there is one", () => {
    const day = fc
      .integer({ min: 0, max: 1500 })
      .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const strategyArb = fc
      .record({
        id: fc.uuid(),
        status: fc.constantFrom("draft" as const, "active" as const, "archived" as const),
        a: day,
        b: day,
      })
      .map(({ id, status, a, b }) => ({ id, status, startsOn: a < b ? a : b, endsOn: a < b ? b : a }));
    fc.assert(
      fc.property(
        fc.array(strategyArb, { maxLength: 6 }),
        fc.option(day, { nil: null }),
        day,
        (list, closeDate, today) => {
          const picked = pickStrategy(list, closeDate, today);
          expect(picked === null).toBe(!list.some((s) => s.status === "active"));
          if (
            picked &&
            closeDate &&
            list.some((s) => s.status === "active" && s.startsOn <= closeDate && closeDate <= s.endsOn)
          ) {
            expect(picked.startsOn <= closeDate && closeDate <= picked.endsOn).toBe(true);
          }
        },
      ),
    );
  });
});
