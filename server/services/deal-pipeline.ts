/**
 * The pipeline: pages of deals, totals per stage, the kanban's columns, the CSV export's rows, and what the
 * filters and the deal form offer. The filters as SQL are in deal-conditions.ts, sort orders and cursors in
 * deal-queries.ts.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import {
  accounts,
  dealAlignment,
  deals,
  disqualificationReasons,
  objectives,
  strategies,
  teams,
  users,
} from "@/db/schema";
import { together } from "@/server/db/together";
import type { Actor } from "@/server/authz/actor";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { stageSchema } from "@/server/domain/deal-fields";
import { dealRecomputingSql, organizationRecomputingSql } from "@/server/services/alignment-queue";
import { visibilityOf } from "@/server/services/deal-access";
import { dealColumns, dealJoins } from "@/server/services/deal-columns";
import type { DealCursor, DealFilters, DealRow, SortInput } from "@/server/domain/deal-list-schemas";
import { filterConditions } from "@/server/services/deal-conditions";
import { omit } from "@/server/domain/objects";
import { boardIds, orderBy, pageOfDeals, SORT_KEYS, totalGroups } from "@/server/services/deal-queries";

/** Each value as the select item `<value> as "<field>"`. */
function selectItems(values: Record<string, unknown>): SQL[] {
  return Object.entries(values).map(([field, value]) => sql`${value} as ${sql.identifier(field)}`);
}

/**
 * What a pipeline row shows, as `<value> as "<field>"` select items: the rows are read with a raw statement, whose
 * objects postgres.js and PGlite build themselves. Drizzle's select would map every cell again in JavaScript, and
 * copying each row to drop a helper column costs as much: together about a quarter of the board's CPU for 400 cards
 * (docs/performance.md "Rows as the driver builds them"). Every value arrives in the type `dealRowSchema` wants (dates
 * and amounts as text, as Drizzle gives them) except `updatedAt`, made a Date in `rowsOfPage`.
 */
const rowItems = selectItems({
  ...dealColumns,
  score: dealAlignment.score,
  customer: dealAlignment.customer,
  company: dealAlignment.company,
  rep: dealAlignment.rep,
  flags: dealAlignment.flags,
  recomputing: dealRecomputingSql,
});

/**
 * The pipeline rows of the deals `pageOfDeals` or `boardIds` picked, in the sort order, each with the text values
 * of `extra` too.
 */
async function rowsOfPage<Extra extends Record<string, SQL<string>> = Record<never, SQL<string>>>(
  db: Database,
  actor: Actor,
  page: ReturnType<typeof pageOfDeals>,
  sort: SortInput,
  extra?: Extra,
): Promise<(DealRow & Record<keyof Extra, string>)[]> {
  const rows = await selectRows<DealRow & Record<keyof Extra, string>>(
    db,
    sql`select ${sql.join([...rowItems, ...selectItems(extra ?? {})], sql`, `)}
      from ${page}
      join ${deals} on ${and(eq(deals.orgId, actor.orgId), eq(deals.id, page.pageId))}
      join ${accounts} on ${dealJoins.account}
      join ${users} on ${dealJoins.owner}
      join ${dealAlignment} on ${dealJoins.scores}
      order by ${sql.join(orderBy(sort), sql`, `)}`,
  );
  // The timestamp arrives as Postgres's text; changed in place, as a copy of each row would cost more than the rest.
  for (const row of rows) row.updatedAt = new Date(row.updatedAt as unknown as string);
  return rows;
}

/** One page of the filtered list in the sort order, after the cursor. */
export async function listDeals(
  db: Database,
  actor: Actor,
  input: { filters: DealFilters; sort: SortInput; limit: number; cursor?: DealCursor | null },
) {
  const visibility = await visibilityOf(db, actor);
  const page = pageOfDeals(db, visibility, input.filters, input.sort, input.cursor, input.limit + 1);
  const rows = await rowsOfPage(db, actor, page, input.sort, { sortKey: SORT_KEYS[input.sort.by].text });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => omit(row, "sortKey")),
    nextCursor: rows.length > input.limit && last ? { key: last.sortKey, id: last.id } : null,
  };
}

/** Count and sum per stage and currency for the filters (SQL; amounts stay decimal strings). */
export async function dealTotals(db: Database, actor: Actor, filters: DealFilters) {
  const visibility = await visibilityOf(db, actor);
  const groups = totalGroups(db, visibility, filters);
  // The pipeline (open stages only) summed in SQL from the same groups, so no float. Sent together with the
  // question whether figures are being recomputed (no round trip of its own).
  const [byStage, pipeline, [queue]] = await together([
    db
      .select({
        stage: groups.stage,
        currency: groups.currency,
        deals: sql<number>`sum(${groups.deals})::int`,
        amount: sql<string>`sum(${groups.amount})::text`,
      })
      .from(groups)
      .groupBy(groups.stage, groups.currency)
      .orderBy(groups.stage, groups.currency),
    db
      .select({
        currency: groups.currency,
        deals: sql<number>`sum(${groups.deals})::int`,
        amount: sql<string>`sum(${groups.amount})::text`,
      })
      .from(groups)
      .where(inArray(groups.stage, [...OPEN_STAGES]))
      .groupBy(groups.currency)
      .orderBy(groups.currency),
    selectRows<{ recomputing: boolean }>(db, sql`select ${organizationRecomputingSql(actor.orgId)} as recomputing`),
  ]);
  return { byStage, pipeline, recomputing: queue!.recomputing };
}

const BOARD_ORDER: SortInput = { by: "closeDate", dir: "asc" };

/** The kanban: per stage, the first deals by close date (at most `perStage`), with the stage's count. */
export async function dealBoard(db: Database, actor: Actor, input: { filters: DealFilters; perStage: number }) {
  const visibility = await visibilityOf(db, actor);
  const stages = input.filters.stages?.length ? input.filters.stages : [...stageSchema.options];
  // boardIds narrows each scan to the caller's own deals or one team of their scope (admins see every deal):
  // the visibility condition is implied, and repeated it would keep the planner off the per-team indexes.
  const conditions = and(...filterConditions(actor.orgId, { ...input.filters, stages: undefined }));
  const firstOfEachStage = boardIds(db, visibility, conditions, stages, input.perStage);
  const groups = totalGroups(db, visibility, input.filters);
  const [rows, counts] = await together([
    // By close date: each stage's deals stay in the board's order when the columns are split below.
    rowsOfPage(db, actor, firstOfEachStage, BOARD_ORDER),
    db
      .select({ stage: groups.stage, count: sql<number>`sum(${groups.deals})::int` })
      .from(groups)
      .groupBy(groups.stage),
  ]);
  const columns = stageSchema.options.map((stage) => ({
    stage,
    count: counts.find((row) => row.stage === stage)?.count ?? 0,
    items: rows.filter((row) => row.stage === stage),
  }));
  return { columns };
}

/** Every row of the filtered list (up to 10,000), for the CSV export. */
export async function exportDeals(db: Database, actor: Actor, input: { filters: DealFilters; sort: SortInput }) {
  const LIMIT = 10_000;
  const visibility = await visibilityOf(db, actor);
  const page = pageOfDeals(db, visibility, input.filters, input.sort, null, LIMIT + 1);
  const rows = await rowsOfPage(db, actor, page, input.sort);
  return { items: rows.slice(0, LIMIT), truncated: rows.length > LIMIT };
}

/** What the pipeline's filters and the deal form offer: teams, objectives, reasons (owners: deal-owners.ts). */
export async function dealOptions(db: Database, actor: Actor) {
  const [teamRows, objectiveRows, reasons] = await together([
    db
      .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
      .from(teams)
      .where(eq(teams.orgId, actor.orgId))
      .orderBy(asc(teams.name)),
    db
      .select({
        id: objectives.id,
        title: objectives.title,
        weight: objectives.weight,
        strategyName: strategies.name,
      })
      .from(objectives)
      .innerJoin(strategies, and(eq(strategies.orgId, objectives.orgId), eq(strategies.id, objectives.strategyId)))
      .where(and(eq(objectives.orgId, actor.orgId), eq(strategies.status, "active")))
      .orderBy(desc(strategies.startsOn), asc(objectives.position)),
    db
      .select({ id: disqualificationReasons.id, label: disqualificationReasons.label })
      .from(disqualificationReasons)
      .where(and(eq(disqualificationReasons.orgId, actor.orgId), eq(disqualificationReasons.archived, false)))
      .orderBy(asc(disqualificationReasons.position), asc(disqualificationReasons.label)),
  ]);
  return { teams: teamRows, objectives: objectiveRows, reasons };
}
