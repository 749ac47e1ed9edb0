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
import { sql } from "drizzle-orm";
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
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await inBatches(accountWrites, (batch) =>
    db
      .insert(accounts)
      .values(batch)
      .onConflictDoUpdate({
        target: [accounts.orgId, accounts.id],
        set: {
          name: excluded("name"),
          domain: excluded("domain"),
          industry: excluded("industry"),
          segment: excluded("segment"),
          region: excluded("region"),
          ownerId: excluded("owner_id"),
          teamId: excluded("team_id"),
          externalId: excluded("external_id"),
          // An import is a write like any other: an edit made from the version before it answers CONFLICT.
          version: sql.raw(`"accounts"."version" + 1`),
          updatedAt: sql`now()`,
        },
      }),
  );
  await inBatches(dealWrites, (batch) =>
    db
      .insert(deals)
      .values(batch)
      .onConflictDoUpdate({
        target: [deals.orgId, deals.id],
        set: {
          name: excluded("name"),
          amount: excluded("amount"),
          currency: excluded("currency"),
          stage: excluded("stage"),
          closeDate: excluded("close_date"),
          ownerId: excluded("owner_id"),
          teamId: excluded("team_id"),
          product: excluded("product"),
          customerProblem: excluded("customer_problem"),
          problemFit: excluded("problem_fit"),
          disqualifiedReason: excluded("disqualified_reason"),
          disqualifiedReasonId: excluded("disqualified_reason_id"),
          disqualifiedNote: excluded("disqualified_note"),
          version: sql.raw(`"deals"."version" + 1`),
          updatedAt: sql`now()`,
        },
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
