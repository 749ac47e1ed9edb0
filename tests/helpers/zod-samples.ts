/**
 * Plausible inputs from zod schemas, read through zod 4's internals, for the security tests
 * (tests/helpers/security.ts): which fields hold a uuid, and a value of each schema that passes it when possible.
 */

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
  safeParse(value: unknown): { success: boolean };
}

const defOf = (schema: unknown) => (schema as ZodInternals)._zod.def;
/** Schemas that wrap one other (`innerType`) and take the same values, give or take undefined and null. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);
export const passes = (schema: unknown, value: unknown) => (schema as ZodInternals).safeParse(value).success;

function isUuidString(schema: unknown): boolean {
  const def = defOf(schema);
  if (def.type !== "string") return false;
  if (def.format === "uuid" || def.format === "guid") return true;
  const checks = (def.checks as { _zod: { def: { format?: string } } }[] | undefined) ?? [];
  return checks.some((check) => check._zod.def.format === "uuid" || check._zod.def.format === "guid");
}

/** Whether a uuid field is anywhere inside the schema. */
export function containsUuid(schema: unknown, depth = 0): boolean {
  if (depth > 12) return false;
  const def = defOf(schema);
  if (isUuidString(schema)) return true;
  if (WRAPPERS.has(def.type)) return containsUuid(def.innerType, depth + 1);
  switch (def.type) {
    case "object":
      return Object.values(def.shape as Record<string, unknown>).some((child) => containsUuid(child, depth + 1));
    case "pipe":
      return containsUuid(def.in, depth + 1) || containsUuid(def.out, depth + 1);
    case "array":
      return containsUuid(def.element, depth + 1);
    case "union":
      return (def.options as unknown[]).some((option) => containsUuid(option, depth + 1));
    case "intersection":
      return containsUuid(def.left, depth + 1) || containsUuid(def.right, depth + 1);
    case "tuple":
      return (def.items as unknown[]).some((item) => containsUuid(item, depth + 1));
    case "record":
      return containsUuid(def.valueType, depth + 1);
    case "lazy":
      return containsUuid((def.getter as () => unknown)(), depth + 1);
    default:
      return false;
  }
}

const STRING_CANDIDATES = [
  "Security probe",
  "probe@example.test",
  "2026-06-01",
  "2026-06-01T09:00:00.000Z",
  "2026-06-01T09:00:00.000000Z",
  "100.00",
  "1",
  "USD",
  "https://example.test/",
  "example.test",
  "probe",
  "a",
  "Abcdefghijklmnopqrstuvwxyz0123456789_-Abcdefghij",
  "#336699",
  "",
];
const NUMBER_CANDIDATES = [1, 2, 3, 0, 5, 10, 25, 50, 100, 2026, 0.5, -1];

/**
 * A plausible value for a schema: uuid fields from `uuid` (given the nearest object key and the whole path),
 * other leaves chosen among candidates so that they pass their own schema when possible. Optional fields are
 * left out unless they hold a uuid (to tamper with).
 */
export function sampleInput(
  schema: unknown,
  uuid: (field: string, path: string) => string,
  field = "input",
  path = "",
  depth = 0,
): unknown {
  if (depth > 12) return undefined;
  const def = defOf(schema);
  if (isUuidString(schema)) return uuid(field, path || field);
  if (WRAPPERS.has(def.type)) return sampleInput(def.innerType, uuid, field, path, depth + 1);
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        const optional = passes(child, undefined);
        if (optional && !containsUuid(child)) continue;
        const value = sampleInput(child, uuid, key, path ? `${path}.${key}` : key, depth + 1);
        if (value !== undefined || !optional) out[key] = value;
      }
      return out;
    }
    case "pipe": {
      const inner = defOf(def.in).type === "transform" ? def.out : def.in;
      return sampleInput(inner, uuid, field, path, depth + 1);
    }
    case "lazy":
      return sampleInput((def.getter as () => unknown)(), uuid, field, path, depth + 1);
    case "string":
      return STRING_CANDIDATES.find((candidate) => passes(schema, candidate)) ?? "probe";
    case "number":
    case "int":
      return NUMBER_CANDIDATES.find((candidate) => passes(schema, candidate)) ?? 1;
    case "bigint":
      return 1n;
    case "boolean":
      return false;
    case "date":
      return new Date("2026-06-01T09:00:00Z");
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "null":
      return null;
    case "union": {
      const options = def.options as unknown[];
      const samples = options.map((option) => sampleInput(option, uuid, field, path, depth + 1));
      const index = samples.findIndex(
        (sample, i) => sample !== null && sample !== undefined && passes(options[i], sample),
      );
      return index >= 0 ? samples[index] : samples[0];
    }
    case "intersection": {
      const left = sampleInput(def.left, uuid, field, path, depth + 1);
      const right = sampleInput(def.right, uuid, field, path, depth + 1);
      return left && right && typeof left === "object" && typeof right === "object"
        ? { ...left, ...right }
        : (left ?? right);
    }
    case "array": {
      const min = ((def.checks as { _zod: { def: { check?: string; minimum?: number } } }[] | undefined) ?? [])
        .map((check) => (check._zod.def.check === "min_length" ? (check._zod.def.minimum ?? 0) : 0))
        .reduce((a, b) => Math.max(a, b), 0);
      const element = sampleInput(def.element, uuid, field, `${path}[]`, depth + 1);
      return Array.from({ length: Math.max(1, min) }, () => element);
    }
    case "tuple":
      return (def.items as unknown[]).map((item, i) => sampleInput(item, uuid, field, `${path}[${i}]`, depth + 1));
    case "record":
      return {};
    case "any":
    case "unknown":
      return "probe";
    default:
      return undefined;
  }
}

/** Every number and string field inside a schema's objects, optional ones included (arrays are not entered). */
export function leafFields(schema: unknown, path: string[] = [], depth = 0): { path: string[]; schema: unknown }[] {
  if (depth > 12) return [];
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return leafFields(def.innerType, path, depth + 1);
  switch (def.type) {
    case "number":
    case "int":
    case "string":
      return [{ path, schema }];
    case "object":
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) =>
        leafFields(child, [...path, key], depth + 1),
      );
    case "pipe":
      return leafFields(defOf(def.in).type === "transform" ? def.out : def.in, path, depth + 1);
    case "lazy":
      return leafFields((def.getter as () => unknown)(), path, depth + 1);
    case "intersection":
      return [...leafFields(def.left, path, depth + 1), ...leafFields(def.right, path, depth + 1)];
    case "union":
      return (def.options as unknown[]).flatMap((option) => leafFields(option, path, depth + 1));
    default:
      return [];
  }
}
