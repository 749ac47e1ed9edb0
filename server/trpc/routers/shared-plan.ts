/**
 * The customer view's own procedures (public: the customer has no account). Each call names the link's token,
 * is rate-limited per client address and per link, and reaches only the plan the link shares
 * (server/services/shared-plan.ts).
 */
import { z } from "zod";
import { tokenSchema } from "@/server/auth/tokens";
import { textSchema } from "@/server/domain/deal-fields";
import {
  addCustomerComment,
  completeCustomerStep,
  loadCustomerView,
  recordOpen,
  resolveShareLink,
} from "@/server/services/shared-plan";
import { publicProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";

const customerViewSchema = z.object({
  title: z.string(),
  accountName: z.string(),
  organizationName: z.string(),
  customerName: z.string().nullable(),
  customerObjectives: z.string(),
  problems: z.array(
    z.object({ id: z.uuid(), problem: z.string(), solution: z.string(), impact: z.string(), status: z.string() }),
  ),
  steps: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      side: z.enum(["us", "customer"]),
      ownerName: z.string(),
      dueOn: z.string().nullable(),
      status: z.enum(["open", "done"]),
      overdue: z.boolean(),
      blocked: z.boolean(),
      canMarkDone: z.boolean(),
    }),
  ),
  comments: z.array(z.object({ id: z.uuid(), guestName: z.string(), body: z.string(), at: z.date() })),
});

export type CustomerView = z.infer<typeof customerViewSchema>;

export const sharedPlanRouter = router({
  /** The customer view; counts as an opening of the link. */
  view: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .output(customerViewSchema)
    .query(async ({ ctx, input }) => {
      const link = await resolveShareLink(ctx.db, ctx.headers, input.token);
      await recordOpen(ctx.db, link);
      return customerViewSchema.parse(await loadCustomerView(ctx.db, link));
    }),

  completeStep: publicProcedure
    .input(z.object({ token: tokenSchema, stepId: idSchema }))
    .output(z.object({ stepId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const link = await resolveShareLink(ctx.db, ctx.headers, input.token);
      await ctx.db.transaction((tx) => completeCustomerStep(tx, link, input.stepId));
      return { stepId: input.stepId };
    }),

  comment: publicProcedure
    .input(z.object({ token: tokenSchema, body: textSchema(2000).min(1, { message: "Required" }) }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const link = await resolveShareLink(ctx.db, ctx.headers, input.token);
      return ctx.db.transaction((tx) => addCustomerComment(tx, link, input.body));
    }),
});
