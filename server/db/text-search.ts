/** Conditions of list queries that narrow by what the user typed or where the last page ended. */
import { and, eq, gt, ilike, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { likePattern } from "@/server/domain/like-pattern";

/** Rows where one of the columns contains `text` (case-insensitive; `%`, `_` and `\` in it match themselves). */
export function containsText(text: string, ...columns: AnyPgColumn[]): SQL {
  const pattern = likePattern(text);
  return or(...columns.map((column) => ilike(column, pattern)))!;
}

/** Rows after the cursor in `order by name, id` (names repeat; the id breaks the tie). */
export function afterName(nameColumn: AnyPgColumn, idColumn: AnyPgColumn, cursor: { name: string; id: string }): SQL {
  return or(gt(nameColumn, cursor.name), and(eq(nameColumn, cursor.name), gt(idColumn, cursor.id)))!;
}
