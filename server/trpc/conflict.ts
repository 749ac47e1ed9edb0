import { TRPCError } from "@trpc/server";

/**
 * The cause of a CONFLICT on a stale `version`: the record as it is now. Server callers read it from
 * `error.cause.current`; the error formatter sends it to clients as `data.current`, so nobody has to
 * reload to see what changed.
 */
export class StaleVersionError<T = unknown> extends Error {
  constructor(readonly current: T) {
    super("stale version");
  }
}

/** CONFLICT for an update that named an old version; `message` starts with "version:" like every field error. */
export function staleVersion<T>(message: string, current: T): TRPCError {
  return new TRPCError({ code: "CONFLICT", message, cause: new StaleVersionError(current) });
}
