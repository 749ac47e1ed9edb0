/**
 * CSV import of accounts and deals, the pure part: limits, parsing (papaparse), mapping of the column names
 * of Tandem's own export and of Salesforce and HubSpot exports, and per-row validation. No I/O: the imports
 * router resolves owners, accounts and existing records, then writes everything in one transaction.
 *
 * Limits are checked before parsing: a file over CSV_MAX_BYTES is refused unread; parsing stops after
 * CSV_MAX_ROWS + 1 rows, so a 100k-row file is refused without reading it all.
 */
import Papa from "papaparse";
import { DEAL_STAGES, PROBLEM_FITS, type DealStage, type ProblemFit } from "@/server/domain/deal-alignment";
import { isRealDate } from "@/server/domain/dates";
import { amountProblem, currencyProblem, normalizeDomain } from "@/server/domain/deal-fields";
import { isUuid } from "@/server/domain/ids";
import { COLUMN_NAMES, CSV_MAX_BYTES, CSV_MAX_ROWS, type ImportKind } from "@/server/domain/csv-columns";

export * from "@/server/domain/csv-columns";

/** A problem with the whole file: nothing can be imported until it is fixed. */
export class CsvFileError extends Error {}

export interface RowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

const REQUIRED: Record<ImportKind, string[]> = { accounts: ["name"], deals: ["name"] };

/** Stage names of Tandem, Salesforce's default opportunity stages and HubSpot's default deal stages. */
const STAGE_NAMES: Record<string, DealStage> = {
  ...Object.fromEntries(DEAL_STAGES.map((stage) => [stage.replace(/_/g, " "), stage])),
  "appointment scheduled": "prospecting",
  appointmentscheduled: "prospecting",
  new: "prospecting",
  "qualified to buy": "qualification",
  qualifiedtobuy: "qualification",
  "needs analysis": "qualification",
  "value proposition": "discovery",
  "id decision makers": "discovery",
  "perception analysis": "discovery",
  "presentation scheduled": "discovery",
  presentationscheduled: "discovery",
  "proposal/price quote": "proposal",
  "decision maker bought in": "proposal",
  decisionmakerboughtin: "proposal",
  "negotiation/review": "negotiation",
  "contract sent": "negotiation",
  contractsent: "negotiation",
  closedwon: "closed_won",
  won: "closed_won",
  closedlost: "closed_lost",
  lost: "closed_lost",
};

export function normalizeStage(value: string): DealStage | null {
  const key = value.trim().toLowerCase().replace(/[._]/g, " ").replace(/-/g, " ").replace(/\s+/g, " ");
  return STAGE_NAMES[key] ?? STAGE_NAMES[key.replace(/ /g, "")] ?? null;
}

const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/** Which field each header maps to (null: ignored). The first header that names a field wins. */
export function mapHeaders(kind: ImportKind, headers: readonly string[]): (string | null)[] {
  const names = COLUMN_NAMES[kind];
  const taken = new Set<string>();
  return headers.map((header) => {
    const key = normalizeHeader(header);
    // A field's names are tried in order across fields; e.g. in a deals file "Account ID" is the account's id.
    for (const [field, aliases] of Object.entries(names)) {
      if (!taken.has(field) && aliases.includes(key)) {
        taken.add(field);
        return field;
      }
    }
    return null;
  });
}

/** "$1,250.50", "1250.5", "1 250" → "1250.50"-like decimal string, or a problem. Never a float. */
export function parseAmount(raw: string): { value: string } | { problem: string } {
  let text = raw
    .trim()
    .replace(/^[$€£¥]\s*/, "")
    .replace(/\s*[$€£¥]$/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  text = text.replace(/^(\d+)\s(\d{3})$/, "$1$2");
  const problem = amountProblem(text);
  return problem ? { problem } : { value: text };
}

/** ISO dates, ISO date-times (the date part) and US M/D/YYYY (Salesforce's US exports). */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso?.[1]) return isRealDate(iso[1]) ? iso[1] : null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) {
    const date = `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
    return isRealDate(date) ? date : null;
  }
  return null;
}

export interface AccountImportRow {
  row: number;
  externalId: string | null;
  name: string;
  domain?: string | null;
  industry?: string | null;
  segment?: string | null;
  region?: string | null;
  /** Email or name of a member; undefined when the column is absent or the cell empty. */
  owner?: string;
}

export interface DealImportRow {
  row: number;
  tandemId: string | null;
  externalId: string | null;
  name: string;
  accountName: string | null;
  accountExternalId: string | null;
  amount?: string;
  currency?: string;
  stage?: DealStage;
  closeDate?: string | null;
  owner?: string;
  product?: string | null;
  customerProblem?: string;
  problemFit?: ProblemFit;
  disqualifiedReason?: string;
}

export interface ParsedCsv<T> {
  /** Data rows in the file (valid or not). */
  total: number;
  columns: { header: string; field: string | null }[];
  rows: T[];
  errors: RowError[];
}

/** Line number of a character offset (1-based). */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function byteLength(text: string): number {
  return typeof Buffer !== "undefined" ? Buffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length;
}

/** Parses the file into raw records keyed by field; file-level problems throw CsvFileError. */
function parseRecords(kind: ImportKind, text: string) {
  if (text.length > CSV_MAX_BYTES || byteLength(text) > CSV_MAX_BYTES) {
    throw new CsvFileError(`The file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  }
  if (text.trim() === "") throw new CsvFileError("The file is empty.");
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    preview: CSV_MAX_ROWS + 1,
    transformHeader: (header) => header.trim(),
  });
  const quoting = result.errors.find((error) => error.type === "Quotes");
  if (quoting) {
    const line = typeof quoting.index === "number" ? lineAt(text, quoting.index) : (quoting.row ?? 0) + 2;
    throw new CsvFileError(
      `Broken quoting near line ${line}: ${quoting.code === "MissingQuotes" ? "a quoted field is never closed" : "a quote inside a quoted field is not doubled"}. Nothing was imported.`,
    );
  }
  if (result.data.length > CSV_MAX_ROWS) {
    throw new CsvFileError(
      `The file has more than ${CSV_MAX_ROWS.toLocaleString("en-US")} rows. Split it into smaller files.`,
    );
  }
  if (result.data.length === 0) throw new CsvFileError("The file has a header but no rows.");
  const headers = result.meta.fields ?? [];
  const fields = mapHeaders(kind, headers);
  const missing = REQUIRED[kind].filter((field) => !fields.includes(field));
  if (kind === "deals" && !fields.includes("accountName") && !fields.includes("accountExternalId"))
    missing.push("account");
  if (missing.length > 0) {
    const names = COLUMN_NAMES[kind];
    const wanted = missing.map((field) => `${field} (e.g. "${(names[field] ?? ["Account Name"])[0]}")`).join(", ");
    throw new CsvFileError(`Missing required column: ${wanted}. Found: ${headers.join(", ") || "none"}.`);
  }
  const columns = headers.map((header, i) => ({ header, field: fields[i] ?? null }));
  const mismatched = new Map<number, string>();
  for (const error of result.errors) {
    if (error.type === "FieldMismatch" && typeof error.row === "number") mismatched.set(error.row, error.message);
  }
  const records = result.data.map((raw, index) => {
    const values: Record<string, string> = {};
    for (const { header, field } of columns) {
      const value = raw[header];
      if (field && typeof value === "string") values[field] = value.trim();
    }
    return { row: index + 2, values, mismatch: mismatched.get(index) };
  });
  return { columns, records, present: new Set(fields.filter((f): f is string => f !== null)) };
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets an apostrophe
 * in front (CSV injection); the import takes it off again, so an export re-imports to the same text.
 */
export function protectFormula(text: string | null): string {
  if (text === null) return "";
  // Text that already starts with apostrophes before such a character gets one more, so the round trip is exact.
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const unprotectFormula = (text: string) => (/^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

const cell = (values: Record<string, string>, field: string): string | undefined => {
  const value = values[field];
  return value === undefined || value === "" ? undefined : unprotectFormula(value);
};

function checkLength(errors: RowError[], row: number, field: string, value: string | undefined, max: number) {
  if (value !== undefined && value.length > max) errors.push({ row, field, message: `Use at most ${max} characters` });
}

type IdColumn = "externalId" | "tandemId";
const ID_LABELS: Record<IdColumn, string> = { externalId: "external id", tandemId: "Tandem id" };

function duplicateIds(
  rows: { row: number; externalId: string | null; tandemId?: string | null }[],
  errors: RowError[],
) {
  for (const field of Object.keys(ID_LABELS) as IdColumn[]) {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const id = r[field];
      if (!id) continue;
      const first = seen.get(id);
      if (first !== undefined) errors.push({ row: r.row, field, message: `Same ${ID_LABELS[field]} as row ${first}` });
      else seen.set(id, r.row);
    }
  }
}

function finish<T extends { row: number; externalId: string | null; tandemId?: string | null }>(
  total: number,
  columns: ParsedCsv<T>["columns"],
  rows: T[],
  errors: RowError[],
): ParsedCsv<T> {
  duplicateIds(rows, errors);
  const bad = new Set(errors.map((e) => e.row));
  return { total, columns, rows: rows.filter((r) => !bad.has(r.row)), errors: errors.sort((a, b) => a.row - b.row) };
}

/** The checks every row starts with: its number of cells, and a name (required, at most 200 characters). */
function startRow(
  errors: RowError[],
  row: number,
  values: Parameters<typeof cell>[0],
  mismatch: string | undefined,
): string {
  if (mismatch) errors.push({ row, field: "row", message: mismatch });
  const name = cell(values, "name");
  if (!name) errors.push({ row, field: "name", message: "Required" });
  checkLength(errors, row, "name", name, 200);
  return name ?? "";
}

export function parseAccountsCsv(text: string): ParsedCsv<AccountImportRow> {
  const { columns, records, present } = parseRecords("accounts", text);
  const errors: RowError[] = [];
  const rows: AccountImportRow[] = [];
  for (const { row, values, mismatch } of records) {
    const before = errors.length;
    const name = startRow(errors, row, values, mismatch);
    const out: AccountImportRow = { row, externalId: cell(values, "externalId") ?? null, name };
    checkLength(errors, row, "externalId", out.externalId ?? undefined, 120);
    if (present.has("domain")) {
      const raw = cell(values, "domain");
      out.domain = raw ? normalizeDomain(raw) : null;
      if (raw && !out.domain) errors.push({ row, field: "domain", message: `Not a domain: "${raw}"` });
    }
    for (const field of ["industry", "segment", "region"] as const) {
      if (!present.has(field)) continue;
      out[field] = cell(values, field) ?? null;
      checkLength(errors, row, field, out[field] ?? undefined, 80);
    }
    out.owner = cell(values, "owner");
    if (errors.length === before) rows.push(out);
  }
  return finish(records.length, columns, rows, errors);
}

export function parseDealsCsv(text: string): ParsedCsv<DealImportRow> {
  const { columns, records, present } = parseRecords("deals", text);
  const errors: RowError[] = [];
  const rows: DealImportRow[] = [];
  for (const { row, values, mismatch } of records) {
    const before = errors.length;
    const name = startRow(errors, row, values, mismatch);
    const out: DealImportRow = {
      row,
      tandemId: cell(values, "tandemId")?.toLowerCase() ?? null,
      externalId: cell(values, "externalId") ?? null,
      name,
      accountName: cell(values, "accountName") ?? null,
      accountExternalId: cell(values, "accountExternalId") ?? null,
    };
    checkLength(errors, row, "externalId", out.externalId ?? undefined, 120);
    if (out.tandemId && !isUuid(out.tandemId))
      errors.push({ row, field: "tandemId", message: `Not a Tandem id: "${out.tandemId.slice(0, 60)}"` });
    if (!out.accountName && !out.accountExternalId)
      errors.push({ row, field: "account", message: "Required: the account's name or id" });
    checkLength(errors, row, "account", out.accountName ?? undefined, 200);

    const amount = cell(values, "amount");
    if (amount !== undefined) {
      const parsed = parseAmount(amount);
      if ("problem" in parsed) errors.push({ row, field: "amount", message: `${parsed.problem}: "${amount}"` });
      else out.amount = parsed.value;
    }
    const currency = cell(values, "currency");
    if (currency !== undefined) {
      const code = currency.toUpperCase();
      const problem = currencyProblem(code);
      if (problem) errors.push({ row, field: "currency", message: problem });
      else out.currency = code;
    }
    const stage = cell(values, "stage");
    if (stage !== undefined) {
      const normalized = normalizeStage(stage);
      if (!normalized) errors.push({ row, field: "stage", message: `Unknown stage "${stage}"` });
      else out.stage = normalized;
    }
    if (present.has("closeDate")) {
      const raw = cell(values, "closeDate");
      out.closeDate = raw ? parseDate(raw) : null;
      if (raw && !out.closeDate)
        errors.push({ row, field: "closeDate", message: `Not a date: "${raw}" (use 2026-12-31 or 12/31/2026)` });
    }
    out.owner = cell(values, "owner");
    if (present.has("product")) {
      out.product = cell(values, "product") ?? null;
      checkLength(errors, row, "product", out.product ?? undefined, 120);
    }
    const problemText = cell(values, "customerProblem");
    if (problemText !== undefined) {
      out.customerProblem = problemText;
      checkLength(errors, row, "customerProblem", problemText, 5000);
    }
    const fit = cell(values, "problemFit")?.toLowerCase();
    if (fit !== undefined) {
      if ((PROBLEM_FITS as readonly string[]).includes(fit)) out.problemFit = fit as ProblemFit;
      else errors.push({ row, field: "problemFit", message: `Use yes, partly, no or unknown, not "${fit}"` });
    }
    out.disqualifiedReason = cell(values, "disqualifiedReason");
    if (out.stage === "disqualified" && !out.disqualifiedReason) {
      errors.push({ row, field: "disqualifiedReason", message: "Required for disqualified deals" });
    }
    if (errors.length === before) rows.push(out);
  }
  return finish(records.length, columns, rows, errors);
}
