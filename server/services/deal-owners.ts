/**
 * The people a caller can pick as a deal's owner, or filter the pipeline by: a search with keyset pages instead of
 * the organization's whole member list (5,600 people at 1,000,000 deals). Active members who may own deals (not
 * viewers), within what the caller sees of the pipeline: admins everyone; managers and viewers the members of the
 * teams in their scope (and managers themselves); reps only themselves.
 */
import { and, asc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, teamMembers, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { keysetPage } from "@/server/db/keyset";
import { pageLimitSchema } from "@/server/domain/schemas";
import { scopeOf } from "@/server/services/scope";
import { afterName, containsText } from "@/server/db/text-search";

export const ownerCursorSchema = z.object({ name: z.string().max(300), id: z.uuid() });

export const dealOwnersInput = z.object({
  /** Part of the name or email, case-insensitive. */
  search: z.string().trim().max(100).optional(),
  /** Only these people (to show the names of chosen owners). */
  ids: z.array(z.uuid()).max(50).optional(),
  limit: pageLimitSchema,
  cursor: ownerCursorSchema.nullish(),
});

export const dealOwnersOutput = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
  nextCursor: ownerCursorSchema.nullable(),
});

/** Who the caller may see as an owner, as a condition on memberships (org_id leads every index it uses). */
async function ownersVisibleTo(db: Database, actor: Actor): Promise<SQL | undefined> {
  if (actor.role === "admin") return undefined;
  if (actor.role === "rep") return eq(memberships.userId, actor.userId);
  const scope = await scopeOf(db, actor);
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  const inScope =
    teamIds.length > 0
      ? inArray(
          memberships.userId,
          db
            .select({ userId: teamMembers.userId })
            .from(teamMembers)
            .where(and(eq(teamMembers.orgId, actor.orgId), inArray(teamMembers.teamId, teamIds))),
        )
      : sql`false`;
  return actor.role === "manager" ? or(eq(memberships.userId, actor.userId), inScope) : inScope;
}

/** One page of possible owners by name (then id), after the cursor. */
export async function dealOwners(db: Database, actor: Actor, input: z.infer<typeof dealOwnersInput>) {
  const where: (SQL | undefined)[] = [
    eq(memberships.orgId, actor.orgId),
    eq(memberships.status, "active"),
    ne(memberships.role, "viewer"),
    await ownersVisibleTo(db, actor),
  ];
  if (input.ids) where.push(inArray(memberships.userId, input.ids));
  if (input.search) where.push(containsText(input.search, users.name, users.email));
  if (input.cursor) where.push(afterName(users.name, users.id, input.cursor));
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...where))
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.limit + 1);
  const { page, nextCursor } = keysetPage(rows, input.limit, (last) => ({ name: last.name, id: last.id }));
  return { items: page, nextCursor };
}
