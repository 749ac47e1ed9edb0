/**
 * Per-path error messages from a tRPC error. The server names each field first, with its full path
 * ("objectives.2.weight: Must be 100 or less; links.0.objectiveId: Not an objective…"), both for zod errors
 * and for the errors handlers throw, so forms can show each message next to its own field.
 */
import { TRPCClientError } from "@trpc/client";

export function pathErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const out: Record<string, string> = {};
  for (const part of error.message.split("; ")) {
    const match = /^([A-Za-z0-9_.]+): ([\s\S]+)$/.exec(part);
    if (match && match[1] && match[2] && !(match[1] in out)) out[match[1]] = match[2];
  }
  return out;
}

/** The error's code ("CONFLICT", "BAD_REQUEST"…), when the server sent one. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : null;
}
