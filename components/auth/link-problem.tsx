import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { AuthCard } from "./auth-card";

/**
 * The answer of a mailed link's page when the link cannot be used: NOT_FOUND says why (expired, used…), a token
 * of the wrong shape is simply "not valid". Any other error is not the link's fault and is thrown on.
 */
export function linkProblem(error: unknown, invalidMessage: string): { problem: string } {
  if (error instanceof TRPCError && error.code === "NOT_FOUND") return { problem: error.message };
  if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { problem: invalidMessage };
  throw error;
}

export function LinkProblemCard({
  title,
  problem,
  next,
}: {
  title: string;
  problem: string;
  next: { href: string; label: string; hint?: string };
}) {
  return (
    <AuthCard title={title} subtitle={problem}>
      {next.hint ? <p className="text-sm text-slate-600">{next.hint}</p> : null}
      <Link href={next.href} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        {next.label}
      </Link>
    </AuthCard>
  );
}
