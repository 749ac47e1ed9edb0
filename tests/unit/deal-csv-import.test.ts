import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRealDate } from "@/server/domain/dates";
import { amountProblem, currencyProblem, normalizeDomain } from "@/server/domain/deal-fields";
import {
  CSV_MAX_BYTES,
  CSV_MAX_ROWS,
  CsvFileError,
  mapHeaders,
  normalizeStage,
  parseAccountsCsv,
  parseAmount,
  parseDate,
  parseDealsCsv,
  protectFormula,
} from "@/server/domain/csv-import";
import { compareDecimal } from "@/server/domain/deal-list-schemas";

describe("field rules", () => {
  it.each([
    ["0", null],
    ["1250", null],
    ["1250.5", null],
    ["999999999999.99", null],
    ["-5", "Must not be negative"],
    ["12.345", "Use at most 2 decimals"],
    ["1234567890123", "Too large (at most 12 digits before the point)"],
    ["1e5", "Use a decimal amount like 1250.00"],
    ["", "Required"],
    ["12,50", "Use a decimal amount like 1250.00"],
  ])("amount %j → %j", (value, problem) => {
    expect(amountProblem(value)).toBe(problem);
  });

  it.each([
    ["USD", null],
    ["EUR", null],
    ["usd", "Use a 3-letter ISO 4217 code in capitals, like USD"],
    ["US", "Use a 3-letter ISO 4217 code in capitals, like USD"],
    ["XQZ", "Unknown currency code XQZ"],
  ])("currency %j → %j", (value, problem) => {
    expect(currencyProblem(value)).toBe(problem);
  });

  it("dates must exist", () => {
    expect(isRealDate("2026-02-28")).toBe(true);
    expect(isRealDate("2026-02-30")).toBe(false);
    expect(isRealDate("26-02-01")).toBe(false);
    // Postgres has no year 0 (the security fuzz found it as a keyset cursor).
    expect(isRealDate("0000-01-01")).toBe(false);
    expect(isRealDate("0001-01-01")).toBe(true);
  });

  it("domains keep the host of a URL", () => {
    expect(normalizeDomain("https://www.Acme.com/about")).toBe("acme.com");
    expect(normalizeDomain("acme")).toBeNull();
  });

  it("property: decimal strings compare like the numbers they spell", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 9 }), (a, b) => {
        const text = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
        expect(compareDecimal(text(a), text(b))).toBe(Math.sign(a - b));
        expect(compareDecimal(String(a), `${a}.00`)).toBe(0);
      }),
    );
  });
});

describe("CSV values", () => {
  it("maps Salesforce, HubSpot and Tandem stage names", () => {
    expect(normalizeStage("Prospecting")).toBe("prospecting");
    expect(normalizeStage("Needs Analysis")).toBe("qualification");
    expect(normalizeStage("Id. Decision Makers")).toBe("discovery");
    expect(normalizeStage("Proposal/Price Quote")).toBe("proposal");
    expect(normalizeStage("Negotiation/Review")).toBe("negotiation");
    expect(normalizeStage("Closed Won")).toBe("closed_won");
    expect(normalizeStage("closedlost")).toBe("closed_lost");
    expect(normalizeStage("appointmentscheduled")).toBe("prospecting");
    expect(normalizeStage("Decision maker bought-in")).toBe("proposal");
    expect(normalizeStage("closed_won")).toBe("closed_won");
    expect(normalizeStage("Disqualified")).toBe("disqualified");
    expect(normalizeStage("Maybe later")).toBeNull();
  });

  it("reads amounts without floats", () => {
    expect(parseAmount("$1,250.50")).toEqual({ value: "1250.50" });
    expect(parseAmount("1 250")).toEqual({ value: "1250" });
    expect(parseAmount("0.1")).toEqual({ value: "0.1" });
    expect(parseAmount("-10")).toEqual({ problem: "Must not be negative" });
  });

  it("reads ISO, ISO date-time and US dates", () => {
    expect(parseDate("2026-12-18")).toBe("2026-12-18");
    expect(parseDate("2026-12-18 00:00")).toBe("2026-12-18");
    expect(parseDate("2026-12-18T10:00:00Z")).toBe("2026-12-18");
    expect(parseDate("12/18/2026")).toBe("2026-12-18");
    expect(parseDate("2/3/2027")).toBe("2027-02-03");
    expect(parseDate("18/12/2026")).toBeNull();
    expect(parseDate("soon")).toBeNull();
  });

  it("maps headers per kind; the first header naming a field wins", () => {
    expect(
      mapHeaders("deals", [
        "Opportunity ID",
        "Opportunity Name",
        "Account Name",
        "Account ID",
        "Amount",
        "Stage",
        "Close Date",
        "Opportunity Owner",
        "Notes",
      ]),
    ).toEqual([
      "externalId",
      "name",
      "accountName",
      "accountExternalId",
      "amount",
      "stage",
      "closeDate",
      "owner",
      null,
    ]);
    expect(
      mapHeaders("deals", [
        "Record ID",
        "Deal Name",
        "Associated Company",
        "Deal Stage",
        "Amount",
        "Close Date",
        "Deal owner",
      ]),
    ).toEqual(["externalId", "name", "accountName", "stage", "amount", "closeDate", "owner"]);
    expect(
      mapHeaders("accounts", ["Record ID", "Company name", "Company Domain Name", "Industry", "Company owner"]),
    ).toEqual(["externalId", "name", "domain", "industry", "owner"]);
    expect(mapHeaders("accounts", ["Account ID", "Account Name", "Website", "Account Owner"])).toEqual([
      "externalId",
      "name",
      "domain",
      "owner",
    ]);
    expect(mapHeaders("accounts", ["Name", "name"])).toEqual(["name", null]);
  });
});

describe("parsing files", () => {
  const salesforce = [
    "Opportunity ID,Opportunity Name,Account Name,Amount,Currency,Stage,Close Date,Opportunity Owner",
    '006A,"Acme — Vision QA, phase 2",Acme Corp,"$120,000.00",USD,Proposal/Price Quote,12/18/2026,rep@acme.test',
    "006B,Globex pilot,Globex,abc,USD,Closed Won,2026-10-01,",
    "006C,Initech,Initech,10,EURO,Someday,2026-13-01,",
  ].join("\n");

  it("gives mapped rows and per-row errors naming the field", () => {
    const parsed = parseDealsCsv(salesforce);
    expect(parsed.total).toBe(3);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        tandemId: null,
        externalId: "006A",
        name: "Acme — Vision QA, phase 2",
        accountName: "Acme Corp",
        accountExternalId: null,
        amount: "120000.00",
        currency: "USD",
        stage: "proposal",
        closeDate: "2026-12-18",
        owner: "rep@acme.test",
        disqualifiedReason: undefined,
      },
    ]);
    expect(parsed.errors).toEqual([
      { row: 3, field: "amount", message: 'Use a decimal amount like 1250.00: "abc"' },
      { row: 4, field: "currency", message: "Use a 3-letter ISO 4217 code in capitals, like USD" },
      { row: 4, field: "stage", message: 'Unknown stage "Someday"' },
      { row: 4, field: "closeDate", message: 'Not a date: "2026-13-01" (use 2026-12-31 or 12/31/2026)' },
    ]);
  });

  it("refuses a file over the size limit before parsing it", () => {
    const big = "Account Name\n" + "x".repeat(CSV_MAX_BYTES);
    expect(() => parseAccountsCsv(big)).toThrow(CsvFileError);
    expect(() => parseAccountsCsv(big)).toThrow(/larger than 5 MB/);
    // Multi-byte characters count as bytes, not characters.
    const wide = "Account Name\n" + "é".repeat(CSV_MAX_BYTES / 2 + 1);
    expect(() => parseAccountsCsv(wide)).toThrow(/larger than 5 MB/);
  });

  it("refuses 100,000 rows with a clear error", () => {
    const lines = ["Account Name", ...Array.from({ length: 100_000 }, (_, i) => `A${i}`)];
    expect(() => parseAccountsCsv(lines.join("\n"))).toThrow(
      `The file has more than ${CSV_MAX_ROWS.toLocaleString("en-US")} rows`,
    );
  });

  it("refuses broken quoting, naming the line", () => {
    expect(() => parseDealsCsv('Deal Name,Account Name\n"Open quote,Acme\nNext,Globex\n')).toThrow(
      /Broken quoting near line 2: a quoted field is never closed/,
    );
    expect(() => parseDealsCsv('Deal Name,Account Name\nFine,Acme\n"Bad"x,Globex\n')).toThrow(
      /Broken quoting near line 3/,
    );
  });

  it("refuses files without the required columns, and empty files", () => {
    expect(() => parseDealsCsv("Deal Name,Amount\nX,10\n")).toThrow(/Missing required column: account/);
    expect(() => parseAccountsCsv("Website\nacme.com\n")).toThrow(/Missing required column: name/);
    expect(() => parseAccountsCsv("")).toThrow("The file is empty.");
    expect(() => parseAccountsCsv("Account Name\n")).toThrow("The file has a header but no rows.");
  });

  it("reports rows with the wrong number of fields, required values and duplicate ids", () => {
    const parsed = parseAccountsCsv(
      "Account ID,Account Name,Industry\n1,Acme,Retail\n2,,Retail\n1,Acme again,Retail\n3,Extra,Retail,oops\n",
    );
    expect(parsed.errors).toEqual([
      { row: 3, field: "name", message: "Required" },
      { row: 4, field: "externalId", message: "Same external id as row 2" },
      { row: 5, field: "row", message: "Too many fields: expected 3 fields but parsed 4" },
    ]);
    expect(parsed.rows.map((r) => r.name)).toEqual(["Acme"]);
  });

  it("reads Tandem's own id beside another system's, and refuses a repeated one", () => {
    const id = "6B58B822-9D39-4A94-89FC-7C1D8AC9FF00";
    const parsed = parseDealsCsv(
      `Tandem ID,Deal ID,Deal Name,Account Name\n${id},SF-1,X,Acme\n${id.toLowerCase()},SF-2,Y,Acme\n`,
    );
    expect(parsed.columns.map((c) => c.field)).toEqual(["tandemId", "externalId", "name", "accountName"]);
    expect(parsed.rows).toMatchObject([{ tandemId: id.toLowerCase(), externalId: "SF-1" }]);
    expect(parsed.errors).toEqual([{ row: 3, field: "tandemId", message: "Same Tandem id as row 2" }]);
  });

  it("undoes the apostrophe the export puts before formula-like text, exactly", () => {
    for (const text of ["=1+1", "'-", "''@x", "plain", "'plain"]) {
      expect(parseDealsCsv(`Deal Name,Account Name\n"${protectFormula(text)}",Acme\n`).rows[0]?.name).toBe(text);
    }
    const parsed = parseDealsCsv("Deal Name,Account Name\n'=SUM(A1),'-Minus Co\n'Quoted,Acme\n");
    expect(parsed.rows.map((r) => [r.name, r.accountName])).toEqual([
      ["=SUM(A1)", "-Minus Co"],
      ["'Quoted", "Acme"],
    ]);
  });

  it("a disqualified deal needs a reason", () => {
    const parsed = parseDealsCsv("Deal Name,Account Name,Stage\nX,Acme,Disqualified\n");
    expect(parsed.errors).toEqual([
      { row: 2, field: "disqualifiedReason", message: "Required for disqualified deals" },
    ]);
  });

  it("property: any well-quoted file of valid rows, formula-protected as the export does, parses back to its values", () => {
    const text = fc
      .string({ maxLength: 30 })
      .map((s) => s.replace(/[\p{Cc}]/gu, "").trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 20 }), (rows) => {
        const quote = (s: string) => `"${protectFormula(s).replace(/"/g, '""')}"`;
        const csv = ["Deal Name,Account Name", ...rows.map(([a, b]) => `${quote(a)},${quote(b)}`)].join("\r\n");
        const parsed = parseDealsCsv(csv);
        expect(parsed.errors.filter((e) => e.field !== "name" && e.field !== "account")).toEqual([]);
        expect(parsed.rows.map((r) => [r.name, r.accountName])).toEqual(
          rows.filter(([a, b]) => a.length <= 200 && b.length <= 200),
        );
      }),
      { numRuns: 200 },
    );
  });
});
