/**
 * rollAlignmentClock rolls once per transaction — also when the transaction's class comes from another copy of
 * drizzle than the module's (the production build bundles drizzle more than once; with `instanceof` every reader
 * of a home request sent the statement again). The copy is played by a class carrying drizzle's entity kind only.
 */
import { entityKind } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { rollAlignmentClock } from "@/server/services/alignment-clock";

class TransactionOfAnotherCopy {
  static readonly [entityKind] = "PgTransaction";
  readonly sent: string[] = [];
  async execute(query: unknown) {
    this.sent.push(new PgDialect().sqlToQuery(query as never).sql);
  }
}

class PoolOfAnotherCopy {
  static readonly [entityKind] = "PgDatabase";
  readonly sent: string[] = [];
  async execute(query: unknown) {
    this.sent.push(new PgDialect().sqlToQuery(query as never).sql);
  }
}

describe("rollAlignmentClock", () => {
  it("sends the roll once per transaction, whichever copy of drizzle made it", async () => {
    const tx = new TransactionOfAnotherCopy();
    await rollAlignmentClock(tx as unknown as Database);
    await rollAlignmentClock(tx as unknown as Database);
    expect(tx.sent).toEqual(["select tandem_alignment_roll_clock()"]);
    const other = new TransactionOfAnotherCopy();
    await rollAlignmentClock(other as unknown as Database);
    expect(other.sent).toHaveLength(1);
  });

  it("outside a transaction, rolls on every call", async () => {
    const pool = new PoolOfAnotherCopy();
    await rollAlignmentClock(pool as unknown as Database);
    await rollAlignmentClock(pool as unknown as Database);
    expect(pool.sent).toHaveLength(2);
  });
});
