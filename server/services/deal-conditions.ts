/**
 * The pipeline's filters as SQL conditions, within what the caller may see: on `deals` (objective matches from
 * `deal_objective_match`, flags from `deal_alignment`, search from `deal_search_terms`) or on the stored tables'
 * key columns. Every condition is on a column and a leakproof operator, so that row-level security lets the
 * indexes serve it.
 */
import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { deals } from "@/db/schema";
import type { DealFilters } from "@/server/domain/deal-list-schemas";
import type { Visibility } from "@/server/services/deal-access";

/** A team and its sub-teams, as a subquery of ids. */
function teamWithSubTeams(orgId: string, teamId: string): SQL {
  return sql`(
      with recursive sub(id) as (
        select t.id from teams t where t.org_id = ${orgId} and t.id = ${teamId}
        union all
        select c.id from teams c join sub on c.parent_team_id = sub.id where c.org_id = ${orgId}
      ) select id from sub)`;
}

/**
 * The caller's visibility on other columns holding a deal's owner and team (the stored tables copy them): the
 * same rule as visibility.deals, so that a query on deal_alignment or a rollup can use their indexes.
 */
export function visibleOn(visibility: Visibility, owner: AnyPgColumn, team: AnyPgColumn): SQL | undefined {
  const { actor, scope } = visibility;
  if (actor.role === "admin") return undefined;
  if (actor.role === "rep") return eq(owner, actor.userId);
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  return teamIds.length > 0 ? or(eq(owner, actor.userId), inArray(team, teamIds)) : eq(owner, actor.userId);
}

/** The words of a search as the stored terms are split (tandem_search_terms in migration 0011). */
export function searchWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[\s\p{P}\p{S}]+/u))].filter((word) => word !== "");
}

/**
 * Conditions for the filters, within what the caller may see, on `deals` alone (the stored tables through
 * subqueries on their primary keys), so that a page can be picked from deals' indexes before anything is joined.
 */
export function dealConditions(orgId: string, visibility: Visibility, filters: DealFilters): SQL[] {
  return [...filterConditions(orgId, filters), visibility.deals];
}

/**
 * The filters' conditions WITHOUT the caller's visibility: only for scans each narrowed to the caller's own deals or
 * to one team of their scope (scopedPage, boardIds), which imply it. Repeated there, `owner = me or team in (…)`
 * made the planner OR two indexes and sort a team's every deal instead of reading its sort index in order.
 */
export function filterConditions(orgId: string, filters: DealFilters): SQL[] {
  const where: (SQL | undefined)[] = [eq(deals.orgId, orgId)];
  if (filters.ownerIds?.length) where.push(inArray(deals.ownerId, filters.ownerIds));
  if (filters.stages?.length) where.push(inArray(deals.stageName, filters.stages));
  if (filters.accountId) where.push(eq(deals.accountId, filters.accountId));
  if (filters.teamId) where.push(sql`${deals.teamId} in ${teamWithSubTeams(orgId, filters.teamId)}`);
  if (filters.objectiveId) {
    where.push(
      sql`exists (select 1 from deal_objective_match m where m.org_id = ${deals.orgId} and m.deal_id = ${deals.id} and m.objective_id = ${filters.objectiveId})`,
    );
  }
  if (filters.flag) {
    where.push(
      sql`exists (select 1 from deal_alignment f where f.org_id = ${deals.orgId} and f.deal_id = ${deals.id} and ${filters.flag} = any(f.flags))`,
    );
  }
  if (filters.closeFrom || filters.closeTo) where.push(sql`${deals.closeDate} is not null`);
  if (filters.closeFrom) where.push(sql`${deals.closeKey} >= ${filters.closeFrom}::date`);
  if (filters.closeTo) where.push(sql`${deals.closeKey} <= ${filters.closeTo}::date`);
  if (filters.amountMin) where.push(sql`${deals.amountCents} >= (${filters.amountMin}::numeric * 100)::bigint`);
  if (filters.amountMax) where.push(sql`${deals.amountCents} <= (${filters.amountMax}::numeric * 100)::bigint`);
  if (filters.search !== undefined) {
    const words = searchWords(filters.search);
    if (words.length === 0 && filters.search !== "") where.push(sql`false`);
    for (const word of words) {
      where.push(
        sql`${deals.id} in (select t.deal_id from deal_search_terms t where t.org_id = ${orgId} and starts_with(t.term, ${word}))`,
      );
    }
  }
  return where.filter((condition): condition is SQL => condition !== undefined);
}

/**
 * Whether the filters can be answered from the rollups (deal_rollup, or deal_objective_rollup for an objective):
 * only owner, team, stage and objective filters, which the rollups' keys hold.
 */
export function rollupAnswers(filters: DealFilters): boolean {
  return (
    !filters.accountId &&
    !filters.flag &&
    !filters.closeFrom &&
    !filters.closeTo &&
    !filters.amountMin &&
    !filters.amountMax &&
    !filters.search
  );
}

/** The conditions of rollupAnswers' filters on a rollup (or stored) table's key columns. */
export function rollupConditions(
  orgId: string,
  visibility: Visibility,
  filters: DealFilters,
  keys: { orgId: AnyPgColumn; ownerId: AnyPgColumn; teamId: AnyPgColumn; stage: AnyPgColumn },
): SQL[] {
  const where: (SQL | undefined)[] = [eq(keys.orgId, orgId), visibleOn(visibility, keys.ownerId, keys.teamId)];
  if (filters.ownerIds?.length) where.push(inArray(keys.ownerId, filters.ownerIds));
  if (filters.stages?.length) where.push(inArray(keys.stage, filters.stages));
  if (filters.teamId) where.push(sql`${keys.teamId} in ${teamWithSubTeams(orgId, filters.teamId)}`);
  return where.filter((condition): condition is SQL => condition !== undefined);
}
