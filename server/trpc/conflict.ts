import { TRPCError } from "@trpc/server";

/**
 * The cause of a CONFLICT on a stale `version`: the record as it is now. Server callers read it from
 * `error.cause.current`; the error formatter sends it to clients as `data.current`, so nobody has to
 * reload to see what changed.
 */
export class StaleVersionError<T = unknown> extends Error {
  readonly field = "version";

  constructor(
    readonly current: T,
    readonly reason = "stale version",
  ) {
    super(reason);
  }
}

/** CONFLICT for an update that named an old version; the message names the `version` field like every field error. */
export function staleVersion<T>(reason: string, current: T): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: `version: ${reason}`,
    cause: new StaleVersionError(current, reason),
  });
}
