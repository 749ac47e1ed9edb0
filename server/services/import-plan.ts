/**
 * Planning a CSV import (shared by preview and commit): the preview's shape, the members an owner cell may name,
 * and what importing an accounts file would write. Deals files are planned in import-deals.ts.
 */
import type { Actor } from "@/server/authz/actor";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { accounts, auditEvents, deals, memberships, users } from "@/db/schema";
import { together } from "@/server/db/together";
import {
  IMPORT_KINDS,
  parseAccountsCsv,
  type ImportKind,
  type ParsedCsv,
  type RowError,
} from "@/server/domain/csv-import";
import { homeTeams, visibilityOf } from "@/server/services/deal-access";
import { allows } from "@/server/authz/record-rules";
import type { QueuedEvent } from "@/server/services/webhooks";

/**
 * Why a commit is refused when a row would give a new record an external id that a record the importer cannot see
 * already has (external ids are unique in the organization). It names no row and no id, and the preview never
 * says it: a file must not tell its importer which ids exist outside their view (docs/security.md, promise 13).
 */
export const HIDDEN_EXTERNAL_ID =
  "Nothing was imported: an external id in this file is already used by a record you cannot see. Ask an admin to import this file.";
const SHOWN_ERRORS = 100;
export const SAMPLE_ROWS = 10;

export const previewSchema = z.object({
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
export type Preview = z.infer<typeof previewSchema>;

/** A list of strings as one parameter (no bind-parameter limit, whatever the file's size). */
export const jsonList = (values: string[]): SQL =>
  sql`(select value from json_array_elements_text(${JSON.stringify(values)}::json))`;
/** The same for ids the parser has checked are UUIDs (compared as uuid, so the primary key serves the lookup). */
export const uuidList = (values: string[]): SQL =>
  sql`(select value::uuid from json_array_elements_text(${JSON.stringify(values)}::json))`;

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Actor["role"];
  status: "active" | "deactivated";
}

export async function loadMembers(db: Database, orgId: string): Promise<Member[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
}

/** The member a cell names (email, else unique name); records the row's error and returns null if none. */
export function ownerResolver(members: Member[], actor: Actor, errors: RowError[]) {
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
    // Imported accounts and deals follow the same assignment rule (non-admins: themselves only).
    if (!allows(actor, "deal.assign", { ownerId: member.id })) return fail("You can only import records you own");
    return member.id;
  };
}

export type AccountRecord = typeof accounts.$inferInsert;
export type DealRecord = typeof deals.$inferInsert;

export interface Plan {
  preview: Preview;
  accountWrites: AccountRecord[];
  dealWrites: DealRecord[];
  audit: (typeof auditEvents.$inferInsert)[];
  /** The webhook events of the deals it writes, the same a single write of each would queue. */
  webhooks: QueuedEvent[];
  /**
   * Rows whose new record would carry an external id a record hidden from the importer has. Never in the preview
   * (which answers for them exactly as for an unused id); the commit refuses the file (HIDDEN_EXTERNAL_ID).
   */
  hiddenIdClashes: number;
}

/** Records the importer cannot read stay out of the matching: they answer as if they did not exist. */
export function splitByVisibility<T extends { readable: boolean; externalId: string | null }>(rows: T[]) {
  return {
    visible: rows.filter((row) => row.readable),
    hiddenExternalIds: new Set(rows.flatMap((row) => (!row.readable && row.externalId ? [row.externalId] : []))),
  };
}

export function summary(
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

export async function planAccounts(db: Database, actor: Actor, csv: string): Promise<Plan> {
  const parsed = parseAccountsCsv(csv);
  const errors = [...parsed.errors];
  const visibility = await visibilityOf(db, actor);
  const [members, home, existing] = await together([
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
  // An account the importer cannot read is matched by nothing: its row answers as for a name nobody has.
  const { visible, hiddenExternalIds } = splitByVisibility(existing);
  const byExternal = new Map(visible.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
  const byName = new Map<string, typeof visible>();
  for (const a of visible) byName.set(a.name.toLowerCase(), [...(byName.get(a.name.toLowerCase()) ?? []), a]);
  const claimed = new Map<string, number>();
  const writes: AccountRecord[] = [];
  const audit: Plan["audit"] = [];
  const sample: Preview["sample"] = [];
  let creates = 0;
  let updates = 0;
  let hiddenIdClashes = 0;

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
      if (!allows(actor, "account.edit", target))
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
    if (record.externalId && hiddenExternalIds.has(record.externalId)) hiddenIdClashes++;
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
    webhooks: [],
    hiddenIdClashes,
  };
}
