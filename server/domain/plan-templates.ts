/**
 * Mutual action plan templates ("Enterprise pilot: 12 steps"): steps with a side, a due offset from the plan's
 * start and dependencies on earlier steps only, so a template can never hold a cycle.
 */
import { z } from "zod";
import { lineSchema } from "./deal-fields";

export const planSideSchema = z.enum(["us", "customer"]);

export const templateStepSchema = z.object({
  title: lineSchema(200, 1),
  side: planSideSchema,
  /** Days after the plan's start the step is due. */
  offsetDays: z.number().int().min(0).max(3650),
  /** Indexes of earlier steps of the template this one waits for. */
  dependsOn: z.array(z.number().int().min(0)).max(50).default([]),
});

export const templateStepsSchema = z
  .array(templateStepSchema)
  .max(100)
  .superRefine((steps, ctx) => {
    steps.forEach((step, index) =>
      step.dependsOn.forEach((earlier, position) => {
        if (earlier >= index)
          ctx.addIssue({
            code: "custom",
            path: [index, "dependsOn", position],
            message: "A step can only depend on an earlier step",
          });
      }),
    );
  });

export type TemplateStep = z.infer<typeof templateStepSchema>;
