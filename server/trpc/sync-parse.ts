/**
 * tRPC validates every input and output with zod's `parseAsync`, and zod only takes its compiled fast path for
 * objects (a parser generated for the shape) in a synchronous parse: an async parse walks every field generically.
 * For the board's 400 cards that was 2–3 ms of CPU a call against 0.4 ms (docs/performance.md "Validation on
 * zod's fast path"). `syncParsing` wraps a procedure builder so that each schema given to `.input` or `.output`
 * parses synchronously first; a schema with an async part (zod then throws `$ZodAsyncError`) falls back to its own
 * `parseAsync`, so the answers and errors are zod's in every case.
 */
import { z } from "zod";

const patched = new WeakSet<z.ZodType>();

/**
 * The schema, its `parseAsync` now trying `parse` first. The same instance (not a copy): the REST API's OpenAPI
 * document reads the procedures' schemas and their registered descriptions, which are keyed by instance. Only
 * schemas of this module's copy of zod are changed (`instanceof`), so the async error caught is of that copy too.
 */
function parsingSyncFirst<T>(schema: T): T {
  if (!(schema instanceof z.ZodType) || patched.has(schema)) return schema;
  const zodParseAsync = schema.parseAsync.bind(schema);
  schema.parseAsync = async (value, params) => {
    try {
      return schema.parse(value, params);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return zodParseAsync(value, params);
      throw error;
    }
  };
  patched.add(schema);
  return schema;
}

const BUILDER_SCHEMA_METHODS = new Set<PropertyKey>(["input", "output"]);

const isBuilder = (value: unknown): value is object =>
  typeof value === "object" && value !== null && "_def" in value && "input" in value && "output" in value;

/** The procedure builder, and every builder made from it (`.use`, `.meta`, `.input`…), parsing synchronously first. */
export function syncParsing<Builder extends object>(builder: Builder): Builder {
  return new Proxy(builder, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const given = BUILDER_SCHEMA_METHODS.has(key) ? args.map(parsingSyncFirst) : args;
        const result: unknown = value.apply(target, given);
        return isBuilder(result) ? syncParsing(result) : result;
      };
    },
  });
}
