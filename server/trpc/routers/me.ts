import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, organizations, users } from "@/db/schema";
import { authedProcedure, router } from "../init";
import { roleSchema } from "../schemas";

export const meRouter = router({
  /** The signed-in user and the organizations they may act in (for the switcher). */
  get: authedProcedure
    .output(
      z.object({
        user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
        organizations: z.array(z.object({ id: z.uuid(), name: z.string(), slug: z.string(), role: roleSchema })),
      }),
    )
    .query(async ({ ctx }) => {
      const orgs = await ctx.db
        .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .where(and(eq(memberships.userId, ctx.user.id), eq(memberships.status, "active")))
        .orderBy(asc(organizations.name));
      return { user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name }, organizations: orgs };
    }),

  /** Ends every session of the user, on every device, at their next request. */
  signOutEverywhere: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await ctx.db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, ctx.user.id));
    return { ok: true as const };
  }),
});
