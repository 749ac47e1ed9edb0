/**
 * Comments on a plan or on one of its parts (a problem, a step, a stakeholder), with @mentions of members; the
 * customer's comments (through a share link) appear here too, attributed to the link.
 */
import { AppError } from "@/server/domain/errors";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { contacts, planComments, planProblems, planSteps, users } from "@/db/schema";
import { textSchema } from "@/server/domain/deal-fields";
import { notify } from "@/server/services/notifications";
import { auditPlan, requirePlan, type PlanInContext } from "@/server/services/plan-access";
import { activeMemberIds } from "@/server/services/organizations";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, olderThan, keysetPage, timeCursor } from "@/server/db/keyset";
import { idSchema, pageLimitSchema } from "@/server/domain/schemas";
import { omit } from "@/server/domain/objects";

const subjectTypeSchema = z.enum(["plan", "problem", "step", "stakeholder"]);
const cursorSchema = z.object({ time: cursorTimeSchema, id: z.uuid() });

/** The part a comment is on must belong to the plan (a stakeholder: a contact of the plan's account). */
async function assertSubject(
  db: Database,
  orgId: string,
  plan: PlanInContext,
  subjectType: z.infer<typeof subjectTypeSchema>,
  subjectId: string | null | undefined,
) {
  if (subjectType === "plan") {
    if (subjectId) throw new AppError("BAD_REQUEST", "Leave empty for the plan itself.", "subjectId");
    return;
  }
  if (!subjectId) throw new AppError("BAD_REQUEST", "Required", "subjectId");
  const found =
    subjectType === "problem"
      ? await db
          .select({ id: planProblems.id })
          .from(planProblems)
          .where(and(eq(planProblems.orgId, orgId), eq(planProblems.planId, plan.id), eq(planProblems.id, subjectId)))
      : subjectType === "step"
        ? await db
            .select({ id: planSteps.id })
            .from(planSteps)
            .where(and(eq(planSteps.orgId, orgId), eq(planSteps.planId, plan.id), eq(planSteps.id, subjectId)))
        : await db
            .select({ id: contacts.id })
            .from(contacts)
            .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, plan.accountId), eq(contacts.id, subjectId)));
  if (found.length === 0) throw new AppError("NOT_FOUND", "Not part of this plan.", "subjectId");
}

export const planCommentsRouter = router({
  list: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, limit: pageLimitSchema, cursor: cursorSchema.nullish() }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            authorName: z.string(),
            fromCustomer: z.boolean(),
            subjectType: subjectTypeSchema,
            subjectId: z.uuid().nullable(),
            mentionedUserIds: z.array(z.uuid()),
            body: z.string(),
            createdAt: z.date(),
          }),
        ),
        nextCursor: cursorSchema.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const plan = await requirePlan(ctx.db, ctx.actor, input.planId, "read");
      const rows = await ctx.db
        .select({
          id: planComments.id,
          authorName: users.name,
          guestName: planComments.guestName,
          shareLinkId: planComments.shareLinkId,
          subjectType: planComments.subjectType,
          subjectId: planComments.subjectId,
          mentionedUserIds: planComments.mentionedUserIds,
          body: planComments.body,
          createdAt: planComments.createdAt,
          cursorTime: cursorTime(planComments.createdAt),
        })
        .from(planComments)
        .leftJoin(users, eq(users.id, planComments.authorId))
        .where(
          and(
            eq(planComments.orgId, ctx.orgId),
            eq(planComments.planId, plan.id),
            input.cursor ? olderThan(planComments.createdAt, planComments.id, input.cursor) : undefined,
          ),
        )
        .orderBy(desc(planComments.createdAt), desc(planComments.id))
        .limit(input.limit + 1);
      const { page, nextCursor } = keysetPage(rows, input.limit, timeCursor);
      return {
        items: page.map((row) => ({
          ...omit(row, "cursorTime", "guestName", "shareLinkId"),
          authorName: row.authorName ?? `${row.guestName ?? "Customer"} (customer)`,
          fromCustomer: row.shareLinkId !== null,
        })),
        nextCursor,
      };
    }),

  add: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        body: textSchema(4000).min(1, { message: "Required" }),
        subjectType: subjectTypeSchema.default("plan"),
        subjectId: idSchema.nullish(),
        /** Members the comment @mentions (the UI inserts "@Name" in the body and names them here). */
        mentionedUserIds: z.array(idSchema).max(20).default([]),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "comment");
      await assertSubject(ctx.db, ctx.orgId, plan, input.subjectType, input.subjectId);
      const mentioned = [...new Set(input.mentionedUserIds)];
      if (mentioned.length > 0) {
        const members = await activeMemberIds(ctx.db, ctx.orgId, mentioned);
        if (members.size !== mentioned.length) throw new AppError("NOT_FOUND", "Member not found.", "mentionedUserIds");
      }
      const id = crypto.randomUUID();
      await ctx.db.insert(planComments).values({
        orgId: ctx.orgId,
        id,
        planId: plan.id,
        authorId: ctx.user.id,
        subjectType: input.subjectType,
        subjectId: input.subjectId ?? null,
        mentionedUserIds: mentioned,
        body: input.body,
      });
      await notify(ctx.db, {
        orgId: ctx.orgId,
        userIds: mentioned.filter((userId) => userId !== ctx.user.id),
        kind: "plan.mentioned",
        entity: { type: "account_plan", id: plan.id },
        payload: { text: `${ctx.user.name} mentioned you on the plan “${plan.title}”.`, path: `/plans/${plan.id}` },
      });
      await auditPlan(ctx.db, actor, plan.id, "plan.commented", {
        commentId: id,
        subjectType: input.subjectType,
        subjectId: input.subjectId ?? null,
        mentionedUserIds: mentioned,
      });
      return { id };
    }),
});
