/**
 * Concurrent edits of one mutual-action-plan step (issue 12): every save names the version it read; of 50 saves
 * started at once from the same version exactly one wins, the other 49 answer CONFLICT with the current record,
 * and the step ends consistent (the winner's values, version + 1). On Postgres the saves really run in parallel.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TRPCError } from "@trpc/server";
import { useWorld } from "../helpers/world";
import { seedPlanWorld, type PlanWorld } from "./plans-fixtures";

const EDITS = 50;

describe("concurrent edits of one plan step", () => {
  const world = useWorld();
  let w: PlanWorld;
  let stepId: string;
  beforeAll(async () => {
    w = await seedPlanWorld(world);
    ({ id: stepId } = await world.api(world.org.rep).planSteps.add({ planId: w.planId, title: "Pilot", side: "us" }));
  });

  it(`${EDITS} saves from version 1: exactly one wins, the rest get CONFLICT`, async () => {
    const editors = [world.org.rep, w.editor];
    const results = await Promise.allSettled(
      Array.from({ length: EDITS }, (_, index) =>
        world.api(editors[index % 2]!).planSteps.update({
          planId: w.planId,
          stepId,
          version: 1,
          title: `Pilot, take ${index}`,
        }),
      ),
    );
    const won = results.flatMap((result, index) => (result.status === "fulfilled" ? [index] : []));
    expect(won).toHaveLength(1);
    const conflicts = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(conflicts.map((result) => (result.reason as TRPCError).code)).toEqual(
      Array.from({ length: EDITS - 1 }, () => "CONFLICT"),
    );
    // Each refusal carries the step as it is after the winner's save (read after the refused update), so the
    // client can show it and re-apply on top of it without a reload.
    for (const result of conflicts)
      expect((result.reason as TRPCError).cause).toMatchObject({
        current: { id: stepId, version: 2, title: `Pilot, take ${won[0]}`, dependsOn: [] },
      });
    const plan = await world.api(world.org.rep).plans.get({ planId: w.planId });
    const step = plan.steps.find((candidate) => candidate.id === stepId);
    expect(step).toMatchObject({ title: `Pilot, take ${won[0]}`, version: 2 });
  });

  it("the next save from the winning version goes through", async () => {
    await world.api(w.editor).planSteps.update({ planId: w.planId, stepId, version: 2, title: "Pilot, final" });
    const plan = await world.api(world.org.rep).plans.get({ planId: w.planId });
    expect(plan.steps.find((candidate) => candidate.id === stepId)).toMatchObject({
      title: "Pilot, final",
      version: 3,
    });
  });
});
