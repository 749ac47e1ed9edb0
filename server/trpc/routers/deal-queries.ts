/**
 * The pipeline's filters, sort orders and keyset cursors as SQL, shared by deals.list, deals.totals,
 * deals.board and deals.export (and the CSV export route through deals.export). Scores come from the
 * `deal_scores` view: no deal is scored in JavaScript here.
 */
import { asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { accounts, dealScores, deals } from "@/db/schema";
import { amountSchema, dateSchema, flagSchema, isRealDate, stageSchema } from "@/server/domain/deal-fields";
import type { Visibility } from "@/server/services/deal-access";
import { cursorTime, cursorTimeSchema } from "../keyset";

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

const FAR_FUTURE = "9999-12-31";

/** Per sort order: the sort expression, its value as cursor text, how to read a cursor back, and its check. */
export const SORT_KEYS: Record<
  DealSort,
  { expr: SQL; text: SQL<string>; cast: (key: string) => SQL; valid: (key: string) => boolean }
> = {
  closeDate: {
    expr: sql`coalesce(${deals.closeDate}, ${FAR_FUTURE}::date)`,
    text: sql<string>`to_char(coalesce(${deals.closeDate}, ${FAR_FUTURE}::date), 'YYYY-MM-DD')`,
    cast: (key) => sql`${key}::date`,
    valid: isRealDate,
  },
  amount: {
    expr: sql`${deals.amount}`,
    text: sql<string>`${deals.amount}::text`,
    cast: (key) => sql`${key}::numeric`,
    valid: (key) => /^\d{1,12}(\.\d{1,2})?$/.test(key),
  },
  score: {
    expr: sql`${dealScores.score}`,
    text: sql<string>`${dealScores.score}::text`,
    cast: (key) => sql`${key}::int`,
    valid: (key) => /^\d{1,3}$/.test(key),
  },
  name: {
    expr: sql`${deals.name}`,
    text: sql<string>`${deals.name}`,
    cast: (key) => sql`${key}::text`,
    valid: () => true,
  },
  updatedAt: {
    expr: sql`${deals.updatedAt}`,
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

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Conditions for the filters, within what the caller may see. Queries must join accounts and deal_scores. */
export function dealConditions(orgId: string, visibility: Visibility, filters: DealFilters): SQL[] {
  const where: (SQL | undefined)[] = [eq(deals.orgId, orgId), visibility.deals];
  if (filters.ownerIds?.length) where.push(inArray(deals.ownerId, filters.ownerIds));
  if (filters.stages?.length) where.push(inArray(deals.stage, filters.stages));
  if (filters.accountId) where.push(eq(deals.accountId, filters.accountId));
  if (filters.teamId) {
    where.push(sql`${deals.teamId} in (
      with recursive sub(id) as (
        select t.id from teams t where t.org_id = ${orgId} and t.id = ${filters.teamId}
        union all
        select c.id from teams c join sub on c.parent_team_id = sub.id where c.org_id = ${orgId}
      ) select id from sub)`);
  }
  if (filters.objectiveId) {
    where.push(
      sql`exists (select 1 from deal_objective_matches m where m.org_id = deals.org_id and m.deal_id = deals.id and m.objective_id = ${filters.objectiveId})`,
    );
  }
  if (filters.flag) where.push(sql`${dealScores.flags} @> array[${filters.flag}]::text[]`);
  if (filters.closeFrom) where.push(gte(deals.closeDate, filters.closeFrom));
  if (filters.closeTo) where.push(lte(deals.closeDate, filters.closeTo));
  if (filters.amountMin) where.push(sql`${deals.amount} >= ${filters.amountMin}::numeric`);
  if (filters.amountMax) where.push(sql`${deals.amount} <= ${filters.amountMax}::numeric`);
  if (filters.search)
    where.push(or(ilike(deals.name, likePattern(filters.search)), ilike(accounts.name, likePattern(filters.search))));
  return where.filter((condition): condition is SQL => condition !== undefined);
}

export function afterCursor(sort: SortInput, cursor: DealCursor): SQL {
  const key = SORT_KEYS[sort.by];
  return sort.dir === "asc"
    ? sql`(${key.expr}, ${deals.id}) > (${key.cast(cursor.key)}, ${cursor.id}::uuid)`
    : sql`(${key.expr}, ${deals.id}) < (${key.cast(cursor.key)}, ${cursor.id}::uuid)`;
}

export function orderBy(sort: SortInput): SQL[] {
  const key = SORT_KEYS[sort.by];
  return sort.dir === "asc" ? [asc(key.expr), asc(deals.id)] : [desc(key.expr), desc(deals.id)];
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
