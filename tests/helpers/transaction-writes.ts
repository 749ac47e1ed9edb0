/**
 * Whether the current transaction has written anything, for tests that fingerprint an organization after each call
 * (tests/helpers/security-data.ts `snapshotOrg`, a full scan of every table) only when a row may have changed.
 *
 * Postgres gives a transaction an id on its first row write (insert, update, delete, row lock) — in a savepoint too,
 * which gives its parent one first — and keeps it when that savepoint is rolled back. A transaction without an id
 * has changed no row, so its snapshot equals the one taken before it. This holds as long as the procedure under test
 * writes only through the transaction it is given (`ctx.db`), as every procedure does.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";

export async function transactionWrote(tx: Database): Promise<boolean> {
  const [row] = await selectRows<{ xid: string | null }>(tx, sql`select txid_current_if_assigned()::text as xid`);
  return row?.xid != null;
}
