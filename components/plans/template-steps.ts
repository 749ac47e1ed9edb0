/**
 * Editing a plan template's ordered steps (server/domain/plan-templates.ts): each step's `dependsOn` holds indexes of
 * earlier steps, so removing or moving a step renumbers the others' dependencies. Pure, for the template editor.
 */

/** What the editing needs of a step: its dependencies, as indexes of earlier steps. */
export interface WithDependencies {
  dependsOn: readonly number[];
}

/** The steps without the one at `index`; later steps' dependencies follow them, and dependencies on it go. */
export function removeStep<T extends WithDependencies>(steps: readonly T[], index: number): T[] {
  return steps
    .filter((_, position) => position !== index)
    .map((step) => ({
      ...step,
      dependsOn: step.dependsOn
        .filter((earlier) => earlier !== index)
        .map((earlier) => (earlier > index ? earlier - 1 : earlier)),
    }));
}

/**
 * The steps with the one at `from` moved to `to` (every dependency renumbered to follow its step), or `null` when
 * the move would put a step before one it waits for (or after one that waits for it).
 */
export function moveStep<T extends WithDependencies>(steps: readonly T[], from: number, to: number): T[] | null {
  if (from < 0 || from >= steps.length || to < 0 || to >= steps.length) return null;
  const order = steps.map((_, index) => index);
  order.splice(to, 0, ...order.splice(from, 1));
  const newIndex = new Map(order.map((old, position) => [old, position]));
  const moved = order.map((old) => {
    const step = steps[old]!;
    return { ...step, dependsOn: step.dependsOn.map((earlier) => newIndex.get(earlier)!).sort((a, b) => a - b) };
  });
  return moved.every((step, index) => step.dependsOn.every((earlier) => earlier < index)) ? moved : null;
}

/**
 * Why the step at `from` cannot move to `to` (the first step in the way, 1-based, as the editor numbers them), or
 * `null` when it can.
 */
export function moveBlocker(steps: readonly WithDependencies[], from: number, to: number): string | null {
  if (moveStep(steps, from, to)) return null;
  if (to < from) {
    const waitedFor = steps[from]!.dependsOn.filter((earlier) => earlier >= to);
    if (waitedFor.length > 0) return `Step ${from + 1} waits for step ${waitedFor.at(-1)! + 1}.`;
  } else {
    const waiting = steps.findIndex((step, index) => index > from && index <= to && step.dependsOn.includes(from));
    if (waiting >= 0) return `Step ${waiting + 1} waits for step ${from + 1}.`;
  }
  return `Step ${from + 1} cannot move there.`;
}
