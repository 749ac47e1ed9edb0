/**
 * The pipeline export (server/services/csv-export.ts) against an independent oracle: a minimal RFC 4180 reader
 * written here (not papaparse, which writes the file, nor the import's reader) finds no cell that a spreadsheet
 * would run as a formula (OWASP "CSV injection": a cell starting with = + - @ tab or carriage return), whatever
 * the deal's texts; and the import reads every text back exactly (the apostrophe comes off again).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDealsCsv } from "@/server/domain/csv-import";
import { dealsCsv } from "@/server/services/csv-export";
import type { DealRow } from "@/server/domain/deal-list-schemas";

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields with doubled quotes inside. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      endField();
    } else if (char === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += char;
    }
  }
  endField();
  records.push(record);
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

// Texts as people type them, biased towards formula triggers and apostrophes in front of them.
const text = fc
  .tuple(fc.constantFrom("", "=", "+", "-", "@", "'", "''=", "'-", "=HYPERLINK("), fc.string({ maxLength: 20 }))
  .map(([start, rest]) => `${start}${rest}`.replace(/[\p{Cc}]/gu, "").trim())
  .filter((s) => s.length > 0);

function deal(name: string, accountName: string, product: string): DealRow {
  return {
    id: crypto.randomUUID(),
    externalId: null,
    name,
    accountName,
    amount: "1200.00",
    currency: "USD",
    stage: "qualification",
    closeDate: "2026-12-01",
    ownerName: "Riley Chen",
    product,
    problemFit: "unknown",
    score: 42,
    flags: [],
    disqualifiedReason: null,
  } as unknown as DealRow;
}

describe("CSV export against an independent reader", () => {
  it("property: no exported cell starts like a formula, and the import reads every text back exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 10 }), (rows) => {
        const items = rows.map(([name, account, product]) => deal(name, account, product));
        const csv = dealsCsv(items);
        const [header, ...data] = readCsv(csv);
        expect(header?.[2]).toBe("Deal Name");
        expect(data).toHaveLength(items.length);
        for (const cells of data) {
          expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
        }
        const parsed = parseDealsCsv(csv);
        expect(parsed.rows.map((r) => [r.tandemId, r.name, r.accountName, r.product])).toEqual(
          items.map((item) => [item.id, item.name, item.accountName, item.product]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
