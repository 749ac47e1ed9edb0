import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, organizations, users } from "@/db/schema";
import { scopeToOrganization } from "@/server/db/tenant";
import { together } from "@/server/db/together";
import { unreadCount } from "@/server/services/notifications";
import { recordAudit } from "@/server/services/audit";
import { authedProcedure, router } from "../init";
import { roleSchema } from "@/server/domain/schemas";

export const meRouter = router({
  /**
   * The signed-in user and the organizations they may act in (for the switcher). With `unreadIn` (an organization's
   * slug), also the user's unread notifications there — null when they are not an active member of it — so that a
   * page's shell (app/o/[slug]/layout.tsx) gets its bell's count in this call's transaction instead of a second one.
   */
  get: authedProcedure
    .meta({ access: "authed", plans: "keyed" })
    .input(z.object({ unreadIn: z.string().max(200).optional() }).optional())
    .output(
      z.object({
        user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
        organizations: z.array(z.object({ id: z.uuid(), name: z.string(), slug: z.string(), role: roleSchema })),
        unread: z.number().int().min(0).nullable().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const orgs = await ctx.db
        .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .where(and(eq(memberships.userId, ctx.user.id), eq(memberships.status, "active")))
        .orderBy(asc(organizations.name));
      const user = { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name };
      if (input?.unreadIn === undefined) return { user, organizations: orgs };
      const shown = orgs.find((org) => org.slug === input.unreadIn);
      if (!shown) return { user, organizations: orgs, unread: null };
      // Row-level security is pointed at that organization (an active membership just read) for the count, the
      // call's last statement; the two are sent together, in order, on the transaction's connection.
      const [, unread] = await together([
        scopeToOrganization(ctx.db, shown.id),
        unreadCount(ctx.db, { orgId: shown.id, userId: ctx.user.id }),
      ]);
      return { user, organizations: orgs, unread };
    }),

  /**
   * Ends every session of the user, on every device, at their next request. Audited in each organization
   * where the user is an active member (its admins see it as `member.signed_out_everywhere`).
   */
  signOutEverywhere: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    const [bumped] = await ctx.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, ctx.user.id))
      .returning({ sessionVersion: users.sessionVersion });
    const orgs = await ctx.db
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, ctx.user.id), eq(memberships.status, "active")))
      .orderBy(asc(memberships.orgId));
    // The call runs as the application role, scoped by row-level security to the request's organization
    // (app.org_id). Each event is written in its own organization's scope: the scope switches to that
    // organization for the insert only (an organization the user is an active member of, read above under
    // RLS), then back to the request's.
    for (const { orgId } of orgs) {
      await scopeToOrganization(ctx.db, orgId);
      await recordAudit(ctx.db, {
        orgId,
        actorId: ctx.user.id,
        action: "member.signed_out_everywhere",
        entityType: "member",
        entityId: ctx.user.id,
        before: { sessionVersion: ctx.user.sessionVersion },
        after: { sessionVersion: bumped?.sessionVersion ?? ctx.user.sessionVersion + 1 },
      });
    }
    if (orgs.length > 0) await scopeToOrganization(ctx.db, ctx.orgId);
    return { ok: true as const };
  }),
});
