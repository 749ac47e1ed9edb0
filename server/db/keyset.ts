/**
 * Keyset cursors on timestamps. Postgres keeps microseconds but a JS Date only milliseconds, so a cursor
 * holding a Date would skip the rows that share the last row's millisecond (e.g. every row written by one
 * transaction). The cursor therefore carries the timestamp as text at full precision.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";

/** `2024-05-01T09:30:00.123456Z` */
export const cursorTimeSchema = z.iso.datetime({ precision: 6 });

/** The column as a cursor timestamp (UTC, microseconds). */
export function cursorTime(column: AnyPgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows after the cursor in `order by time desc, id desc`. */
export function olderThan(timeColumn: AnyPgColumn, idColumn: AnyPgColumn, cursor: { time: string; id: string }): SQL {
  return sql`(${timeColumn}, ${idColumn}) < (${cursor.time}::timestamptz, ${cursor.id}::uuid)`;
}

/** The page out of `limit + 1` rows fetched, and the cursor after it when there are more rows. */
export function keysetPage<T, C>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => C,
): { page: T[]; nextCursor: C | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** The `(time, id)` cursor of a row selected with `cursorTime: cursorTime(column)`. */
export const timeCursor = (row: { cursorTime: string; id: string }) => ({ time: row.cursorTime, id: row.id });
