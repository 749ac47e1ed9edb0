/** Editing a plan template's steps: removing and moving steps keeps every dependency on an earlier step. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { moveBlocker, moveStep, removeStep } from "@/components/plans/template-steps";
import { templateStepsSchema } from "@/server/domain/plan-templates";

const step = (title: string, dependsOn: number[] = []) => ({ title, side: "us" as const, offsetDays: 0, dependsOn });

/** Kick-off ← Security review ← Pilot; Legal waits for the kick-off only. */
const PILOT = [step("Kick-off"), step("Security review", [0]), step("Legal", [0]), step("Pilot", [1, 2])];

/** Each dependency as a pair of titles (the steps' identities), whatever the order. */
function pairs(steps: readonly { title: string; dependsOn: readonly number[] }[]): string[] {
  return steps.flatMap((s) => s.dependsOn.map((earlier) => `${steps[earlier]!.title} → ${s.title}`)).sort();
}

describe("removeStep", () => {
  it("renumbers later steps' dependencies and drops those on the removed step", () => {
    expect(removeStep(PILOT, 1)).toEqual([step("Kick-off"), step("Legal", [0]), step("Pilot", [1])]);
    expect(removeStep(PILOT, 0)).toEqual([step("Security review"), step("Legal"), step("Pilot", [0, 1])]);
    expect(removeStep(PILOT, 3)).toEqual(PILOT.slice(0, 3));
  });
});

describe("moveStep", () => {
  it("moves a step and renumbers every dependency to follow its step", () => {
    expect(moveStep(PILOT, 2, 1)).toEqual([
      step("Kick-off"),
      step("Legal", [0]),
      step("Security review", [0]),
      step("Pilot", [1, 2]),
    ]);
    expect(moveStep(PILOT, 1, 2)).toEqual(moveStep(PILOT, 2, 1));
  });

  it("refuses a move that puts a step before one it waits for, and says which", () => {
    expect(moveStep(PILOT, 1, 0)).toBeNull();
    expect(moveBlocker(PILOT, 1, 0)).toBe("Step 2 waits for step 1.");
    expect(moveStep(PILOT, 2, 3)).toBeNull();
    expect(moveBlocker(PILOT, 2, 3)).toBe("Step 4 waits for step 3.");
    expect(moveBlocker(PILOT, 3, 0)).toBe("Step 4 waits for step 3.");
    expect(moveBlocker(PILOT, 2, 1)).toBeNull();
  });

  it("refuses a move off the list", () => {
    expect(moveStep(PILOT, 0, -1)).toBeNull();
    expect(moveStep(PILOT, 3, 4)).toBeNull();
    expect(moveBlocker(PILOT, 3, 4)).toBe("Step 4 cannot move there.");
  });
});

/** 0–12 steps, each depending on any earlier ones: every valid template's steps. */
const stepsArb = fc.integer({ min: 0, max: 12 }).chain((length) =>
  fc
    .tuple(
      ...Array.from({ length }, (_, index) =>
        fc.subarray(
          Array.from({ length: index }, (_, earlier) => earlier),
          { minLength: 0 },
        ),
      ),
    )
    .map((deps) => deps.map((dependsOn, index) => step(`S${index}`, dependsOn))),
);

describe("properties", () => {
  const valid = (steps: readonly ReturnType<typeof step>[]) => templateStepsSchema.safeParse(steps).success;

  it("after a removal, every dependency is on an earlier step and every pair not involving it survives", () => {
    fc.assert(
      fc.property(
        stepsArb.filter((steps) => steps.length > 0),
        fc.nat(),
        (steps, pick) => {
          const index = pick % steps.length;
          const after = removeStep(steps, index);
          expect(valid(after)).toBe(true);
          const gone = steps[index]!.title;
          expect(pairs(after)).toEqual(pairs(steps).filter((pair) => !pair.split(" → ").includes(gone)));
        },
      ),
    );
  });

  it("after a move, every dependency is on an earlier step and the same pairs survive; refused only if it must be", () => {
    fc.assert(
      fc.property(
        stepsArb.filter((steps) => steps.length > 0),
        fc.nat(),
        fc.nat(),
        (steps, a, b) => {
          const from = a % steps.length;
          const to = b % steps.length;
          const after = moveStep(steps, from, to);
          // The order the move asks for, by title; it is refused exactly when a pair would point forward.
          const titles = steps.map((s) => s.title);
          titles.splice(to, 0, ...titles.splice(from, 1));
          const breaks = pairs(steps).some((pair) => {
            const [earlier, later] = pair.split(" → ");
            return titles.indexOf(earlier!) > titles.indexOf(later!);
          });
          expect(after === null).toBe(breaks);
          expect(moveBlocker(steps, from, to) === null).toBe(!breaks);
          if (after) {
            expect(after.map((s) => s.title)).toEqual(titles);
            expect(valid(after)).toBe(true);
            expect(pairs(after)).toEqual(pairs(steps));
          }
        },
      ),
    );
  });
});
