/**
 * CSV import of accounts and deals: `preview` parses, maps and checks every row and says what would happen;
 * `commit` does the same checks again and then writes everything in the request's one transaction — all
 * rows or none. Re-importing a row with the same external id updates the record instead of duplicating it
 * (accounts without an external id are matched by name). Non-admins import records they own only.
 * The file is refused before parsing when it is too large (server/services/csv-import.ts).
 */
import type { Actor } from "@/server/authz/actor";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { accounts, auditEvents, deals, disqualificationReasons, memberships, users } from "@/db/schema";
import type { DealStage } from "@/server/domain/deal-alignment";
import {
  CSV_MAX_BYTES,
  CsvFileError,
  IMPORT_KINDS,
  parseAccountsCsv,
  parseDealsCsv,
  type ImportKind,
  type ParsedCsv,
  type RowError,
} from "@/server/services/csv-import";
import { canEditAccount, canEditDeal, homeTeams, visibilityOf } from "@/server/services/deal-access";
import { recordAudit } from "@/server/services/audit";
import { orgProcedure, router } from "../init";
import { badRequest } from "@/server/domain/errors";

const BATCH = 500;
const UNSEEN_ACCOUNT =
  "This account belongs to someone else and you cannot see it; ask its owner or an admin to import this row";
const SHOWN_ERRORS = 100;
const SAMPLE_ROWS = 10;

const importInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  csv: z.string().max(CSV_MAX_BYTES, {
    message: `The file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
  }),
});

const previewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** Data rows in the file. */
  rowCount: z.number().int(),
  creates: z.number().int(),
  updates: z.number().int(),
  /** Deals only: accounts that do not exist yet and will be created. */
  accountsToCreate: z.number().int(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  errorCount: z.number().int(),
  sample: z.array(
    z.object({ row: z.number().int(), action: z.enum(["create", "update"]), name: z.string(), details: z.string() }),
  ),
});
type Preview = z.infer<typeof previewSchema>;

/** A list of strings as one parameter (no bind-parameter limit, whatever the file's size). */
const jsonList = (values: string[]): SQL =>
  sql`(select value from json_array_elements_text(${JSON.stringify(values)}::json))`;
/** The same for ids the parser has checked are UUIDs (compared as uuid, so the primary key serves the lookup). */
const uuidList = (values: string[]): SQL =>
  sql`(select value::uuid from json_array_elements_text(${JSON.stringify(values)}::json))`;

interface Member {
  id: string;
  email: string;
  name: string;
  role: Actor["role"];
  status: "active" | "deactivated";
}

async function loadMembers(db: Database, orgId: string): Promise<Member[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
}

/** The member a cell names (email, else unique name); records the row's error and returns null if none. */
function ownerResolver(members: Member[], actor: Actor, errors: RowError[]) {
  const byEmail = new Map(members.map((m) => [m.email.toLowerCase(), m]));
  const byName = new Map<string, Member[]>();
  for (const m of members) byName.set(m.name.toLowerCase(), [...(byName.get(m.name.toLowerCase()) ?? []), m]);
  return (row: number, raw: string | undefined): string | null | undefined => {
    if (raw === undefined) return undefined;
    const key = raw.trim().toLowerCase();
    const named = byName.get(key) ?? [];
    const member = byEmail.get(key) ?? (named.length === 1 ? named[0] : undefined);
    const fail = (message: string) => {
      errors.push({ row, field: "owner", message });
      return null;
    };
    if (!member)
      return fail(
        named.length > 1
          ? `Several members are called "${raw}"; use the email`
          : `No member with the email or name "${raw}"`,
      );
    if (member.status !== "active") return fail(`${member.name} is deactivated`);
    if (member.role === "viewer") return fail(`${member.name} is a viewer and cannot own records`);
    if (member.id !== actor.userId && actor.role !== "admin") return fail("You can only import records you own");
    return member.id;
  };
}

type AccountRecord = typeof accounts.$inferInsert;
type DealRecord = typeof deals.$inferInsert;

interface Plan {
  preview: Preview;
  accountWrites: AccountRecord[];
  dealWrites: DealRecord[];
  audit: (typeof auditEvents.$inferInsert)[];
}

function summary(
  kind: ImportKind,
  parsed: ParsedCsv<unknown>,
  errors: RowError[],
  creates: number,
  updates: number,
  accountsToCreate: number,
  sample: Preview["sample"],
): Preview {
  errors.sort((a, b) => a.row - b.row);
  return {
    kind,
    rowCount: parsed.total,
    creates,
    updates,
    accountsToCreate,
    columns: parsed.columns,
    errors: errors.slice(0, SHOWN_ERRORS),
    errorCount: errors.length,
    sample,
  };
}

async function planAccounts(db: Database, actor: Actor, csv: string): Promise<Plan> {
  const parsed = parseAccountsCsv(csv);
  const errors = [...parsed.errors];
  const visibility = await visibilityOf(db, actor);
  const [members, home, existing] = await Promise.all([
    loadMembers(db, actor.orgId),
    homeTeams(db, actor.orgId),
    db
      .select({ ...getTableColumns(accounts), readable: sql<boolean>`${visibility.accounts}`.mapWith(Boolean) })
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, actor.orgId),
          sql`(${accounts.externalId} in ${jsonList(parsed.rows.flatMap((r) => (r.externalId ? [r.externalId] : [])))}
            or lower(${accounts.name}) in ${jsonList(parsed.rows.map((r) => r.name.toLowerCase()))})`,
        ),
      ),
  ]);
  const ownerOf = ownerResolver(members, actor, errors);
  const byExternal = new Map(existing.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
  const byName = new Map<string, typeof existing>();
  for (const a of existing) byName.set(a.name.toLowerCase(), [...(byName.get(a.name.toLowerCase()) ?? []), a]);
  const claimed = new Map<string, number>();
  const writes: AccountRecord[] = [];
  const audit: Plan["audit"] = [];
  const sample: Preview["sample"] = [];
  let creates = 0;
  let updates = 0;

  for (const row of parsed.rows) {
    const before = errors.length;
    const sameName = byName.get(row.name.toLowerCase()) ?? [];
    let target = row.externalId ? byExternal.get(row.externalId) : undefined;
    // No external-id match: an account of that name without an external id is the same account.
    if (!target) {
      const candidates = sameName.filter((a) => !row.externalId || !a.externalId);
      if (candidates.length === 1) target = candidates[0];
      else if (candidates.length > 1 && !row.externalId) {
        errors.push({
          row: row.row,
          field: "name",
          message: `${candidates.length} accounts are called "${row.name}"; add an external id column`,
        });
      }
    }
    if (target) {
      const first = claimed.get(target.id);
      if (first !== undefined) errors.push({ row: row.row, field: "name", message: `Same account as row ${first}` });
      claimed.set(target.id, row.row);
      // An account the importer cannot read is not named back to them: its name may be news to them.
      if (!target.readable) errors.push({ row: row.row, field: "name", message: UNSEEN_ACCOUNT });
      else if (!canEditAccount(actor, target))
        errors.push({
          row: row.row,
          field: "name",
          message: `"${target.name}" belongs to someone else; you cannot change it`,
        });
    }
    const owner = ownerOf(row.row, row.owner);
    if (errors.length > before) continue;
    const ownerId = owner ?? (target ? target.ownerId : actor.userId);
    const record: AccountRecord = {
      orgId: actor.orgId,
      id: target?.id ?? crypto.randomUUID(),
      name: row.name,
      domain: row.domain !== undefined ? row.domain : (target?.domain ?? null),
      industry: row.industry !== undefined ? row.industry : (target?.industry ?? null),
      segment: row.segment !== undefined ? row.segment : (target?.segment ?? null),
      region: row.region !== undefined ? row.region : (target?.region ?? null),
      ownerId,
      teamId: target && target.ownerId === ownerId ? target.teamId : ownerId ? (home.get(ownerId) ?? null) : null,
      externalId: row.externalId ?? target?.externalId ?? null,
    };
    writes.push(record);
    if (target) updates++;
    else creates++;
    audit.push({
      orgId: actor.orgId,
      id: crypto.randomUUID(),
      actorId: actor.userId,
      action: target ? "account.updated" : "account.created",
      entityType: "account",
      entityId: record.id,
      before: target ? { name: target.name, ownerId: target.ownerId } : null,
      after: { name: record.name, ownerId, externalId: record.externalId, source: "import" },
    });
    if (sample.length < SAMPLE_ROWS) {
      const ownerName = members.find((m) => m.id === ownerId)?.name ?? "nobody";
      sample.push({
        row: row.row,
        action: target ? "update" : "create",
        name: row.name,
        details: [record.domain, record.industry, record.segment, record.region, `owner ${ownerName}`]
          .filter(Boolean)
          .join(" · "),
      });
    }
  }
  return {
    preview: summary("accounts", parsed, errors, creates, updates, 0, sample),
    accountWrites: writes,
    dealWrites: [],
    audit,
  };
}

async function planDeals(db: Database, actor: Actor, csv: string): Promise<Plan> {
  const parsed = parseDealsCsv(csv);
  const errors = [...parsed.errors];
  const accountIds = parsed.rows.flatMap((r) => (r.accountExternalId ? [r.accountExternalId] : []));
  const accountNames = parsed.rows.flatMap((r) => (r.accountName ? [r.accountName.toLowerCase()] : []));
  const dealIds = parsed.rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const tandemIds = parsed.rows.flatMap((r) => (r.tandemId ? [r.tandemId] : []));
  const visibility = await visibilityOf(db, actor);
  const [members, home, reasons, accountRows, existing] = await Promise.all([
    loadMembers(db, actor.orgId),
    homeTeams(db, actor.orgId),
    db
      .select({ id: disqualificationReasons.id, label: disqualificationReasons.label })
      .from(disqualificationReasons)
      .where(and(eq(disqualificationReasons.orgId, actor.orgId), eq(disqualificationReasons.archived, false))),
    db
      .select({
        id: accounts.id,
        name: accounts.name,
        externalId: accounts.externalId,
        readable: sql<boolean>`${visibility.accounts}`.mapWith(Boolean),
      })
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, actor.orgId),
          sql`(${accounts.externalId} in ${jsonList(accountIds)} or lower(${accounts.name}) in ${jsonList(accountNames)})`,
        ),
      ),
    db
      .select({ ...getTableColumns(deals), readable: sql<boolean>`${visibility.deals}`.mapWith(Boolean) })
      .from(deals)
      .where(
        and(
          eq(deals.orgId, actor.orgId),
          sql`(${deals.externalId} in ${jsonList(dealIds)} or ${deals.id} in ${uuidList(tandemIds)})`,
        ),
      ),
  ]);
  const ownerOf = ownerResolver(members, actor, errors);
  const accountByExternal = new Map(accountRows.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
  const accountsByName = new Map<string, typeof accountRows>();
  for (const a of accountRows)
    accountsByName.set(a.name.toLowerCase(), [...(accountsByName.get(a.name.toLowerCase()) ?? []), a]);
  const dealByExternal = new Map(existing.filter((d) => d.externalId).map((d) => [d.externalId!, d]));
  const dealById = new Map(existing.map((d) => [d.id, d]));
  const reasonByLabel = new Map(reasons.map((r) => [r.label.toLowerCase(), r]));
  const newAccounts = new Map<string, AccountRecord>();
  /** Deal id → the row that updates it: two rows naming one deal by different ids would write it twice. */
  const claimed = new Map<string, number>();
  const dealWrites: DealRecord[] = [];
  const audit: Plan["audit"] = [];
  const sample: Preview["sample"] = [];
  let creates = 0;
  let updates = 0;
  const audited = (action: string, entityId: string, before: unknown, after: unknown, entityType = "deal") =>
    audit.push({
      orgId: actor.orgId,
      id: crypto.randomUUID(),
      actorId: actor.userId,
      action,
      entityType,
      entityId,
      before,
      after,
    });

  for (const row of parsed.rows) {
    const before = errors.length;
    // Tandem's own id (its export) names the deal first; then the external id of another system.
    const byTandemId = row.tandemId ? dealById.get(row.tandemId) : undefined;
    const byExternalId = row.externalId ? dealByExternal.get(row.externalId) : undefined;
    const target = row.tandemId ? byTandemId : byExternalId;
    // A row whose deal cannot be updated says only that: the rest would describe a record the importer may not read.
    const identityError = (message: string, field = "externalId") => errors.push({ row: row.row, field, message });
    if (row.tandemId && !byTandemId?.readable)
      identityError(`No deal you can see has the Tandem id "${row.tandemId}"`, "tandemId");
    else if (byTandemId && byExternalId && byExternalId.id !== byTandemId.id)
      identityError(`The external id "${row.externalId}" belongs to another deal`);
    else if (target && !target.readable)
      identityError(`The id "${row.externalId}" belongs to a deal you cannot see; ask an admin to import this row`);
    else if (target && !canEditDeal(actor, target))
      identityError(`"${target.name}" belongs to someone else; you cannot change it`);
    else if (target && claimed.has(target.id))
      identityError(`Same deal as row ${claimed.get(target.id)}`, row.tandemId ? "tandemId" : "externalId");
    if (errors.length > before) continue;
    if (target) claimed.set(target.id, row.row);
    const owner = ownerOf(row.row, row.owner);

    // Deals go on accounts the importer can read, as in the deal form; an unreadable match is an error, not a new duplicate.
    let accountId: string | undefined;
    let unseenAccount = false;
    if (row.accountExternalId) {
      const byId = accountByExternal.get(row.accountExternalId);
      if (byId?.readable) accountId = byId.id;
      else if (byId) unseenAccount = true;
      else if (!row.accountName)
        errors.push({ row: row.row, field: "account", message: `No account with id "${row.accountExternalId}"` });
    }
    if (!accountId && !unseenAccount && row.accountName) {
      const named = accountsByName.get(row.accountName.toLowerCase()) ?? [];
      const readable = named.filter((a) => a.readable);
      if (readable.length > 1)
        errors.push({
          row: row.row,
          field: "account",
          message: `${readable.length} accounts are called "${row.accountName}"; add an account id column`,
        });
      else if (readable.length === 0 && named.length > 0) unseenAccount = true;
      accountId = readable.length === 1 ? readable[0]!.id : newAccounts.get(row.accountName.toLowerCase())?.id;
    }
    if (unseenAccount) errors.push({ row: row.row, field: "account", message: UNSEEN_ACCOUNT });
    if (target && accountId && target.accountId !== accountId) {
      errors.push({ row: row.row, field: "account", message: "An import cannot move a deal to another account" });
    }
    const stage: DealStage = row.stage ?? target?.stage ?? "prospecting";
    let reason: { id: string; label: string } | null = null;
    if (stage === "disqualified") {
      const label = row.disqualifiedReason ?? target?.disqualifiedReason ?? "";
      reason =
        reasonByLabel.get(label.toLowerCase()) ??
        (target && !row.disqualifiedReason && target.disqualifiedReasonId
          ? { id: target.disqualifiedReasonId, label }
          : null);
      if (!reason)
        errors.push({
          row: row.row,
          field: "disqualifiedReason",
          message: `Not one of the organization's reasons: "${label}"`,
        });
    }
    if (errors.length > before) continue;

    const ownerId = owner ?? target?.ownerId ?? actor.userId;
    if (!accountId) {
      // A new account, shared by every row that names it.
      const record: AccountRecord = {
        orgId: actor.orgId,
        id: crypto.randomUUID(),
        name: row.accountName!,
        externalId: row.accountExternalId,
        ownerId,
        teamId: home.get(ownerId) ?? null,
      };
      newAccounts.set(row.accountName!.toLowerCase(), record);
      audited(
        "account.created",
        record.id,
        null,
        { name: record.name, ownerId, externalId: record.externalId, source: "import" },
        "account",
      );
      accountId = record.id;
    }
    const record: DealRecord = {
      orgId: actor.orgId,
      id: target?.id ?? crypto.randomUUID(),
      accountId,
      name: row.name,
      amount: row.amount ?? target?.amount ?? "0",
      currency: row.currency ?? target?.currency ?? "USD",
      stage,
      closeDate: row.closeDate !== undefined ? row.closeDate : (target?.closeDate ?? null),
      ownerId,
      teamId: target && target.ownerId === ownerId ? target.teamId : (home.get(ownerId) ?? null),
      product: row.product !== undefined ? row.product : (target?.product ?? null),
      customerProblem: row.customerProblem ?? target?.customerProblem ?? "",
      problemFit: row.problemFit ?? target?.problemFit ?? "unknown",
      disqualifiedReason: reason?.label ?? null,
      disqualifiedReasonId: reason?.id ?? null,
      disqualifiedNote: stage === "disqualified" ? (target?.disqualifiedNote ?? null) : null,
      externalId: row.externalId ?? target?.externalId ?? null,
    };
    dealWrites.push(record);
    if (target) {
      updates++;
      audited(
        "deal.imported",
        record.id,
        { name: target.name, amount: target.amount, currency: target.currency, stage: target.stage },
        { name: record.name, amount: record.amount, currency: record.currency, stage, externalId: record.externalId },
      );
      if (target.stage !== stage) {
        if (stage === "disqualified")
          audited(
            "deal.disqualified",
            record.id,
            { stage: target.stage },
            { stage, reason: reason?.label, reasonId: reason?.id, note: "" },
          );
        else
          audited(
            target.stage === "disqualified" ? "deal.reopened" : "deal.stage_changed",
            record.id,
            { stage: target.stage },
            { stage },
          );
      }
      if (target.ownerId !== ownerId) {
        const name = (id: string) => members.find((m) => m.id === id)?.name ?? "";
        audited(
          "deal.owner_changed",
          record.id,
          { ownerId: target.ownerId, ownerName: name(target.ownerId) },
          { ownerId, ownerName: name(ownerId) },
        );
      }
    } else {
      creates++;
      audited("deal.created", record.id, null, {
        name: record.name,
        stage,
        amount: record.amount,
        currency: record.currency,
        ownerId,
        externalId: record.externalId,
        source: "import",
      });
    }
    if (sample.length < SAMPLE_ROWS) {
      const ownerName = members.find((m) => m.id === ownerId)?.name ?? "";
      const account = row.accountName ?? row.accountExternalId ?? "";
      sample.push({
        row: row.row,
        action: target ? "update" : "create",
        name: row.name,
        details: [
          account,
          `${record.amount} ${record.currency}`,
          stage.replace("_", " "),
          record.closeDate,
          `owner ${ownerName}`,
        ]
          .filter(Boolean)
          .join(" · "),
      });
    }
  }
  return {
    preview: summary("deals", parsed, errors, creates, updates, newAccounts.size, sample),
    accountWrites: [...newAccounts.values()],
    dealWrites,
    audit,
  };
}

async function plan(db: Database, actor: Actor, kind: ImportKind, csv: string): Promise<Plan> {
  try {
    return await (kind === "accounts" ? planAccounts(db, actor, csv) : planDeals(db, actor, csv));
  } catch (error) {
    if (error instanceof CsvFileError) badRequest("csv", `${error.message}`);
    throw error;
  }
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export const importsRouter = router({
  /** What an import would do, row by row; writes nothing. A mutation because the file travels in the body. */
  preview: orgProcedure("imports.run")
    .input(importInput)
    .output(previewSchema)
    .mutation(async ({ ctx, input }) => (await plan(ctx.db, ctx.actor, input.kind, input.csv)).preview),

  /** Imports every row, or none: any row with an error refuses the whole file. */
  commit: orgProcedure("imports.run")
    .input(importInput)
    .output(
      z.object({
        kind: z.enum(IMPORT_KINDS),
        created: z.number().int(),
        updated: z.number().int(),
        accountsCreated: z.number().int(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const { preview, accountWrites, dealWrites, audit } = await plan(ctx.db, actor, input.kind, input.csv);
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
      const excluded = (column: string) => sql.raw(`excluded.${column}`);
      await inBatches(accountWrites, (batch) =>
        ctx.db
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
              updatedAt: sql`now()`,
            },
          }),
      );
      await inBatches(dealWrites, (batch) =>
        ctx.db
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
      await inBatches(audit, (batch) => ctx.db.insert(auditEvents).values(batch));
      const result = {
        kind: input.kind,
        created: preview.creates,
        updated: preview.updates,
        accountsCreated: preview.accountsToCreate,
      };
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "import.completed",
        entityType: "import",
        entityId: null,
        after: { ...result, rows: preview.rowCount },
      });
      return result;
    }),
});
