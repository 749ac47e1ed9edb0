/**
 * The data of one organization for the security tests: its tenant tables, ids per table, the strings that must never
 * reach another organization, a fingerprint of its rows, and ids to put in uuid fields.
 */
import { sql, type SQL } from "drizzle-orm";
import superjson from "superjson";
import { selectRows, type Database } from "@/db/client";
import type { UuidChooser } from "./security";
import { tableForField } from "./table-for-field";

// ---------------------------------------------------------------------------------------------------------
// The data of one organization: ids per table, fingerprint strings, snapshot

/** Tables of the public schema with an org_id column, from the database itself (tables added later included). */
export async function tenantTables(db: Database): Promise<string[]> {
  const rows = await selectRows<{ table: string }>(
    db,
    sql`select c.table_name as table from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((row) => row.table);
}

interface ColumnInfo {
  table: string;
  column: string;
  type: string;
}

async function textAndUuidColumns(db: Database, tables: string[]): Promise<ColumnInfo[]> {
  const rows = await selectRows<ColumnInfo>(
    db,
    sql`select table_name as table, column_name as column, data_type as type from information_schema.columns
        where table_schema = 'public' and data_type in ('uuid', 'text', 'character varying', 'citext')
        order by table_name, ordinal_position`,
  );
  return rows.filter((row) => tables.includes(row.table) || row.table === "users" || row.table === "organizations");
}

/** A SQL fragment selecting the organization's rows of `table` (users: the organization's members). */
function rowsOf(table: string, orgId: string): SQL {
  if (table === "users")
    return sql`select * from users where id in (select user_id from memberships where org_id = ${orgId})`;
  if (table === "organizations") return sql`select * from organizations where id = ${orgId}`;
  return sql`select * from ${sql.identifier(table)} where org_id = ${orgId}`;
}

export interface OrgData {
  orgId: string;
  /** Ids of the organization's rows, per table (`users`: its members' user ids). */
  ids: Map<string, string[]>;
  /** Every uuid and every text value of 10+ characters in the organization's rows, with where it comes from. */
  strings: Map<string, string>;
}

export async function readOrgData(db: Database, orgId: string): Promise<OrgData> {
  const tables = await tenantTables(db);
  const columns = await textAndUuidColumns(db, tables);
  const ids = new Map<string, string[]>();
  const strings = new Map<string, string>();
  for (const table of [...tables, "users", "organizations"]) {
    const cols = columns.filter((c) => c.table === table);
    if (cols.length === 0) continue;
    const select = sql.join(
      cols.map((c) => sql`${sql.identifier(c.column)}::text as ${sql.identifier(c.column)}`),
      sql`, `,
    );
    const rows = await selectRows<Record<string, string | null>>(
      db,
      sql`select ${select} from (${rowsOf(table, orgId)}) r`,
    );
    if (cols.some((c) => c.column === "id"))
      ids.set(
        table,
        rows.map((row) => row.id).filter((id): id is string => Boolean(id)),
      );
    for (const row of rows) {
      for (const c of cols) {
        const value = row[c.column];
        if (!value) continue;
        if (c.type === "uuid" || value.length >= 10) strings.set(value, `${table}.${c.column}`);
      }
    }
  }
  // Every column that points at a user (owner_id, actor_id…) also names people: keep their ids per table too.
  const members = await selectRows<{ user_id: string }>(
    db,
    sql`select user_id::text from memberships where org_id = ${orgId} order by user_id`,
  );
  ids.set(
    "users",
    members.map((m) => m.user_id),
  );
  return { orgId, ids, strings };
}

/**
 * Strings of `victim` that must never reach `attacker`: the victim's own values minus those the attacker also
 * holds (shared vocabulary) — and, per call, minus what the caller sent in the input.
 */
export function secretsOf(victim: OrgData, attacker: OrgData): Map<string, string> {
  const secrets = new Map(victim.strings);
  for (const value of attacker.strings.keys()) secrets.delete(value);
  return secrets;
}

/** Serializes an answer (data or error message) and lists the secrets found in it. */
export function leaksIn(answer: unknown, secrets: Map<string, string>, input: unknown): string[] {
  const text = typeof answer === "string" ? answer : superjson.stringify(answer);
  const sent = superjson.stringify(input ?? null);
  const found: string[] = [];
  for (const [value, origin] of secrets) {
    if (text.includes(value) && !sent.includes(value))
      found.push(`${origin} = ${value.length > 60 ? `${value.slice(0, 60)}…` : value}`);
  }
  return found;
}

/** A fingerprint of every row of the organization (tenant tables, its organization row, its members' user rows). */
export async function snapshotOrg(db: Database, orgId: string): Promise<Record<string, string>> {
  const tables = [...(await tenantTables(db)), "users", "organizations"];
  const parts = tables.map(
    (table) =>
      sql`select ${table} as table, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as hash from (${rowsOf(table, orgId)}) r`,
  );
  const rows = await selectRows<{ table: string; hash: string }>(db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((row) => [row.table, row.hash]));
}

/** Which tables' fingerprints differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

// ---------------------------------------------------------------------------------------------------------
// Choosing ids for uuid fields

/** Picks, for a field, an id of `data`'s rows of the table the field names (any id of `data` if unknown). */
export function idChooser(data: OrgData, fallbackTable?: string): UuidChooser {
  const tables = [...data.ids.keys()];
  const anyId = () => {
    if (fallbackTable) return data.ids.get(fallbackTable)?.[0] ?? data.orgId;
    for (const ids of data.ids.values()) if (ids[0]) return ids[0];
    return data.orgId;
  };
  return (field) => {
    if (/^org(anization)?(_?id)?$/i.test(field)) return data.orgId;
    const table = tableForField(field, tables);
    return (table && data.ids.get(table)?.[0]) || anyId();
  };
}
