/**
 * Reading tRPC errors on the client from the structured data the server's error formatter sends
 * (`data.issues`: each problem with its field's full path), never from the message text.
 */
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import type { ErrorIssue } from "@/server/domain/errors";

function issuesOf(error: unknown): ErrorIssue[] {
  if (!(error instanceof TRPCClientError)) return [];
  return ((error as TRPCClientError<AppRouter>).data?.issues as ErrorIssue[] | undefined) ?? [];
}

/** What people need to read: the reason, without the field's path (shown next to the field, or not at all). */
export function errorMessage(error: unknown): string {
  if (!(error instanceof TRPCClientError)) return "Something went wrong. Please try again.";
  const issues = issuesOf(error);
  return issues.length === 1 && issues[0] ? issues[0].message : error.message;
}

/** The first message for each top-level input field ("objectives" for "objectives.2.weight"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const zodError = (error as TRPCClientError<AppRouter>).data?.zodError;
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(zodError?.fieldErrors ?? {})) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) out[field] = first;
  }
  return out;
}

/** The first message for each full field path ("objectives.2.weight"), from zod and from handlers alike. */
export function pathErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issuesOf(error)) if (issue.path && !(issue.path in out)) out[issue.path] = issue.message;
  return out;
}

/** The error's code ("CONFLICT", "BAD_REQUEST"…), when the server sent one. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : null;
}

/** The record as it is now, which a CONFLICT answer carries (`data.current`, see server/domain/errors.ts), if any. */
export function conflictCurrent<T>(error: unknown): T | null {
  if (errorCode(error) !== "CONFLICT" || !(error instanceof TRPCClientError)) return null;
  return ((error.data as { current?: T } | undefined)?.current ?? null) as T | null;
}
