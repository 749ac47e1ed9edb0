/**
 * CSV import of accounts and deals: `previewImport` parses, maps and checks every row and says what would happen;
 * `commitImport` does the same checks again and then writes everything in the request's one transaction — all
 * rows or none. Re-importing a row with the same external id updates the record instead of duplicating it
 * (accounts without an external id are matched by name). Non-admins import records they own only, and records they
 * cannot see are matched by nothing: a row naming one answers as a row naming nothing (docs/security.md). Each deal
 * written queues the webhook events a single write would (deal.created, deal.updated, stage changes).
 * The file is refused before parsing when it is too large (server/domain/csv-import.ts).
 */
import type { Actor } from "@/server/authz/actor";
import { getTableName, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { accounts, auditEvents, deals } from "@/db/schema";
import { CsvFileError, type ImportKind } from "@/server/domain/csv-import";
import { inBatches } from "@/server/db/in-batches";
import { recordAudit } from "@/server/services/audit";
import { emitWebhookEvents } from "@/server/services/webhooks";
import { badRequest, conflict } from "@/server/domain/errors";
import { planDeals } from "./import-deals";
import { HIDDEN_EXTERNAL_ID, planAccounts, type Plan, type Preview } from "./import-plan";

async function plan(db: Database, actor: Actor, kind: ImportKind, csv: string): Promise<Plan> {
  try {
    return await (kind === "accounts" ? planAccounts(db, actor, csv) : planDeals(db, actor, csv));
  } catch (error) {
    if (error instanceof CsvFileError) badRequest("csv", `${error.message}`);
    throw error;
  }
}

/**
 * The `set` of an import's upsert: the named fields from the row being imported (`excluded`), and a new version —
 * an import is a write like any other: an edit made from the version before it answers CONFLICT.
 */
function takeImported<T extends typeof accounts | typeof deals>(
  table: T,
  fields: (keyof T["$inferInsert"] & string)[],
): PgUpdateSetSource<T> {
  const set = Object.fromEntries(fields.map((field) => [field, sql.raw(`excluded.${toSnakeCase(field)}`)]));
  return {
    ...set,
    version: sql.raw(`"${getTableName(table)}"."version" + 1`),
    updatedAt: sql`now()`,
  } as PgUpdateSetSource<T>;
}

/** What an import would do, row by row; writes nothing. */
export async function previewImport(db: Database, actor: Actor, kind: ImportKind, csv: string): Promise<Preview> {
  return (await plan(db, actor, kind, csv)).preview;
}

/** Imports every row, or none: any row with an error refuses the whole file. */
export async function commitImport(db: Database, actor: Actor, input: { kind: ImportKind; csv: string }) {
  const { preview, accountWrites, dealWrites, audit, webhooks, hiddenIdClashes } = await plan(
    db,
    actor,
    input.kind,
    input.csv,
  );
  if (preview.errorCount > 0) {
    const first = preview.errors
      .slice(0, 3)
      .map((e) => `row ${e.row}: ${e.field}: ${e.message}`)
      .join("; ");
    badRequest(
      "csv",
      `${preview.errorCount} ${preview.errorCount === 1 ? "row has an error" : "rows have errors"}, so nothing was imported (${first}).`,
    );
  }
  // After every row error (those answer alike for hidden and missing records), and naming no row: one answer per file.
  if (hiddenIdClashes > 0) conflict("csv", HIDDEN_EXTERNAL_ID);
  await inBatches(accountWrites, (batch) =>
    db
      .insert(accounts)
      .values(batch)
      .onConflictDoUpdate({
        target: [accounts.orgId, accounts.id],
        set: takeImported(accounts, [
          "name",
          "domain",
          "industry",
          "segment",
          "region",
          "ownerId",
          "teamId",
          "externalId",
        ]),
      }),
  );
  await inBatches(dealWrites, (batch) =>
    db
      .insert(deals)
      .values(batch)
      .onConflictDoUpdate({
        target: [deals.orgId, deals.id],
        set: takeImported(deals, [
          "name",
          "amount",
          "currency",
          "stage",
          "closeDate",
          "ownerId",
          "teamId",
          "product",
          "customerProblem",
          "problemFit",
          "disqualifiedReason",
          "disqualifiedReasonId",
          "disqualifiedNote",
        ]),
      }),
  );
  await inBatches(audit, (batch) => db.insert(auditEvents).values(batch));
  // The same webhook events as single writes, queued in the import's transaction (all rows or none).
  await emitWebhookEvents(db, actor.orgId, webhooks);
  const result = {
    kind: input.kind,
    created: preview.creates,
    updated: preview.updates,
    accountsCreated: preview.accountsToCreate,
  };
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: "import.completed",
    entityType: "import",
    entityId: null,
    after: { ...result, rows: preview.rowCount },
  });
  return result;
}
