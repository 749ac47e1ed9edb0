import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { afterName, containsText } from "@/server/db/text-search";
import type { Database } from "@/db/client";
import { deals, memberships, teamMembers, teams, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { auditAs, updateAudited, type AuditedRecord } from "@/server/services/audit";
import { homeTeamOf } from "@/server/services/deal-access";
import { assertAnotherActiveAdmin } from "@/server/services/organizations";
import { orgProcedure, router } from "../init";
import { idSchema, pageLimitSchema, roleSchema } from "@/server/domain/schemas";
import { AppError, badRequest } from "@/server/domain/errors";

const memberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(["active", "deactivated"]),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), isManager: z.boolean() })),
});

async function findMember(db: Database, orgId: string, userId: string) {
  const [member] = await db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member) throw new AppError("NOT_FOUND", "Member not found.");
  return member;
}

/** A member's membership of the caller's organization, as updateAudited writes it. */
const memberRecord = (actor: Actor, userId: string): AuditedRecord<typeof memberships> => ({
  table: memberships,
  where: and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)),
  entityType: "member",
  entityId: userId,
});

export const membersRouter = router({
  /** Members by name, keyset-paginated (cursor = last name + user id). Teams come from the same query. */
  list: orgProcedure("org.read")
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        status: z.enum(["active", "deactivated"]).optional(),
        limit: pageLimitSchema,
        cursor: z.object({ name: z.string(), userId: z.uuid() }).nullish(),
      }),
    )
    .output(
      z.object({
        items: z.array(memberSchema),
        nextCursor: z.object({ name: z.string(), userId: z.uuid() }).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const filters: (SQL | undefined)[] = [eq(memberships.orgId, ctx.orgId)];
      if (input.status) filters.push(eq(memberships.status, input.status));
      if (input.search) filters.push(containsText(input.search, users.name, users.email));
      if (input.cursor) {
        const { name, userId } = input.cursor;
        filters.push(afterName(users.name, memberships.userId, { name, id: userId }));
      }
      const rows = await ctx.db
        .select({
          userId: memberships.userId,
          name: users.name,
          email: users.email,
          role: memberships.role,
          status: memberships.status,
          teams: sql<{ id: string; name: string; isManager: boolean }[]>`coalesce((
            select json_agg(json_build_object('id', ${teams.id}, 'name', ${teams.name}, 'isManager', ${teamMembers.isManager}) order by ${teams.name})
            from ${teamMembers} join ${teams} on ${teams.orgId} = ${teamMembers.orgId} and ${teams.id} = ${teamMembers.teamId}
            where ${teamMembers.orgId} = ${memberships.orgId} and ${teamMembers.userId} = ${memberships.userId}), '[]'::json)`,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(...filters))
        .orderBy(asc(users.name), asc(memberships.userId))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > input.limit && last ? { name: last.name, userId: last.userId } : null };
    }),

  changeRole: orgProcedure("members.manage")
    .input(z.object({ userId: idSchema, role: roleSchema }))
    .output(z.object({ userId: z.uuid(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const member = await findMember(ctx.db, ctx.orgId, input.userId);
      if (member.role === input.role) return input;
      if (member.role === "admin") await assertAnotherActiveAdmin(ctx.db, ctx.orgId, input.userId);
      await updateAudited(ctx.db, ctx.actor, memberRecord(ctx.actor, input.userId), {
        action: "member.role_changed",
        before: { role: member.role },
        after: { role: input.role },
      });
      return input;
    }),

  /**
   * Puts the member in one team (as a plain member), replacing their other non-manager team seats. Their open
   * deals follow them to their new home team (so its managers see them); closed deals stay with the team that
   * worked them, for reporting.
   */
  moveTeam: orgProcedure("members.manage")
    .input(z.object({ userId: idSchema, teamId: idSchema.nullable() }))
    .output(z.object({ userId: z.uuid(), teamId: z.uuid().nullable() }))
    .mutation(async ({ ctx, input }) => {
      await findMember(ctx.db, ctx.orgId, input.userId);
      if (input.teamId) {
        const [team] = await ctx.db
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.orgId, ctx.orgId), eq(teams.id, input.teamId)));
        if (!team) throw new AppError("NOT_FOUND", "Team not found.");
      }
      const removed = await ctx.db
        .delete(teamMembers)
        .where(
          and(eq(teamMembers.orgId, ctx.orgId), eq(teamMembers.userId, input.userId), eq(teamMembers.isManager, false)),
        )
        .returning({ teamId: teamMembers.teamId });
      if (input.teamId) {
        await ctx.db
          .insert(teamMembers)
          .values({ orgId: ctx.orgId, teamId: input.teamId, userId: input.userId, isManager: false })
          .onConflictDoNothing();
      }
      const home = await homeTeamOf(ctx.db, ctx.orgId, input.userId);
      const moved = await ctx.db
        .update(deals)
        .set({ teamId: home, updatedAt: sql`now()` })
        .where(
          and(
            eq(deals.orgId, ctx.orgId),
            eq(deals.ownerId, input.userId),
            inArray(deals.stage, [...OPEN_STAGES]),
            sql`${deals.teamId} is distinct from ${home}::uuid`,
          ),
        )
        .returning({ id: deals.id });
      await auditAs(ctx.db, ctx.actor, {
        action: "member.team_changed",
        entityType: "member",
        entityId: input.userId,
        before: { teamIds: removed.map((r) => r.teamId) },
        after: { teamId: input.teamId, openDealsMoved: moved.length },
      });
      return input;
    }),

  /** Ends the member's access to this organization at their next request; their records stay. */
  deactivate: orgProcedure("members.manage")
    .input(z.object({ userId: idSchema }))
    .output(z.object({ userId: z.uuid(), status: z.literal("deactivated") }))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id) badRequest("userId", "You cannot deactivate yourself.");
      const member = await findMember(ctx.db, ctx.orgId, input.userId);
      if (member.role === "admin") await assertAnotherActiveAdmin(ctx.db, ctx.orgId, input.userId);
      await updateAudited(ctx.db, ctx.actor, memberRecord(ctx.actor, input.userId), {
        action: "member.deactivated",
        before: { status: member.status },
        after: { status: "deactivated" },
      });
      return { userId: input.userId, status: "deactivated" as const };
    }),

  reactivate: orgProcedure("members.manage")
    .input(z.object({ userId: idSchema }))
    .output(z.object({ userId: z.uuid(), status: z.literal("active") }))
    .mutation(async ({ ctx, input }) => {
      const member = await findMember(ctx.db, ctx.orgId, input.userId);
      await updateAudited(ctx.db, ctx.actor, memberRecord(ctx.actor, input.userId), {
        action: "member.reactivated",
        before: { status: member.status },
        after: { status: "active" },
      });
      return { userId: input.userId, status: "active" as const };
    }),
});
