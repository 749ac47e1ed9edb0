/** Property tests of the rep ↔ strategy score (DESIGN.md "The alignment model": bounded, monotone, exact). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  GOAL_CATEGORIES,
  scoreRepAlignment,
  type AlignmentGoal,
  type AlignmentObjective,
  type AlignmentPipeline,
} from "@/server/domain/rep-alignment";

/** 1–8 objectives whose integer weights sum to 100 (as every activatable strategy's do). */
const objectivesArb: fc.Arbitrary<AlignmentObjective[]> = fc
  .array(fc.nat({ max: 100 }), { minLength: 0, maxLength: 7 })
  .map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points
      .slice(1)
      .map((point, i) => ({ id: `o${i}`, title: `Objective ${i}`, weight: point - (points[i] ?? 0) }));
  });

const goalsArb = (objectives: AlignmentObjective[]) =>
  fc
    .array(
      fc.record({
        title: fc.string({ maxLength: 20 }),
        category: fc.constantFrom(...GOAL_CATEGORIES),
        private: fc.boolean(),
        readable: fc.boolean(),
        links: fc.uniqueArray(
          fc.record({
            objectiveId: fc.constantFrom(...objectives.map((o) => o.id), "foreign"),
            strength: fc.integer({ min: 1, max: 3 }),
          }),
          {
            selector: (link) => link.objectiveId,
            maxLength: 4,
          },
        ),
      }),
      { maxLength: 8 },
    )
    .map((goals) => goals.map((goal, i): AlignmentGoal => ({ ...goal, id: `g${i}`, title: `${goal.title}#${i}` }))); // unique titles

/** Amounts as decimal strings with cents, some zero. */
const amountArb = fc.oneof(
  fc.constant("0"),
  fc.integer({ min: 0, max: 50_000_000_00 }).map((cents) => (cents / 100).toFixed(2)),
);

const pipelineArb = (objectives: AlignmentObjective[]): fc.Arbitrary<AlignmentPipeline> =>
  fc.record({
    byObjective: fc.dictionary(fc.constantFrom(...objectives.map((o) => o.id), "foreign"), amountArb, {
      maxKeys: objectives.length + 1,
    }),
    unaligned: amountArb,
  });

const caseArb = objectivesArb.chain((objectives) =>
  fc.record({
    objectives: fc.constant(objectives),
    goals: goalsArb(objectives),
    pipeline: pipelineArb(objectives),
    audience: fc.constantFrom("owner" as const, "others" as const),
  }),
);

describe("rep ↔ strategy alignment properties", () => {
  it("every score and part is bounded: score an integer 0–100, components 0–1, points 0–max", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const result = scoreRepAlignment(input);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const c of Object.values(result.components)) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
          expect(Number.isInteger(c.points)).toBe(true);
          expect(c.points).toBeGreaterThanOrEqual(0);
          expect(c.points).toBeLessThanOrEqual(c.max);
        }
        for (const o of result.objectives) {
          expect(o.pipelineShare).toBeGreaterThanOrEqual(0);
          expect(o.pipelineShare).toBeLessThanOrEqual(1);
          expect([0, 1, 2, 3]).toContain(o.strength);
        }
        for (const s of result.suggestions) if (s.gain !== null) expect(s.gain).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("rounding never makes the parts disagree with the total, and the total stays within 1.5 points of the exact formula", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { score, components } = scoreRepAlignment(input);
        expect(score).toBe(components.coverage.points + components.focus.points + components.pipelineFit.points);
        const exact =
          100 * (0.4 * components.coverage.value + 0.2 * components.focus.value + 0.4 * components.pipelineFit.value);
        expect(Math.abs(score - exact)).toBeLessThanOrEqual(1.5);
      }),
      { numRuns: 500 },
    );
  });

  it("adding a goal link never lowers coverage, nor the score", () => {
    const arb = caseArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        goalIndex: fc.nat({ max: Math.max(0, input.goals.length - 1) }),
        objectiveId: fc.constantFrom(...input.objectives.map((o) => o.id), "foreign"),
        strength: fc.integer({ min: 1, max: 3 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ input, goalIndex, objectiveId, strength }) => {
        fc.pre(input.goals.length > 0);
        const before = scoreRepAlignment(input);
        // The link is added (or an existing weaker link to the same objective strengthened).
        const goals = input.goals.map((goal, i) =>
          i === goalIndex ? { ...goal, links: mergeLinks(goal.links, objectiveId, strength) } : goal,
        );
        const after = scoreRepAlignment({ ...input, goals });
        expect(after.components.coverage.value).toBeGreaterThanOrEqual(before.components.coverage.value);
        expect(after.components.focus.value).toBeGreaterThanOrEqual(before.components.focus.value);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 500 },
    );
  });

  it("a pipeline whose shares equal the weights has pipeline_fit exactly 1 (40 points), whatever the scale", () => {
    const arb = objectivesArb.chain((objectives) =>
      fc.record({
        objectives: fc.constant(objectives),
        goals: goalsArb(objectives),
        cents: fc.integer({ min: 1, max: 1_000_000 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ objectives, goals, cents }) => {
        fc.pre(objectives.length > 0);
        const byObjective = Object.fromEntries(objectives.map((o) => [o.id, ((o.weight * cents) / 100).toFixed(2)]));
        const result = scoreRepAlignment({ objectives, goals, pipeline: { byObjective, unaligned: "0" } });
        expect(result.components.pipelineFit.value).toBe(1);
        expect(result.components.pipelineFit.points).toBe(40);
      }),
      { numRuns: 300 },
    );
  });

  it("never names a goal the reader may not read (private, or not readable) to someone else; the owner reads all", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const result = scoreRepAlignment(input);
        const text = [...result.reasons, ...result.suggestions.map((s) => s.text)].join("\n");
        for (const goal of input.goals) {
          const hidden = input.audience === "others" && (goal.private || !goal.readable);
          if (hidden) expect(text).not.toContain(`“${goal.title}”`);
          if (hidden) expect(result.suggestions.map((s) => s.goalId)).not.toContain(goal.id);
          // Every orphan goal the reader may read is named in the focus reason.
          if (!hidden && result.goals.orphanGoalIds.includes(goal.id))
            expect(result.reasons[1]).toContain(`“${goal.title}”`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("the score does not depend on who reads it: unreadable goals still count", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const forOwner = scoreRepAlignment({ ...input, audience: "owner" });
        const forNobody = scoreRepAlignment({
          ...input,
          audience: "others",
          goals: input.goals.map((g) => ({ ...g, readable: false })),
        });
        expect(forNobody.score).toBe(forOwner.score);
        expect(forNobody.components).toEqual(forOwner.components);
        expect(forNobody.goals).toEqual(forOwner.goals);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic and does not depend on the order of goals", () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const a = scoreRepAlignment(input);
        const b = scoreRepAlignment({ ...input, goals: [...input.goals].reverse() });
        expect(b.score).toBe(a.score);
        expect(b.components).toEqual(a.components);
        expect(scoreRepAlignment(input)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});

function mergeLinks(
  links: readonly { objectiveId: string; strength: number }[],
  objectiveId: string,
  strength: number,
) {
  const existing = links.find((l) => l.objectiveId === objectiveId);
  if (!existing) return [...links, { objectiveId, strength }];
  return links.map((l) =>
    l.objectiveId === objectiveId ? { objectiveId, strength: Math.max(l.strength, strength) } : l,
  );
}
