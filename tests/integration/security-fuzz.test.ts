/**
 * Promise 3 — no input crashes it: property-based fuzzing of every procedure (enumerated at run time).
 *
 * fast-check generates inputs — random JSON-like values, boundary and non-finite numbers, 100k-character
 * strings, unicode (emoji, RTL override, lone surrogates, BOM), SQL and HTML metacharacters, NUL bytes,
 * wrong types, invalid dates, bigints, nested junk — whole or in place of one or several fields of a
 * plausible input (built from the procedure's zod schema with the caller's own ids). Each is sent by an
 * admin and by a rep of a fully populated organization, in a transaction that is rolled back afterwards.
 *
 * The answer must never be INTERNAL_SERVER_ERROR (or SERVICE_UNAVAILABLE), and a value refused by Postgres
 * itself (BAD_REQUEST mapped from a data exception) counts as a validation gap: the zod schema must refuse it
 * first. A zod BAD_REQUEST must name the field ("field: reason").
 *
 * FUZZ_RUNS (default 30 per procedure for the admin, a third of it for the rep), FUZZ_SEED and
 * FUZZ_BUDGET_MS (time per procedure, default 20 s) reproduce or deepen a run; the seed is in every failure.
 */
import { getErrorShape } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, newTally, writeTally } from "../helpers/security-summary";
import { z } from "zod";
import type { Database } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { appRouter } from "@/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  callPath,
  callerAs,
  expectNoProblems,
  listProcedures,
  rolledBack,
  sampleProcedureInput,
  settle,
  type Outcome,
  type ProcedureInfo,
} from "../helpers/security";
import { idChooser, readOrgData, type OrgData } from "../helpers/security-data";
import { leafFields, sampleInput } from "../helpers/zod-samples";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** A slow procedure stops early (after at least 5 inputs) once it has used this much time. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const procedures = listProcedures();

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const HUGE_ASCII = "a".repeat(100_000);
const HUGE_UNICODE = "😀".repeat(50_000);
const nastyString = fc.constantFrom(
  HUGE_ASCII,
  HUGE_UNICODE,
  "ß".repeat(2_000),
  "' OR '1'='1",
  "'; drop table users; --",
  "1; select pg_sleep(10)",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "%",
  "_",
  "\\",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFFx",
  "\u202Eevil",
  "\uFEFF",
  "\u0085",
  "İı",
  "𝕏𝔂",
  "",
  " ",
  "\n\r\t",
  "null",
  "NaN",
  "-1",
  "1e309",
  "99999999999999999999.99",
  "-0.001",
  "2026-02-30",
  "2026-13-01T25:61:00Z",
  "0000-01-01",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "__proto__",
  "constructor",
);
const nastyNumber = fc.constantFrom(
  0,
  -0,
  -1,
  1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  0.1,
  1.005,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyString,
  nastyNumber,
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.uuid(),
);
const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    // Objects as a request can carry them: superjson-decoded JSON never has a null prototype (its `__proto__` key
    // is an own property). A null-prototype object under a `length` key made zod's size checks throw a TypeError
    // (a 400 without a field name) for some seeds (192183862 is one): a case no request can produce.
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("__proto__", "constructor", "orgId", "id")),
      tie("value"),
      { maxKeys: 4, noNullPrototype: true },
    ),
  ),
})).value;

/** Paths of the leaves of a plausible input, and the top-level keys of the input schema. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

function schemaKeys(procedure: ProcedureInfo): string[] {
  return procedure.inputs.flatMap((schema) => {
    const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
    return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
  });
}

function withValueAt(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> =
    base && typeof base === "object" && !(base instanceof Date)
      ? Array.isArray(base)
        ? ([...base] as never)
        : { ...base }
      : {};
  const [head, ...rest] = path as [string, ...string[]];
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

/**
 * Values at the edges of what Postgres stores, by the kind of value a field takes: just past `integer`, dates and
 * timestamps that do not exist or that JavaScript and Postgres read differently, amounts past `numeric(…, 2)`.
 */
const STORAGE_EDGES: Record<"number" | "date" | "timestamp" | "amount", unknown[]> = {
  number: [2 ** 31, -(2 ** 31) - 1],
  date: ["0000-01-01", "9999-12-31", "2026-02-30", "20260-01-01", "-2026-01-01"],
  timestamp: ["0000-01-01T00:00:00.000Z", "2026-02-30T09:00:00.000Z", "+275760-09-13T00:00:00.000Z"],
  amount: ["99999999999999999999999999.99", "1e400", "0.001", "-1"],
};

function edgeKind(leaf: { schema: unknown }): keyof typeof STORAGE_EDGES | null {
  const sample = sampleInput(leaf.schema, () => "00000000-0000-0000-0000-000000000000");
  if (typeof sample === "number") return "number";
  if (typeof sample !== "string") return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(sample)) return "date";
  if (/^\d{4}-\d{2}-\d{2}T/.test(sample)) return "timestamp";
  return /^\d+\.\d+$/.test(sample) ? "amount" : null;
}

/**
 * The plausible input with each of its number, date, timestamp and amount fields (optional ones too) at a storage
 * edge, sent on every run: random sampling reached these only for some seeds, which let an unbounded `version`
 * slip through for a while.
 */
function storageEdgeInputs(procedure: ProcedureInfo, plausible: unknown): unknown[] {
  return procedure.inputs
    .flatMap((schema) => leafFields(schema))
    .flatMap((leaf) => {
      const kind = edgeKind(leaf);
      return kind ? STORAGE_EDGES[kind].map((edge) => withValueAt(plausible, leaf.path, edge)) : [];
    });
}

function inputArbitrary(procedure: ProcedureInfo, plausible: unknown): fc.Arbitrary<unknown> {
  const paths = [...pathsOf(plausible), ...schemaKeys(procedure).map((key) => [key])];
  const options: fc.Arbitrary<unknown>[] = [junk];
  if (paths.length > 0) {
    const path = fc.constantFrom(...paths);
    options.push(
      fc.tuple(path, junk).map(([p, v]) => withValueAt(plausible, p, v)),
      fc.tuple(path, junk).map(([p, v]) => withValueAt(plausible, p, v)),
      fc
        .array(fc.tuple(path, junk), { minLength: 2, maxLength: 4 })
        .map((changes) => changes.reduce<unknown>((input, [p, v]) => withValueAt(input, p, v), plausible)),
      fc.dictionary(fc.constantFrom(...schemaKeys(procedure), "orgId"), leaf, { maxKeys: 6 }),
    );
  }
  return fc.oneof(...options);
}

/** A readable, short rendering of an input for failure messages. */
function preview(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "string" && v.length > 60) return `<${v.length} chars: ${JSON.stringify(v.slice(0, 12))}…>`;
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (v === undefined) return "<undefined>";
    return v;
  });
  return (text ?? String(value)).slice(0, 400);
}

// ---------------------------------------------------------------------------------------------------------

function problemOf(procedure: ProcedureInfo, who: string, input: unknown, outcome: Outcome): string | null {
  if (outcome.ok) return null;
  const where = `${procedure.path} as ${who} (seed ${SEED}) with ${preview(input)}`;
  const cause = outcome.error.cause;
  const causeText = cause ? `${(cause as { code?: string }).code ?? ""} ${cause.message}`.trim().slice(0, 300) : "";
  if (outcome.code === "INTERNAL_SERVER_ERROR" || outcome.code === "SERVICE_UNAVAILABLE")
    return `${where} → ${outcome.code}: ${causeText || outcome.message}`;
  if (
    outcome.code === "BAD_REQUEST" &&
    !(cause instanceof z.ZodError) &&
    /not accepted by the database/.test(outcome.message)
  ) {
    return `${where} → validation gap, Postgres refused the value: ${causeText}`;
  }
  if (outcome.code === "BAD_REQUEST") {
    const shape = getErrorShape({
      config: appRouter._def._config,
      error: outcome.error,
      type: "unknown",
      path: procedure.path,
      input,
      ctx: undefined,
    });
    // "field.path: reason" (a path may hold any character: keys of junk objects are named as sent).
    if (!/^.+?: \S/s.test(shape.message))
      return `${where} → BAD_REQUEST without a field name: "${shape.message.slice(0, 200)}"`;
  }
  return null;
}

describe(`fuzzing every procedure (fast-check, seed ${SEED})`, () => {
  let handle: TestDatabase;
  let db: Database;
  let orgId: string;
  let admin: { id: string };
  let rep: { id: string };
  let data: OrgData;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    orgId = (await seedDemo(db)).orgId;
    const [adminRow] = await db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
    const [repRow] = await db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "rep")));
    admin = { id: adminRow!.id };
    rep = { id: repRow!.id };
    data = await readOrgData(db, orgId);
  }, 120_000);

  const tally = newTally("security-fuzz");
  afterAll(async () => {
    writeTally(tally);
    await handle?.close();
  });

  it("the generators produce the hostile values the promise names", () => {
    const samples = fc.sample(junk, { numRuns: 2000, seed: 1 }).map((v) => preview(v));
    expect(samples.some((s) => s.includes("100000 chars"))).toBe(true);
    expect(samples.some((s) => s.includes("<script>"))).toBe(true);
    expect(samples.some((s) => s.includes("drop table"))).toBe(true);
  });

  it("the storage edges reach every field of their kind, optional and defaulted ones too", () => {
    const edged = (path: string) => {
      const procedure = procedures.find((candidate) => candidate.path === path)!;
      const fields = procedure.inputs.flatMap((schema) => leafFields(schema));
      return fields
        .filter((leaf) => edgeKind(leaf) !== null)
        .map((leaf) => `${leaf.path.join(".")}: ${edgeKind(leaf)}`);
    };
    expect(edged("plans.update")).toEqual(["version: number"]);
    expect(edged("accounts.list")).toContain("limit: number");
    expect(edged("plans.create")).toEqual(["startOn: date"]);
    expect(edged("deals.update")).toEqual(
      expect.arrayContaining(["version: number", "amount: amount", "closeDate: date"]),
    );
  });

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s never answers 500",
    { timeout: BUDGET_MS * 3 + 30_000 },
    async (_path, procedure) => {
      const plausible = sampleProcedureInput(procedure, idChooser(data));
      const arbitrary = inputArbitrary(procedure, plausible);
      const problems: string[] = [];
      const started = Date.now();
      for (const [who, user, runs] of [
        ["admin", admin, RUNS],
        ["rep", rep, Math.max(1, Math.round(RUNS / 3))],
      ] as const) {
        const inputs = [
          ...(who === "admin" ? storageEdgeInputs(procedure, plausible) : []),
          ...fc.sample(arbitrary, { numRuns: runs, seed: SEED + procedure.path.length + (who === "rep" ? 7 : 0) }),
        ];
        for (const [i, input] of inputs.entries()) {
          if (i >= 5 && Date.now() - started > (who === "admin" ? BUDGET_MS * 0.75 : BUDGET_MS)) break;
          const outcome = await rolledBack(db, (tx) =>
            settle(callPath(callerAs(tx, user, orgId), procedure.path, input)),
          );
          count(tally, { procedure: procedure.path, caller: who, outcome, fuzz: true });
          const problem = problemOf(procedure, who, input, outcome);
          if (problem) problems.push(problem);
        }
      }
      expectNoProblems(problems, `${procedure.path}: inputs that crash or slip past validation`);
    },
  );
});
