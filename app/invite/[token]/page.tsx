import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { LinkProblemCard, linkProblem } from "@/components/auth/link-problem";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Join your team" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const invitation = await caller.onboarding
    .invitation({ token })
    .catch((error: unknown) => linkProblem(error, "This invitation link is not valid."));
  if ("problem" in invitation) {
    return (
      <LinkProblemCard
        title="This invitation cannot be used"
        problem={invitation.problem}
        next={{ href: "/sign-in", label: "Go to sign in", hint: "Ask your admin for a new invitation link." }}
      />
    );
  }
  return (
    <AuthCard title={`Join ${invitation.orgName}`} subtitle={`You were invited as ${invitation.role}.`}>
      <AcceptInvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} />
    </AuthCard>
  );
}
