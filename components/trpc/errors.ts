/** Reading tRPC errors on the client: the message, and per-field messages from the zod formatter. */
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/root";

/** The server names the field first ("parentTeamId: A team cannot…"); people only need the reason. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message.replace(/^[a-zA-Z.]+: /, "");
  return "Something went wrong. Please try again.";
}

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
