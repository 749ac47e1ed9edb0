/**
 * The pipeline's sort orders, keyset cursors, pages, board and totals as SQL, shared by deals.list, deals.totals,
 * deals.board and deals.export (and the CSV export route through deals.export); the filters' conditions are in
 * deal-conditions.ts. Scores come from the stored `deal_alignment` table, objective matches from
 * `deal_objective_match`, search from `deal_search_terms`: no deal is scored on read (docs/performance.md "Which
 * query should read what").
 */
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { dealAlignment, dealObjectiveRollup, dealRollup, deals } from "@/db/schema";
import { isRealDate } from "@/server/domain/dates";
import type { DealCursor, DealFilters, DealSort, SortInput } from "@/server/domain/deal-list-schemas";
import type { Visibility } from "@/server/services/deal-access";
import {
  dealConditions,
  filterConditions,
  rollupAnswers,
  rollupConditions,
  visibleOn,
} from "@/server/services/deal-conditions";
import { cursorTime, cursorTimeSchema } from "@/server/db/keyset";

/**
 * Per sort order: the sort column, the id column that breaks ties (both in one index), the value as cursor text,
 * how to read a cursor back, and its check. Score sorts read deal_alignment's indexes; the others deals' own.
 */
export const SORT_KEYS: Record<
  DealSort,
  { expr: AnyPgColumn; id: AnyPgColumn; text: SQL<string>; cast: (key: string) => SQL; valid: (key: string) => boolean }
> = {
  closeDate: {
    expr: deals.closeKey,
    id: deals.id,
    text: sql<string>`to_char(${deals.closeKey}, 'YYYY-MM-DD')`,
    cast: (key) => sql`${key}::date`,
    valid: isRealDate,
  },
  amount: {
    expr: deals.amountCents,
    id: deals.id,
    text: sql<string>`${deals.amount}::text`,
    cast: (key) => sql`(${key}::numeric * 100)::bigint`,
    valid: (key) => /^\d{1,12}(\.\d{1,2})?$/.test(key),
  },
  score: {
    expr: dealAlignment.score,
    id: dealAlignment.dealId,
    text: sql<string>`${dealAlignment.score}::text`,
    cast: (key) => sql`${key}::int`,
    valid: (key) => /^\d{1,3}$/.test(key),
  },
  name: {
    expr: deals.name,
    id: deals.id,
    text: sql<string>`${deals.name}`,
    cast: (key) => sql`${key}::text`,
    valid: () => true,
  },
  updatedAt: {
    expr: deals.updatedAt,
    id: deals.id,
    text: cursorTime(deals.updatedAt),
    cast: (key) => sql`${key}::timestamptz`,
    valid: (key) => cursorTimeSchema.safeParse(key).success,
  },
};

export function afterCursor(sort: SortInput, cursor: DealCursor): SQL {
  const key = SORT_KEYS[sort.by];
  return sort.dir === "asc"
    ? sql`(${key.expr}, ${key.id}) > (${key.cast(cursor.key)}, ${cursor.id}::uuid)`
    : sql`(${key.expr}, ${key.id}) < (${key.cast(cursor.key)}, ${cursor.id}::uuid)`;
}

export function orderBy(sort: SortInput): SQL[] {
  const key = SORT_KEYS[sort.by];
  return sort.dir === "asc" ? [asc(key.expr), asc(key.id)] : [desc(key.expr), desc(key.id)];
}

/**
 * Above this many teams in a scope, a page is read from the organization's sort index with the scope as a filter
 * (the scope then holds most of the organization); up to it, one ordered scan per team, merged (scopedPage).
 */
export const MERGED_SCOPE_MAX_TEAMS = 100;

/**
 * The ids of one page of the list, picked from deals' sort index (or deal_alignment's for the score) before
 * anything is joined; the caller joins what a row shows to these rows only. A `pageId` column.
 */
export function pageOfDeals(
  db: Database,
  visibility: Visibility,
  filters: DealFilters,
  sort: SortInput,
  cursor: DealCursor | null | undefined,
  limit: number,
) {
  const orgId = visibility.actor.orgId;
  const { actor, scope } = visibility;
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  const cursorConditions = cursor ? [afterCursor(sort, cursor)] : [];
  if (actor.role !== "admin" && teamIds.length > 0 && teamIds.length <= MERGED_SCOPE_MAX_TEAMS) {
    // Each of its scans is the caller's own deals or one team of the scope: visible, without the condition.
    return scopedPage(db, visibility, [...filterConditions(orgId, filters), ...cursorConditions], sort, limit, teamIds);
  }
  const where = [...dealConditions(orgId, visibility, filters), ...cursorConditions];
  if (sort.by !== "score") {
    return db
      .select({ pageId: deals.id })
      .from(deals)
      .where(and(...where))
      .orderBy(...orderBy(sort))
      .limit(limit)
      .as("page");
  }
  // By score: deal_alignment's (org_id, score, deal_id) order, its owner and team narrowing it for reps and teams.
  const scoped = visibleOn(visibility, dealAlignment.ownerId, dealAlignment.teamId);
  if (scoped) where.push(scoped);
  return db
    .select({ pageId: dealAlignment.dealId })
    .from(dealAlignment)
    .innerJoin(deals, and(eq(deals.orgId, dealAlignment.orgId), eq(deals.id, dealAlignment.dealId)))
    .where(and(eq(dealAlignment.orgId, orgId), ...where))
    .orderBy(...orderBy(sort))
    .limit(limit)
    .as("page");
}

/**
 * A page for a scope of teams (a manager's or a viewer's), in one statement: one ordered keyset scan of the page's
 * size for the caller's own deals and one per team of the scope (`unnest(teams)` × LATERAL on the per-team sort
 * index, `(org_id, team_id, <sort key>, id)`, or deal_alignment's `(org_id, team_id, score, deal_id)`), their union
 * ordered and cut to the page. It reads (teams + 1) × page index entries at any depth, however large the
 * organization; the organization's index with the scope as a filter reads past every other team's rows. Each scan
 * is narrowed to what the caller may read, so `where` holds the filters only (filterConditions).
 */
function scopedPage(
  db: Database,
  visibility: Visibility,
  where: SQL[],
  sort: SortInput,
  limit: number,
  teamIds: string[],
) {
  const key = SORT_KEYS[sort.by];
  const byScore = sort.by === "score";
  const scan = (narrow: SQL) => {
    const columns = { dealId: sql<string>`${key.id}`.as("deal_id"), sortKey: sql`${key.expr}`.as("sort_key") };
    const source = byScore
      ? db
          .select(columns)
          .from(dealAlignment)
          .innerJoin(deals, and(eq(deals.orgId, dealAlignment.orgId), eq(deals.id, dealAlignment.dealId)))
          .where(and(eq(dealAlignment.orgId, visibility.actor.orgId), ...where, narrow))
      : db
          .select(columns)
          .from(deals)
          .where(and(...where, narrow));
    return source.orderBy(...orderBy(sort)).limit(limit);
  };
  const owner = byScore ? dealAlignment.ownerId : deals.ownerId;
  const team = byScore ? dealAlignment.teamId : deals.teamId;
  const dir = sql.raw(sort.dir);
  const merged = sql`(select merged.deal_id, merged.sort_key from (
      (${scan(eq(owner, visibility.actor.userId))})
      union
      select of_team.deal_id, of_team.sort_key from unnest(${arrayOf(teamIds, "uuid")}) as scope_team(id)
        cross join lateral (${scan(sql`${team} = scope_team.id`)}) of_team
    ) merged order by merged.sort_key ${dir}, merged.deal_id ${dir} limit ${limit}) as scoped`;
  return db
    .select({ pageId: sql<string>`scoped.deal_id`.as("page_id") })
    .from(merged)
    .as("page");
}

/** `array[…]::<type>[]` of the values, each a parameter. */
const arrayOf = (values: readonly string[], type: "text" | "uuid") =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;

/**
 * The ids of the first `perStage` deals of each stage by close date (the board), as a subquery. Admins: one ordered
 * scan of (org_id, stage_name, close_key, id) per stage. Others: one ordered scan per stage of their own deals
 * (org_id, owner_id, stage_name, close_key, id) and of each team of their scope (org_id, team_id, stage_name,
 * close_key, id), merged: a scope's columns cost (teams + 1) × perStage index entries, however large the organization.
 * Every scan is narrowed to what the caller may read (all deals for admins), so `conditions` are the filters only.
 * A `pageId` column, as pageOfDeals: the caller joins what a card shows to these rows only.
 */
export function boardIds(
  db: Database,
  visibility: Visibility,
  conditions: SQL | undefined,
  stages: string[],
  perStage: number,
) {
  const scan = (narrow: SQL) =>
    sql`select ${deals.id} as id, ${deals.closeKey} as close_key from ${deals}
        where ${conditions} and ${narrow} and ${deals.stageName} = column_stage.stage
        order by ${deals.closeKey}, ${deals.id} limit ${perStage}`;
  const columns = sql`unnest(${arrayOf(stages, "text")}) as column_stage(stage)`;
  const { actor, scope } = visibility;
  const ids = (top: SQL) =>
    db
      .select({ pageId: sql<string>`board.id`.as("page_id") })
      .from(sql`(${top}) as board`)
      .as("page");
  if (actor.role === "admin")
    return ids(sql`select top.id from ${columns} cross join lateral (${scan(sql`true`)}) top`);
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  const perTeam =
    teamIds.length > 0
      ? sql`union all select of_team.id, of_team.close_key from unnest(${arrayOf(teamIds, "uuid")}) as scope_team(id)
            cross join lateral (${scan(sql`${deals.teamId} = scope_team.id`)}) of_team`
      : sql``;
  return ids(sql`select top.id from ${columns} cross join lateral (
      select distinct merged.id, merged.close_key from (
        select own.id, own.close_key from (${scan(eq(deals.ownerId, actor.userId))}) own ${perTeam}
      ) merged order by merged.close_key, merged.id limit ${perStage}) top`);
}

/**
 * Deal count and amount per (stage, currency) group for the filters, as a subquery (`stage`, `currency`, `deals`,
 * `amount`) to sum: from deal_rollup when the filters allow (deal_objective_rollup for an objective), otherwise
 * from deals alone.
 */
export function totalGroups(db: Database, visibility: Visibility, filters: DealFilters) {
  const orgId = visibility.actor.orgId;
  if (rollupAnswers(filters) && filters.objectiveId) {
    const r = dealObjectiveRollup;
    return db
      .select({ stage: r.stage, currency: r.currency, deals: r.deals, amount: r.amount })
      .from(r)
      .where(and(eq(r.objectiveId, filters.objectiveId), ...rollupConditions(orgId, visibility, filters, r)))
      .as("groups");
  }
  if (rollupAnswers(filters)) {
    const r = dealRollup;
    return db
      .select({ stage: r.stage, currency: r.currency, deals: r.deals, amount: r.amount })
      .from(r)
      .where(and(...rollupConditions(orgId, visibility, filters, r)))
      .as("groups");
  }
  return db
    .select({
      stage: deals.stage,
      currency: deals.currency,
      deals: count().as("deals"),
      amount: sql<string>`sum(${deals.amount})`.as("amount"),
    })
    .from(deals)
    .where(and(...dealConditions(orgId, visibility, filters)))
    .groupBy(deals.stage, deals.currency)
    .as("groups");
}
