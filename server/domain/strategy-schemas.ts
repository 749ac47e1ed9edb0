/** The strategy's vocabulary and its zod schemas (input and output), shared by the router and the services. */
import { z } from "zod";
import { idSchema } from "@/server/domain/schemas";

export const STRATEGY_STATUSES = ["draft", "active", "archived"] as const;
export const FOCUS_DIMENSIONS = ["industry", "segment", "region", "product"] as const;

// ---------------------------------------------------------------------------------------------------
// Schemas

export const strategyDateSchema = z.iso
  .date({ message: "Use a date like 2027-01-31" })
  .refine((date) => date >= "1970-01-01" && date <= "2999-12-31", { message: "Use a date between 1970 and 2999" });
export const textLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: "Required" })
    .max(max, { message: `Use at most ${max} characters` })
    .regex(/^[^\p{Cc}]*$/u, { message: "Contains control characters" });

export const periodFields = { name: textLine(120), startsOn: strategyDateSchema, endsOn: strategyDateSchema };
export const endsAfterStart = <T extends { startsOn: string; endsOn: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.endsOn < value.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The period must end on or after its start" });
};

export const focusRuleSchema = z.object({ dimension: z.enum(FOCUS_DIMENSIONS), value: textLine(80) });

export const objectiveInputSchema = z.object({
  /** Present for an objective that already exists (its goal links are kept); absent for a new one. */
  id: idSchema.optional(),
  title: textLine(200),
  description: z.string().trim().max(2000, { message: "Use at most 2000 characters" }).default(""),
  weight: z
    .number({ message: "Enter a whole number from 0 to 100" })
    .int({ message: "Use a whole number" })
    .min(0, { message: "Must be 0 or more" })
    .max(100, { message: "Must be 100 or less" }),
  ownerId: idSchema.nullable().default(null),
  focus: z.array(focusRuleSchema).max(20, { message: "At most 20 focus rules per objective" }).default([]),
});

export const objectivesSchema = z
  .array(objectiveInputSchema)
  .max(20, { message: "At most 20 objectives" })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((objective, index) => {
      if (!objective.id) return;
      if (seen.has(objective.id)) ctx.addIssue({ code: "custom", path: [index, "id"], message: "Listed twice" });
      seen.add(objective.id);
    });
  });

/** What a strategy's list row and its page both show of it. */
const strategyHeadSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  version: z.number().int(),
});

export const strategySummarySchema = strategyHeadSchema.extend({
  objectiveCount: z.number().int(),
  weightTotal: z.number().int(),
});

export const objectiveSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  weight: z.number().int(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  position: z.number().int(),
  focus: z.array(z.object({ dimension: z.enum(FOCUS_DIMENSIONS), value: z.string() })),
});

export const strategyDetailSchema = strategyHeadSchema.extend({ objectives: z.array(objectiveSchema) });

export type ObjectiveInput = z.infer<typeof objectiveInputSchema>;
