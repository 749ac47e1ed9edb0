/**
 * A copy of a zod schema that shares no mutable definition with the original. trpc-to-openapi turns on
 * `coerce` in the definitions of the number, boolean, bigint and date fields of a REST procedure's input (query
 * strings arrive as text): on the app's own schemas that would silently loosen every app procedure too. The REST
 * procedures therefore take a detached copy — same checks, same messages — whose leaves it may coerce.
 */
import type { z } from "zod";

type AnySchema = z.ZodType & { clone(def: unknown): z.ZodType };

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault"]);
const LEAVES = new Set(["number", "boolean", "bigint", "date"]);

export function detach<T extends z.ZodType>(schema: T): T {
  const def = { ...(schema._zod.def as unknown as Record<string, unknown>) };
  const type = def.type as string;
  if (WRAPPERS.has(type)) def.innerType = detach(def.innerType as z.ZodType);
  else if (type === "array") def.element = detach(def.element as z.ZodType);
  else if (type === "object") {
    const shape = def.shape as Record<string, z.ZodType>;
    def.shape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, detach(value)]));
  } else if (!LEAVES.has(type)) return schema;
  return (schema as unknown as AnySchema).clone(def) as T;
}
