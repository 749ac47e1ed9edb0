/**
 * reviews.*: manager alignment reviews (issue 11, docs/reviews.md). Thin: validation here, record rules and SQL in
 * server/services/reviews*.ts, the snapshot's assembly in server/domain/reviews. The role gate is the permissions
 * table (reviews.read / reviews.manage / reviews.respond); the record rule answers NOT_FOUND for reviews the
 * caller may not see.
 */
import { z } from "zod";
import { REVIEW_SECTIONS } from "@/server/domain/reviews/snapshot";
import { dateSchema } from "@/server/domain/deal-fields";
import { ACTION_OWNERS, addAction, removeAction, setActionDone, updateAction } from "@/server/services/review-actions";
import {
  acknowledgeReview,
  closeReview,
  setOverdueDays,
  shareReview,
  startReview,
  writeManagerNotes,
  writeRepNotes,
} from "@/server/services/reviews";
import { boardTeams, teamBoard } from "@/server/services/reviews-board";
import { listReviews, myOpenActions, readReview, scoreHistory } from "@/server/services/reviews-read";
import { orgProcedure, router } from "../init";
import { cursorTimeSchema, keysetPage, timeCursor } from "@/server/db/keyset";
import { idSchema, pageLimitSchema, versionSchema } from "@/server/domain/schemas";

const noteText = z
  .string()
  .max(10_000, { message: "Use at most 10,000 characters" })
  .transform((text) => text.trim());

const actionFields = {
  text: z
    .string()
    .trim()
    .min(1, { message: "Required" })
    .max(500, { message: "Use at most 500 characters" })
    .regex(/^[^\p{Cc}]*$/u, { message: "Contains control characters" }),
  owner: z.enum(ACTION_OWNERS),
  dueOn: dateSchema.nullable().default(null),
  goalId: idSchema.nullable().default(null),
  dealId: idSchema.nullable().default(null),
};

const versioned = { reviewId: idSchema, version: versionSchema };
const versionOut = z.object({ version: z.number().int() });
const cursorSchema = z.object({ time: cursorTimeSchema, id: z.uuid() });

export const reviewsRouter = router({
  /** Reviews the caller may see, newest first (keyset); `subjectId` narrows to one rep. */
  list: orgProcedure("reviews.read")
    .input(z.object({ limit: pageLimitSchema, cursor: cursorSchema.nullish(), subjectId: idSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const rows = await listReviews(ctx.db, ctx.actor, {
        limit: input.limit + 1,
        cursor: input.cursor ?? undefined,
        subjectId: input.subjectId,
      });
      const { page, nextCursor } = keysetPage(rows, input.limit, timeCursor);
      return {
        items: page.map((item) => ({ ...item, cursorTime: undefined })),
        nextCursor,
      };
    }),

  /** One review: its snapshot (stored once shared; assembled afresh for a draft), notes, actions, what the caller may do. */
  get: orgProcedure("reviews.read", { plans: "keyed" })
    .input(z.object({ reviewId: idSchema }))
    .query(({ ctx, input }) => readReview(ctx.db, ctx.actor, input.reviewId)),

  /** A rep's score across shared reviews (the trend). */
  history: orgProcedure("reviews.read", { plans: "keyed" })
    .input(z.object({ subjectId: idSchema }))
    .query(({ ctx, input }) => scoreHistory(ctx.db, ctx.actor, input.subjectId)),

  /** The caller's open actions (home page). */
  myActions: orgProcedure("reviews.read").query(({ ctx }) => myOpenActions(ctx.db, ctx.actor)),

  boardTeams: orgProcedure("reviews.manage").query(({ ctx }) => boardTeams(ctx.db, ctx.actor)),

  /** Who was reviewed when, who is overdue, the team's average by month. */
  board: orgProcedure("reviews.manage")
    .input(z.object({ teamId: idSchema }))
    .query(({ ctx, input }) => teamBoard(ctx.db, ctx.actor, input.teamId)),

  start: orgProcedure("reviews.manage")
    .input(z.object({ subjectId: idSchema, strategyId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => startReview(ctx.db, ctx.actor, input)),

  /** The managers' notes: the summary or one section's. */
  writeNotes: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object({ ...versioned, section: z.enum([...REVIEW_SECTIONS, "summary"]), text: noteText }))
    .output(versionOut)
    .mutation(({ ctx, input }) => writeManagerNotes(ctx.db, ctx.actor, input)),

  share: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object(versioned))
    .output(versionOut)
    .mutation(({ ctx, input }) => shareReview(ctx.db, ctx.actor, input)),

  close: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object(versioned))
    .output(versionOut)
    .mutation(({ ctx, input }) => closeReview(ctx.db, ctx.actor, input)),

  addAction: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object({ reviewId: idSchema, ...actionFields }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => addAction(ctx.db, ctx.actor, input)),

  updateAction: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object({ actionId: idSchema, version: versionSchema, ...actionFields }))
    .output(versionOut)
    .mutation(({ ctx, input }) => updateAction(ctx.db, ctx.actor, input)),

  removeAction: orgProcedure("reviews.manage", { plans: "keyed" })
    .input(z.object({ actionId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => removeAction(ctx.db, ctx.actor, input)),

  /** The rep's notes on their review. */
  writeRepNotes: orgProcedure("reviews.respond", { plans: "keyed" })
    .input(z.object({ ...versioned, text: noteText }))
    .output(versionOut)
    .mutation(({ ctx, input }) => writeRepNotes(ctx.db, ctx.actor, input)),

  acknowledge: orgProcedure("reviews.respond", { plans: "keyed" })
    .input(z.object(versioned))
    .output(versionOut)
    .mutation(({ ctx, input }) => acknowledgeReview(ctx.db, ctx.actor, input)),

  /** The rep marks the actions they own done (managers: any action of the reviews they manage). */
  setActionDone: orgProcedure("reviews.respond", { plans: "keyed" })
    .input(z.object({ actionId: idSchema, done: z.boolean() }))
    .output(versionOut)
    .mutation(({ ctx, input }) => setActionDone(ctx.db, ctx.actor, input)),

  /** Admins: days without a review after which a rep is overdue. */
  setOverdueDays: orgProcedure("org.update")
    .input(z.object({ days: z.number().int().min(1).max(3650) }))
    .output(z.object({ days: z.number().int() }))
    .mutation(({ ctx, input }) => setOverdueDays(ctx.db, ctx.actor, input.days)),
});
