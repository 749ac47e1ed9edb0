import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { omit } from "@/server/domain/objects";

/**
 * Inserts `row`, or, where a row with the same `key` fields exists (the table's primary key or a unique index),
 * sets the row's other fields on it.
 */
export async function upsert<T extends PgTable, K extends keyof T["$inferInsert"] & keyof T>(
  db: Database,
  table: T,
  key: K[],
  row: T["$inferInsert"],
): Promise<void> {
  await db
    .insert(table)
    .values(row)
    .onConflictDoUpdate({ target: key.map((field) => table[field]) as never, set: omit(row, ...key) as never });
}
