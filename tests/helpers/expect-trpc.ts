import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** Asserts that the call fails with exactly this tRPC error code; returns the error for further checks. */
export async function expectTRPCError(call: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}
