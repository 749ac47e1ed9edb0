import { initTRPC, TRPCError } from "@trpc/server";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { syncParsing } from "@/server/trpc/sync-parse";

const t = initTRPC.create();
const procedure = syncParsing(t.procedure).use(({ next }) => next());

const row = z.object({
  id: z.uuid(),
  amount: z.string().regex(/^\d+\.\d{2}$/),
  when: z.date(),
  tags: z.array(z.string()),
});

async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

describe("syncParsing", () => {
  const input = z.object({ rows: z.array(row) });
  const output = z.object({ rows: z.array(row), count: z.number().int() });
  let answer: z.infer<typeof output> | null = null;
  const router = t.router({
    echo: procedure
      .input(input)
      .output(output)
      .query(({ input }) => answer ?? { rows: input.rows, count: input.rows.length }),
    slowCheck: procedure
      .input(z.object({ name: z.string() }).refine(async (value) => value.name !== "taken", "Name taken"))
      .query(({ input }) => input.name),
  });
  const caller = t.createCallerFactory(router)({});
  const valid = { id: crypto.randomUUID(), amount: "12.50", when: new Date(0), tags: ["a"] };

  it("keeps the schema instances the procedure was given (the OpenAPI document reads them) and parses them synchronously", async () => {
    expect(router.echo._def.inputs[0]).toBe(input);
    const parse = vi.spyOn(output, "parse");
    await caller.echo({ rows: [valid] });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it("answers what zod's parseAsync answers, for any input: the value, or BAD_REQUEST with zod's issues", async () => {
    const candidate = fc.record({
      id: fc.oneof(fc.uuid(), fc.string()),
      amount: fc.oneof(fc.constant("1.00"), fc.string()),
      when: fc.oneof(fc.date({ noInvalidDate: true }), fc.string()),
      tags: fc.oneof(fc.array(fc.string()), fc.constant(null)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(candidate, { maxLength: 3 }), async (rows) => {
        const expected = await z.object({ rows: z.array(row) }).safeParseAsync({ rows });
        if (expected.success) {
          expect(await caller.echo({ rows } as never)).toEqual({ ...expected.data, count: rows.length });
        } else {
          const error = await errorOf(caller.echo({ rows } as never));
          expect(error.code).toBe("BAD_REQUEST");
          expect((error.cause as z.ZodError).issues).toEqual(expected.error.issues);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("still refuses an invalid output (INTERNAL_SERVER_ERROR)", async () => {
    answer = { rows: [{ ...valid, when: "yesterday" as never }], count: 1 };
    try {
      const error = await errorOf(caller.echo({ rows: [] }));
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).toBe("Output validation failed");
    } finally {
      answer = null;
    }
  });

  it("falls back to zod's parseAsync for a schema with an async check", async () => {
    expect(await caller.slowCheck({ name: "free" })).toBe("free");
    const error = await errorOf(caller.slowCheck({ name: "taken" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as z.ZodError).issues[0]?.message).toBe("Name taken");
  });
});
