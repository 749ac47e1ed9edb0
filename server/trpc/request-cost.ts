/**
 * What one HTTP request to `/api/trpc` may ask of the database: at most MAX_ROWS_PER_REQUEST rows, summed over
 * every call of a batch. Each call's input is read with the procedure's own zod schema (so defaults count:
 * `deals.list` without a `limit` asks for its default 25 rows), then priced by ROWS_ASKED.
 *
 * Only GET requests carry queries (tRPC refuses a query sent by POST), and only queries return pages of rows;
 * mutations are bounded by their body limit and their own input schemas.
 */
import superjson from "superjson";
import type { z } from "zod";
import { DEAL_STAGES } from "@/server/domain/deal-alignment";
import { appRouter } from "./root";

/**
 * The rows one request may ask for. One CSV export (10,000 rows) fits, two do not; the browser's pages ask for a
 * few hundred (the board: 50 per stage).
 */
export const MAX_ROWS_PER_REQUEST = 10_000;

/** Rows a call asks for, from its parsed input. Procedures not listed, and inputs without a page size: 1. */
const ROWS_ASKED: Record<string, (input: Record<string, unknown>) => number> = {
  /** `perStage` deals in each stage column. */
  "deals.board": (input) => numberOr(input.perStage, 1) * DEAL_STAGES.length,
  /** Every row of the filtered list, up to the export's limit of 10,000 (routers/deals.ts). */
  "deals.export": () => 10_000,
};

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

interface ProcedureDef {
  _def: { inputs: z.ZodType[] };
}

/** The call's input as its procedure reads it (defaults applied), or null when it does not parse. */
function parsedInput(path: string, raw: unknown): Record<string, unknown> | null {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef | undefined> }).procedures;
  const procedure = procedures[path];
  if (!procedure) return null;
  let value: Record<string, unknown> = {};
  for (const schema of procedure._def.inputs) {
    const result = schema.safeParse(raw);
    if (!result.success) return null;
    if (result.data && typeof result.data === "object") value = { ...value, ...(result.data as object) };
  }
  return value;
}

/** Rows one call asks for. An input that does not parse costs nothing here: tRPC answers BAD_REQUEST. */
export function rowsAskedBy(path: string, raw: unknown): number {
  const input = parsedInput(path, raw);
  if (!input) return 0;
  const price = ROWS_ASKED[path];
  if (price) return price(input);
  return numberOr(input.limit, 1);
}

/** The raw inputs of a GET request's calls, in order: `?batch=1&input={"0":{"json":…}}` or `?input={"json":…}`. */
function rawInputs(url: URL, calls: number): unknown[] {
  const text = url.searchParams.get("input");
  if (!text) return Array.from({ length: calls }, () => undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return Array.from({ length: calls }, () => undefined);
  }
  const deserialize = (value: unknown) => {
    try {
      return value && typeof value === "object" && "json" in value
        ? superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0])
        : value;
    } catch {
      return undefined;
    }
  };
  if (url.searchParams.get("batch") !== "1") return [deserialize(parsed)];
  const byIndex = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  return Array.from({ length: calls }, (_, index) => deserialize(byIndex[String(index)]));
}

/** Rows a GET request asks for over all its calls (0 for other methods). */
export function rowsAskedByRequest(request: Request, paths: readonly string[]): number {
  if (request.method !== "GET") return 0;
  const inputs = rawInputs(new URL(request.url), paths.length);
  return paths.reduce((sum, path, index) => sum + rowsAskedBy(path, inputs[index]), 0);
}
