import { and, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { dealRollup, dealStageEnum, invitations, memberships, teams } from "@/db/schema";
import { together } from "@/server/db/together";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { scopeOf } from "@/server/services/scope";
import { orgProcedure, router } from "../init";
import { roleSchema } from "@/server/domain/schemas";

export const dashboardRouter = router({
  /**
   * The role-aware home: a rep sees their own open pipeline, a manager their teams', an admin and a viewer
   * what their scope allows, plus organization counts for admins. Sums are computed in SQL; money stays a
   * decimal string.
   */
  summary: orgProcedure("org.read")
    .output(
      z.object({
        role: roleSchema,
        scope: z.enum(["own", "teams", "organization"]),
        openDeals: z.number().int(),
        /** Open pipeline per currency (Tandem does not convert: amounts of different currencies are never added). */
        openPipeline: z.array(z.object({ currency: z.string(), deals: z.number().int(), amount: z.string() })),
        /** Per open stage and currency. */
        byStage: z.array(
          z.object({
            stage: z.enum(dealStageEnum.enumValues),
            currency: z.string(),
            deals: z.number().int(),
            amount: z.string(),
          }),
        ),
        organization: z
          .object({ activeMembers: z.number().int(), teams: z.number().int(), pendingInvitations: z.number().int() })
          .nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const { role } = ctx.membership;
      // From the stored rollup (one row per owner, team, stage and currency), never the organization's deals.
      const filters: SQL[] = [eq(dealRollup.orgId, ctx.orgId), inArray(dealRollup.stage, [...OPEN_STAGES])];
      let scope: "own" | "teams" | "organization" = "organization";
      if (role === "rep") {
        filters.push(eq(dealRollup.ownerId, ctx.user.id));
        scope = "own";
      } else {
        const teamsVisible = await scopeOf(ctx.db, ctx.actor);
        if (teamsVisible.kind === "teams") {
          scope = "teams";
          // inArray with an empty list matches nothing, which is right: no teams, no deals.
          filters.push(teamsVisible.teamIds.length > 0 ? inArray(dealRollup.teamId, teamsVisible.teamIds) : sql`false`);
        }
      }
      const sums = {
        deals: sql<number>`coalesce(sum(${dealRollup.deals}), 0)::int`,
        amount: sql<string>`coalesce(sum(${dealRollup.amount}), 0)::text`,
      };
      // Per currency, as the pipeline's totals (deals.totals): amounts of different currencies are never added.
      const [byStage, openPipeline] = await together([
        ctx.db
          .select({ stage: dealRollup.stage, currency: dealRollup.currency, ...sums })
          .from(dealRollup)
          .where(and(...filters))
          .groupBy(dealRollup.stage, dealRollup.currency)
          .orderBy(dealRollup.stage, dealRollup.currency),
        ctx.db
          .select({ currency: dealRollup.currency, ...sums })
          .from(dealRollup)
          .where(and(...filters))
          .groupBy(dealRollup.currency)
          .orderBy(dealRollup.currency),
      ]);

      let organization = null;
      if (role === "admin") {
        const [counts] = await ctx.db
          .select({
            activeMembers: sql<number>`(select count(*)::int from ${memberships} where ${memberships.orgId} = ${ctx.orgId} and ${memberships.status} = 'active')`,
            teams: sql<number>`(select count(*)::int from ${teams} where ${teams.orgId} = ${ctx.orgId})`,
            pendingInvitations: sql<number>`(select count(*)::int from ${invitations} where ${invitations.orgId} = ${ctx.orgId} and ${isNull(invitations.acceptedAt)} and ${isNull(invitations.revokedAt)} and ${gt(invitations.expiresAt, new Date())})`,
          })
          .from(sql`(select 1) as one`);
        organization = counts ?? null;
      }
      const openDeals = openPipeline.reduce((sum, row) => sum + row.deals, 0);
      return { role, scope, openDeals, openPipeline, byStage, organization };
    }),
});
