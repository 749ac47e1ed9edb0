import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Join your team" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const invitation = await caller.onboarding.invitation({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) {
      return { problem: error.code === "NOT_FOUND" ? error.message : "This invitation link is not valid." };
    }
    throw error;
  });
  if ("problem" in invitation) {
    return (
      <AuthCard title="This invitation cannot be used" subtitle={invitation.problem}>
        <p className="text-sm text-slate-600">Ask your admin for a new invitation link.</p>
        <Link href="/sign-in" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invitation.orgName}`} subtitle={`You were invited as ${invitation.role}.`}>
      <AcceptInvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} />
    </AuthCard>
  );
}
