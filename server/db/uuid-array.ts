import { sql, type SQL } from "drizzle-orm";

/**
 * Ids as ONE `uuid[]` parameter, for `= any(…)` / `<> all(…)`: an `in (…)` list binds a parameter per id, and a
 * whole organization's people (5,000) made the statement slow to parse and plan before it read a row.
 */
export function uuidArray(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(",")}}`}::uuid[]`;
}
