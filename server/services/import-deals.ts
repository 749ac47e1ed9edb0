/** Planning a deals CSV import: which deals and accounts it creates or updates, and each row's errors. */
import type { Actor } from "@/server/authz/actor";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, deals, disqualificationReasons } from "@/db/schema";
import { together } from "@/server/db/together";
import type { DealStage } from "@/server/domain/deal-alignment";
import { parseDealsCsv } from "@/server/domain/csv-import";
import { homeTeams, visibilityOf } from "@/server/services/deal-access";
import { allows } from "@/server/authz/record-rules";
import { dealEvents } from "@/server/services/webhooks";
import {
  jsonList,
  loadMembers,
  ownerResolver,
  SAMPLE_ROWS,
  splitByVisibility,
  summary,
  uuidList,
  type AccountRecord,
  type DealRecord,
  type Plan,
  type Preview,
} from "./import-plan";

export async function planDeals(db: Database, actor: Actor, csv: string): Promise<Plan> {
  const parsed = parseDealsCsv(csv);
  const errors = [...parsed.errors];
  const accountIds = parsed.rows.flatMap((r) => (r.accountExternalId ? [r.accountExternalId] : []));
  const accountNames = parsed.rows.flatMap((r) => (r.accountName ? [r.accountName.toLowerCase()] : []));
  const dealIds = parsed.rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const tandemIds = parsed.rows.flatMap((r) => (r.tandemId ? [r.tandemId] : []));
  const visibility = await visibilityOf(db, actor);
  const [members, home, reasons, accountRows, existing] = await together([
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
  // Accounts and deals the importer cannot read are matched by nothing: a row naming one (by name or external id)
  // answers exactly as a row naming one that does not exist (docs/security.md, promise 13).
  const hiddenAccounts = splitByVisibility(accountRows);
  const hiddenDeals = splitByVisibility(existing);
  const accountByExternal = new Map(hiddenAccounts.visible.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
  const accountsByName = new Map<string, typeof accountRows>();
  for (const a of hiddenAccounts.visible)
    accountsByName.set(a.name.toLowerCase(), [...(accountsByName.get(a.name.toLowerCase()) ?? []), a]);
  const dealByExternal = new Map(hiddenDeals.visible.filter((d) => d.externalId).map((d) => [d.externalId!, d]));
  const dealById = new Map(hiddenDeals.visible.map((d) => [d.id, d]));
  const reasonByLabel = new Map(reasons.map((r) => [r.label.toLowerCase(), r]));
  // Accounts the import creates; each row naming one (by external id, else by name) goes on the same one.
  const newAccounts: AccountRecord[] = [];
  const newAccountByExternal = new Map<string, AccountRecord>();
  const newAccountByName = new Map<string, AccountRecord>();
  /** Deal id → the row that updates it: two rows naming one deal by different ids would write it twice. */
  const claimed = new Map<string, number>();
  const dealWrites: DealRecord[] = [];
  const audit: Plan["audit"] = [];
  const webhooks: Plan["webhooks"] = [];
  const sample: Preview["sample"] = [];
  let creates = 0;
  let updates = 0;
  let hiddenIdClashes = 0;
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
    if (row.tandemId && !byTandemId)
      identityError(`No deal you can see has the Tandem id "${row.tandemId}"`, "tandemId");
    else if (byTandemId && byExternalId && byExternalId.id !== byTandemId.id)
      identityError(`The external id "${row.externalId}" belongs to another deal`);
    else if (target && !allows(actor, "deal.edit", target))
      identityError(`"${target.name}" belongs to someone else; you cannot change it`);
    else if (target && claimed.has(target.id))
      identityError(`Same deal as row ${claimed.get(target.id)}`, row.tandemId ? "tandemId" : "externalId");
    if (errors.length > before) continue;
    if (target) claimed.set(target.id, row.row);
    const owner = ownerOf(row.row, row.owner);

    // Deals go on accounts the importer can read, as in the deal form; a name no readable account has is a new
    // account of theirs (whether or not someone else has an account of that name, as in the account form).
    let accountId: string | undefined;
    if (row.accountExternalId) {
      const byId = accountByExternal.get(row.accountExternalId) ?? newAccountByExternal.get(row.accountExternalId);
      if (byId) accountId = byId.id;
      else if (!row.accountName)
        errors.push({ row: row.row, field: "account", message: `No account with id "${row.accountExternalId}"` });
    }
    if (!accountId && row.accountName) {
      const readable = accountsByName.get(row.accountName.toLowerCase()) ?? [];
      if (readable.length > 1)
        errors.push({
          row: row.row,
          field: "account",
          message: `${readable.length} accounts are called "${row.accountName}"; add an account id column`,
        });
      // A row with an account id no account has yet names a new account, even if another new one has its name.
      const created = row.accountExternalId ? undefined : newAccountByName.get(row.accountName.toLowerCase());
      accountId = readable.length === 1 ? readable[0]!.id : created?.id;
    }
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
      newAccounts.push(record);
      if (record.externalId) newAccountByExternal.set(record.externalId, record);
      if (!newAccountByName.has(record.name.toLowerCase())) newAccountByName.set(record.name.toLowerCase(), record);
      if (record.externalId && hiddenAccounts.hiddenExternalIds.has(record.externalId)) hiddenIdClashes++;
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
    if (record.externalId && hiddenDeals.hiddenExternalIds.has(record.externalId)) hiddenIdClashes++;
    dealWrites.push(record);
    if (target) {
      updates++;
      audited(
        "deal.imported",
        record.id,
        { name: target.name, amount: target.amount, currency: target.currency, stage: target.stage },
        { name: record.name, amount: record.amount, currency: record.currency, stage, externalId: record.externalId },
      );
      // In the order a single edit queues them: the stage move, then the update.
      if (target.stage !== stage) {
        webhooks.push(
          stage === "disqualified"
            ? dealEvents.disqualified(record.id, reason?.label)
            : dealEvents.stageChanged(record.id, target.stage, stage),
        );
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
      webhooks.push(dealEvents.updated(record.id, target.version + 1));
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
      webhooks.push(dealEvents.created(record.id, record.name, stage));
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
    preview: summary("deals", parsed, errors, creates, updates, newAccounts.length, sample),
    accountWrites: newAccounts,
    dealWrites,
    audit,
    webhooks,
    hiddenIdClashes,
  };
}
