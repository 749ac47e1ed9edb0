/**
 * Application errors: what went wrong (a tRPC-style code), a message for people, and — when the error is about
 * one input field — its full path ("ownerId", "objectives.2.weight"). The domain and services throw them
 * without knowing about tRPC; the procedure ladder (server/trpc/init.ts) turns them into tRPC errors and the
 * error formatter sends `field` and `details` to the client as data, so that forms never parse message text.
 */

export type AppErrorCode =
  "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The message as sent: the field's path first ("ownerId: Member not found."), like zod errors. */
  get wireMessage(): string {
    return this.field ? `${this.field}: ${this.message}` : this.message;
  }
}

/** One input field's value is not accepted. */
export function badRequest(field: string | undefined, message: string, details?: unknown): never {
  throw new AppError("BAD_REQUEST", message, field, details);
}

/** The record does not exist or the caller may not see it (its existence is not revealed). */
export function notFound(field: string | undefined, message: string): never {
  throw new AppError("NOT_FOUND", message, field);
}

/** The caller may see the record but not do this to it. */
export function forbidden(field: string | undefined, message: string): never {
  throw new AppError("FORBIDDEN", message, field);
}

/** The request clashes with the state of a record (a duplicate, a finished invitation…). */
export function conflict(field: string | undefined, message: string, details?: unknown): never {
  throw new AppError("CONFLICT", message, field, details);
}

/** One problem with the input, as the client reads it: `path` is "" when it is not about one field. */
export interface ErrorIssue {
  path: string;
  message: string;
}

/**
 * CONFLICT for an update that named an old `version`: carries the record as it is now. Server callers read it
 * from `error.cause.current`; the error formatter sends it to clients as `data.current`, so nobody has to reload
 * to see what changed.
 */
export class StaleVersionError<T = unknown> extends AppError {
  constructor(
    readonly current: T,
    readonly reason = "stale version",
  ) {
    super("CONFLICT", reason, "version");
    this.name = "StaleVersionError";
  }
}

/** The stale-version error to throw; the message names the `version` field like every field error. */
export function staleVersion<T>(reason: string, current: T): StaleVersionError<T> {
  return new StaleVersionError(current, reason);
}
