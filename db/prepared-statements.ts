/**
 * Every statement drizzle sends through postgres.js, prepared. Drizzle asks postgres.js for an unprepared statement
 * unless a query is given a name, and postgres.js sends an unprepared statement that has parameters in two round trips
 * (Parse and Describe, then — once Postgres has answered the parameters' types — Bind and Execute). Prepared, it is
 * kept per connection by its text: the first use takes those two round trips, every later one a single Bind and
 * Execute, and Postgres does not parse it again. docs/performance.md "Prepared statements".
 *
 * Plans are chosen, not left to Postgres: every connection starts with `plan_cache_mode = force_custom_plan`
 * (db/client.ts), so a prepared statement is still planned for its parameters on every execution. The generic plan
 * Postgres would otherwise switch to after five executions cannot see which organization, team or how many ids a
 * statement reads, and would undo plans that docs/performance.md tunes. Only lookups by key are planned once per
 * connection: the gate of every call and the procedures marked `plans: "keyed"` (server/db/tenant.ts). postgres.js
 * keeps a connection for 30–60 minutes, which bounds how many statements one keeps.
 */
import type postgres from "postgres";

type Client = postgres.Sql | postgres.TransactionSql;
type Unsafe = Client["unsafe"];
type Callback = (sql: postgres.TransactionSql) => unknown;

/** `client`, with `unsafe` (drizzle's way in) preparing, and so the transactions and savepoints it opens. */
export function preparingStatements<T extends Client>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      if (key === "unsafe") {
        const unsafe: Unsafe = (query, parameters, options) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
        return unsafe;
      }
      if (key === "begin" || key === "savepoint") {
        const open = Reflect.get(target, key) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.pop() as Callback;
          return open.call(target, ...args, (sql: postgres.TransactionSql) => callback(preparingStatements(sql)));
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
