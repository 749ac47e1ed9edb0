/**
 * The organization's alignment clock (docs/performance.md "Dates"): stored figures are computed as of
 * `alignment_clock.as_of`, so whoever reads them rolls the clock to today first. Once per transaction: a home or
 * heat-map call runs several readers in one transaction (the home, its team, the live rows it refreshes), and each
 * used to send the same statement again. The mark is set before the statement is sent: a transaction's statements
 * run in the order sent, so a reader that skips it still reads after the roll. Outside a transaction every call rolls.
 */
import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";

const rolledIn = new WeakSet<object>();

export async function rollAlignmentClock(db: Database): Promise<void> {
  if (rolledIn.has(db)) return;
  // `is`, not instanceof: the production build bundles drizzle more than once, and the transaction a request runs in
  // may come from another copy's class than this module's (instanceof was false there: every reader rolled again).
  if (is(db, PgTransaction)) rolledIn.add(db);
  await db.execute(sql`select tandem_alignment_roll_clock()`);
}
