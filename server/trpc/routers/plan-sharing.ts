/**
 * Share links of a plan (owners only) and what the customer did through them (engagement). The token is shown
 * once, when the link is made; only its hash is stored.
 */
import { AppError } from "@/server/domain/errors";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, planShareLinks, users } from "@/db/schema";
import { together } from "@/server/db/together";
import { hashToken, newToken } from "@/server/auth/tokens";
import { optionalLineSchema } from "@/server/domain/deal-fields";
import { auditPlan, requirePlan } from "@/server/services/plan-access";
import { planEvents } from "@/server/services/plan-live";
import { orgProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";

/** The public path of a share link (outside /o/: the customer has no account). */
export const sharePath = (token: string) => `/share/${token}`;

export const planSharingRouter = router({
  create: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        customerName: optionalLineSchema(120),
        expiresInDays: z.number().int().min(1).max(180).default(30),
      }),
    )
    .output(z.object({ id: z.uuid(), token: z.string(), path: z.string(), expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "share");
      const token = newToken();
      const id = crypto.randomUUID();
      const [link] = await ctx.db
        .insert(planShareLinks)
        .values({
          orgId: ctx.orgId,
          id,
          planId: plan.id,
          tokenHash: hashToken(token),
          customerName: input.customerName,
          expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
          createdBy: ctx.user.id,
        })
        .returning({ expiresAt: planShareLinks.expiresAt });
      await auditPlan(ctx.db, actor, plan.id, "plan.share_link_created", {
        shareLinkId: id,
        customerName: input.customerName,
        expiresAt: link!.expiresAt,
      });
      return { id, token, path: sharePath(token), expiresAt: link!.expiresAt };
    }),

  revoke: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, linkId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "share");
      const revoked = await ctx.db
        .update(planShareLinks)
        .set({ revokedAt: sql`coalesce(${planShareLinks.revokedAt}, now())` })
        .where(
          and(
            eq(planShareLinks.orgId, ctx.orgId),
            eq(planShareLinks.planId, plan.id),
            eq(planShareLinks.id, input.linkId),
          ),
        )
        .returning({ id: planShareLinks.id });
      if (revoked.length === 0) throw new AppError("NOT_FOUND", "Share link not found.", "linkId");
      await auditPlan(ctx.db, actor, plan.id, "plan.share_link_revoked", { shareLinkId: input.linkId });
      return { id: input.linkId };
    }),

  /** The plan's links (opens, last opened) and the customer's latest actions: the team's view of engagement. */
  engagement: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema }))
    .output(
      z.object({
        canShare: z.boolean(),
        links: z.array(
          z.object({
            id: z.uuid(),
            customerName: z.string().nullable(),
            createdByName: z.string(),
            createdAt: z.date(),
            expiresAt: z.date(),
            revokedAt: z.date().nullable(),
            openCount: z.number().int(),
            lastOpenedAt: z.date().nullable(),
            active: z.boolean(),
          }),
        ),
        customerActions: z.array(z.object({ id: z.uuid(), action: z.string(), at: z.date(), after: z.unknown() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const plan = await requirePlan(ctx.db, ctx.actor, input.planId, "read");
      const [links, customerActions] = await together([
        ctx.db
          .select({
            id: planShareLinks.id,
            customerName: planShareLinks.customerName,
            createdByName: users.name,
            createdAt: planShareLinks.createdAt,
            expiresAt: planShareLinks.expiresAt,
            revokedAt: planShareLinks.revokedAt,
            openCount: planShareLinks.openCount,
            lastOpenedAt: planShareLinks.lastOpenedAt,
            active: sql<boolean>`${planShareLinks.revokedAt} is null and ${planShareLinks.expiresAt} > now()`,
          })
          .from(planShareLinks)
          .innerJoin(users, eq(users.id, planShareLinks.createdBy))
          .where(and(eq(planShareLinks.orgId, ctx.orgId), eq(planShareLinks.planId, plan.id)))
          .orderBy(desc(planShareLinks.createdAt))
          .limit(50),
        ctx.db
          .select({ id: auditEvents.id, action: auditEvents.action, at: auditEvents.at, after: auditEvents.after })
          .from(auditEvents)
          .where(planEvents(ctx.orgId, plan.id, like(auditEvents.action, "plan.customer\\_%")))
          .orderBy(desc(auditEvents.at), desc(auditEvents.id))
          .limit(50),
      ]);
      return { canShare: plan.access === "owner" && plan.status !== "archived", links, customerActions };
    }),
});
