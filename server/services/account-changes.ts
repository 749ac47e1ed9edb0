/**
 * Editing an account as of the `version` its editor read (optimistic concurrency, like deals): a stale version
 * answers CONFLICT with the account as it is now (`data.current`), and nothing is overwritten. Every write bumps
 * the version — the form here and a CSV import alike (server/services/imports.ts).
 */
import type { Actor } from "@/server/authz/actor";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { findOrgRecord } from "@/server/db/records";
import type { Database } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { assertCan } from "@/server/authz/record-rules";
import { domainSchema, lineSchema, optionalLineSchema } from "@/server/domain/deal-fields";
import { notFound, staleVersion } from "@/server/domain/errors";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { auditAs } from "@/server/services/audit";
import { accountColumns, accountOwnerJoin } from "@/server/services/deal-columns";
import { assertPossibleOwner, findEditableAccount, homeTeamOf, visibilityOf } from "@/server/services/deal-access";

export const accountFields = {
  name: lineSchema(200, 1),
  domain: domainSchema,
  industry: optionalLineSchema(80),
  segment: optionalLineSchema(80),
  region: optionalLineSchema(80),
};

export const updateAccountInput = z.object({
  accountId: idSchema,
  /** The version the edit was made from (`accounts.get`); another write since then answers CONFLICT. */
  version: versionSchema,
  // Left out, a field keeps its value (`.optional()` outside the schemas' "" → null transform); null clears it.
  name: accountFields.name.optional(),
  domain: accountFields.domain.optional(),
  industry: accountFields.industry.optional(),
  segment: accountFields.segment.optional(),
  region: accountFields.region.optional(),
  ownerId: idSchema.nullish(),
});

/** An account's editable fields and version: what an update answers, and what a CONFLICT carries as `current`. */
export const accountRecordSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  segment: z.string().nullable(),
  region: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  version: z.number().int(),
});
export type AccountRecord = z.infer<typeof accountRecordSchema>;

async function loadAccountRecord(db: Database, orgId: string, accountId: string): Promise<AccountRecord> {
  const [account] = await db
    .select({ ...accountColumns, version: accounts.version })
    .from(accounts)
    .leftJoin(users, accountOwnerJoin)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
  if (!account) notFound("accountId", "Account not found.");
  return account;
}

/** CONFLICT with the account as it is now (sent to clients as `data.current`, see StaleVersionError). */
async function accountConflict(db: Database, orgId: string, accountId: string): Promise<never> {
  const current = await loadAccountRecord(db, orgId, accountId);
  throw staleVersion(
    `Someone else changed this account while you were editing (it is now at version ${current.version}). Review their changes and save again.`,
    current,
  );
}

/** The owner a non-admin may set: themselves only. Admins may name any active member (or nobody). */
export function assertOwnerAllowed(actor: Actor, ownerId: string | null | undefined, message?: string) {
  if (ownerId !== undefined) assertCan(actor, "account.assign", { ownerId }, "ownerId", message);
}

/**
 * Edits an account as of `version`: only owners and admins; only admins reassign. Fields the input leaves out
 * keep their values; an edit that changes nothing keeps the version.
 */
export async function updateAccount(
  db: Database,
  actor: Actor,
  input: z.output<typeof updateAccountInput>,
): Promise<AccountRecord> {
  await findEditableAccount(db, await visibilityOf(db, actor), input.accountId);
  const current = await findOrgRecord(db, accounts, actor.orgId, input.accountId, ["accountId", "Account not found."]);
  if (current.version !== input.version) return accountConflict(db, actor.orgId, input.accountId);
  const patch: Partial<typeof accounts.$inferInsert> = {};
  const before: Record<string, unknown> = {};
  for (const key of ["name", "domain", "industry", "segment", "region"] as const) {
    const raw = input[key];
    if (raw === undefined) continue;
    if (raw !== current[key]) {
      (patch as Record<string, unknown>)[key] = raw;
      before[key] = current[key];
    }
  }
  if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
    assertOwnerAllowed(actor, input.ownerId, "Only an admin can reassign an account.");
    if (input.ownerId) await assertPossibleOwner(db, actor.orgId, input.ownerId);
    patch.ownerId = input.ownerId;
    patch.teamId = input.ownerId ? await homeTeamOf(db, actor.orgId, input.ownerId) : null;
    before.ownerId = current.ownerId;
  }
  if (Object.keys(patch).length === 0) return loadAccountRecord(db, actor.orgId, input.accountId);
  // The version in the where clause closes the gap between the check above and this write.
  const written = await db
    .update(accounts)
    .set({ ...patch, version: sql`${accounts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, input.accountId), eq(accounts.version, input.version)))
    .returning({ id: accounts.id });
  if (written.length === 0) return accountConflict(db, actor.orgId, input.accountId);
  await auditAs(db, actor, {
    action: "account.updated",
    entityType: "account",
    entityId: input.accountId,
    before,
    after: patch,
  });
  return loadAccountRecord(db, actor.orgId, input.accountId);
}
