import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, teamMembers, teams, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { flattenTree, wouldCreateCycle } from "@/server/authz/team-tree";
import { auditAs, updateAudited, type AuditedRecord } from "@/server/services/audit";
import { orgProcedure, router } from "../init";
import { idSchema, nameSchema } from "@/server/domain/schemas";
import { pick } from "@/server/domain/objects";
import { upsert } from "@/server/db/upsert";
import { badRequest, notFound } from "@/server/domain/errors";

const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentTeamId: z.uuid().nullable(),
  depth: z.number().int(),
  memberCount: z.number().int(),
  managers: z.array(z.object({ userId: z.uuid(), name: z.string() })),
});

async function loadTeams(db: Database, orgId: string) {
  return db
    .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
    .from(teams)
    .where(eq(teams.orgId, orgId));
}

async function assertTeamExists(db: Database, orgId: string, teamId: string, field = "teamId") {
  const [team] = await db
    .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
  if (!team) notFound(field, "Team not found.");
  return team;
}

/** A team of the caller's organization, as updateAudited writes it. */
const teamRecord = (actor: Actor, teamId: string): AuditedRecord<typeof teams> => ({
  table: teams,
  where: and(eq(teams.orgId, actor.orgId), eq(teams.id, teamId)),
  entityType: "team",
  entityId: teamId,
});

type TeamFields = Pick<typeof teams.$inferSelect, "name" | "parentTeamId">;

/**
 * Sets fields of a team (`team`: as read before the change) and audits them with the values they replace; answers
 * the team's id with the new values.
 */
async function updateTeam<K extends keyof TeamFields>(
  ctx: { db: Database; actor: Actor },
  team: { id: string } & TeamFields,
  { action, after }: { action: string; after: Pick<TeamFields, K> },
) {
  const before = pick(team, ...(Object.keys(after) as K[]));
  await updateAudited(ctx.db, ctx.actor, teamRecord(ctx.actor, team.id), { action, before, after });
  return { id: team.id, ...after };
}

export const teamsRouter = router({
  /** The whole tree in display order, with member counts and managers (one query). */
  list: orgProcedure("org.read")
    .output(z.array(teamSchema))
    .query(async ({ ctx }) => {
      // A join (not correlated subqueries): drizzle qualifies column names only in joined selects.
      const rows = await ctx.db
        .select({
          id: teams.id,
          name: teams.name,
          parentTeamId: teams.parentTeamId,
          memberCount: sql<number>`count(${teamMembers.userId})::int`,
          managers: sql<{ userId: string; name: string }[]>`coalesce(
            json_agg(json_build_object('userId', ${users.id}, 'name', ${users.name}) order by ${users.name}) filter (where ${teamMembers.isManager}),
            '[]'::json)`,
        })
        .from(teams)
        .leftJoin(teamMembers, and(eq(teamMembers.orgId, teams.orgId), eq(teamMembers.teamId, teams.id)))
        .leftJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teams.orgId, ctx.orgId))
        .groupBy(teams.orgId, teams.id);
      return flattenTree(rows).map(({ team, depth }) => ({ ...team, depth }));
    }),

  create: orgProcedure("teams.manage")
    .input(z.object({ name: nameSchema, parentTeamId: idSchema.nullable().default(null) }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (input.parentTeamId) await assertTeamExists(ctx.db, ctx.orgId, input.parentTeamId, "parentTeamId");
      const id = crypto.randomUUID();
      await ctx.db.insert(teams).values({ orgId: ctx.orgId, id, name: input.name, parentTeamId: input.parentTeamId });
      await auditAs(ctx.db, ctx.actor, {
        action: "team.created",
        entityType: "team",
        entityId: id,
        after: input,
      });
      return { id };
    }),

  rename: orgProcedure("teams.manage")
    .input(z.object({ teamId: idSchema, name: nameSchema }))
    .output(z.object({ id: z.uuid(), name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const team = await assertTeamExists(ctx.db, ctx.orgId, input.teamId);
      return updateTeam(ctx, team, { action: "team.renamed", after: { name: input.name } });
    }),

  /** Re-parents a team; a team can never end up below itself. */
  move: orgProcedure("teams.manage")
    .input(z.object({ teamId: idSchema, parentTeamId: idSchema.nullable() }))
    .output(z.object({ id: z.uuid(), parentTeamId: z.uuid().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const team = await assertTeamExists(ctx.db, ctx.orgId, input.teamId);
      if (input.parentTeamId) await assertTeamExists(ctx.db, ctx.orgId, input.parentTeamId, "parentTeamId");
      // Lock the tree so that two concurrent moves cannot together close a cycle.
      await ctx.db.execute(sql`select 1 from ${teams} where ${teams.orgId} = ${ctx.orgId} for update`);
      if (wouldCreateCycle(await loadTeams(ctx.db, ctx.orgId), input.teamId, input.parentTeamId)) {
        badRequest("parentTeamId", "A team cannot be moved under itself or one of its sub-teams.");
      }
      return updateTeam(ctx, team, { action: "team.moved", after: { parentTeamId: input.parentTeamId } });
    }),

  /** Makes a member a manager of the team (adding them to it), or takes the manager seat away. */
  setManager: orgProcedure("teams.manage")
    .input(z.object({ teamId: idSchema, userId: idSchema, isManager: z.boolean() }))
    .output(z.object({ teamId: z.uuid(), userId: z.uuid(), isManager: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await assertTeamExists(ctx.db, ctx.orgId, input.teamId);
      const [member] = await ctx.db
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)));
      if (!member) notFound("userId", "Member not found.");
      await upsert(ctx.db, teamMembers, ["orgId", "teamId", "userId"], {
        orgId: ctx.orgId,
        teamId: input.teamId,
        userId: input.userId,
        isManager: input.isManager,
      });
      await auditAs(ctx.db, ctx.actor, {
        action: input.isManager ? "team.manager_added" : "team.manager_removed",
        entityType: "team",
        entityId: input.teamId,
        after: { userId: input.userId },
      });
      return input;
    }),
});
