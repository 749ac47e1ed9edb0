/**
 * The pipeline's filters, sort orders and keyset cursors as SQL, shared by deals.list, deals.totals,
 * deals.board and deals.export (and the CSV export route through deals.export). Scores come from the stored
 * `deal_alignment` table, objective matches from `deal_objective_match`, search from `deal_search_terms`:
 * no deal is scored on read (docs/performance.md "Which query should read what"). Every condition is on a
 * column and a leakproof operator, so that row-level security lets the indexes serve it.
 */
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database } from "@/db/client";
import { dealAlignment, dealObjectiveRollup, dealRollup, deals } from "@/db/schema";
import { amountSchema, dateSchema, flagSchema, isRealDate, stageSchema } from "@/server/domain/deal-fields";
import type { Visibility } from "@/server/services/deal-access";
import { cursorTime, cursorTimeSchema } from "@/server/db/keyset";

export const DEAL_SORTS = ["closeDate", "amount", "score", "name", "updatedAt"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const dealFiltersSchema = z
  .object({
    ownerIds: z.array(z.uuid()).max(50).optional(),
    /** A team: its deals and those of its sub-teams. */
    teamId: z.uuid().optional(),
    stages: z.array(stageSchema).max(8).optional(),
    objectiveId: z.uuid().optional(),
    flag: flagSchema.optional(),
    accountId: z.uuid().optional(),
    closeFrom: dateSchema.optional(),
    closeTo: dateSchema.optional(),
    amountMin: amountSchema.optional(),
    amountMax: amountSchema.optional(),
    search: z.string().trim().max(100).optional(),
  })
  .superRefine((filters, ctx) => {
    if (filters.closeFrom && filters.closeTo && filters.closeFrom > filters.closeTo) {
      ctx.addIssue({ code: "custom", path: ["closeTo"], message: "Must not be before the start date" });
    }
    // Compared as decimals without floats: pad both to the same shape.
    if (filters.amountMin && filters.amountMax && compareDecimal(filters.amountMin, filters.amountMax) > 0) {
      ctx.addIssue({ code: "custom", path: ["amountMax"], message: "Must not be below the minimum" });
    }
  });
export type DealFilters = z.infer<typeof dealFiltersSchema>;

/** Compares two non-negative decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const [ai = "0", af = ""] = a.split(".");
  const [bi = "0", bf = ""] = b.split(".");
  const width = Math.max(ai.length, bi.length);
  const left = ai.replace(/^0+(?=\d)/, "").padStart(width, "0") + af.padEnd(2, "0");
  const right = bi.replace(/^0+(?=\d)/, "").padStart(width, "0") + bf.padEnd(2, "0");
  return left < right ? -1 : left > right ? 1 : 0;
}

export const sortSchema = z.object({
  by: z.enum(DEAL_SORTS).default("closeDate"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type SortInput = z.infer<typeof sortSchema>;

export const dealCursorSchema = z.object({ key: z.string().max(300), id: z.uuid() });
export type DealCursor = z.infer<typeof dealCursorSchema>;

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

/** The object without the given keys (for rows that carry helper columns). */
export function omit<T extends object, K extends keyof T>(row: T, ...keys: K[]): Omit<T, K> {
  const out = { ...row };
  for (const key of keys) delete out[key];
  return out;
}

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
  const where: (SQL | undefined)[] = [eq(deals.orgId, orgId), visibility.deals];
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
  const where = dealConditions(orgId, visibility, filters);
  if (cursor) where.push(afterCursor(sort, cursor));
  const { actor, scope } = visibility;
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  if (actor.role !== "admin" && teamIds.length > 0 && teamIds.length <= MERGED_SCOPE_MAX_TEAMS) {
    return scopedPage(db, visibility, where, sort, limit, teamIds);
  }
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
 * organization; the organization's index with the scope as a filter reads past every other team's rows.
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
 */
export function boardIds(visibility: Visibility, conditions: SQL | undefined, stages: string[], perStage: number): SQL {
  const scan = (narrow: SQL) =>
    sql`select ${deals.id} as id, ${deals.closeKey} as close_key from ${deals}
        where ${conditions} and ${narrow} and ${deals.stageName} = column_stage.stage
        order by ${deals.closeKey}, ${deals.id} limit ${perStage}`;
  const columns = sql`unnest(${arrayOf(stages, "text")}) as column_stage(stage)`;
  const { actor, scope } = visibility;
  if (actor.role === "admin") return sql`(select top.id from ${columns} cross join lateral (${scan(sql`true`)}) top)`;
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  const perTeam =
    teamIds.length > 0
      ? sql`union all select of_team.id, of_team.close_key from unnest(${arrayOf(teamIds, "uuid")}) as scope_team(id)
            cross join lateral (${scan(sql`${deals.teamId} = scope_team.id`)}) of_team`
      : sql``;
  return sql`(select top.id from ${columns} cross join lateral (
      select distinct merged.id, merged.close_key from (
        select own.id, own.close_key from (${scan(eq(deals.ownerId, actor.userId))}) own ${perTeam}
      ) merged order by merged.close_key, merged.id limit ${perStage}) top)`;
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

/** The columns of a pipeline row (owner name through a join on users). */
export const dealRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  amount: z.string(),
  currency: z.string(),
  stage: stageSchema,
  closeDate: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  teamId: z.uuid().nullable(),
  product: z.string().nullable(),
  problemFit: z.enum(["yes", "partly", "no", "unknown"]),
  disqualifiedReason: z.string().nullable(),
  externalId: z.string().nullable(),
  score: z.number().int(),
  customer: z.number(),
  company: z.number(),
  rep: z.number(),
  flags: z.array(flagSchema),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type DealRow = z.infer<typeof dealRowSchema>;
