import { AuthCard } from "@/components/auth/auth-card";
import { ConfirmSignUpForm } from "@/components/auth/confirm-sign-up-form";
import { LinkProblemCard, linkProblem } from "@/components/auth/link-problem";
import { serverCaller } from "@/server/trpc/server";
import { SIGN_UP_LINK_MESSAGES } from "@/server/auth/sign-up";

export const metadata = { title: "Confirm your email" };

/** The link of the sign-up confirmation mail. Looking at it changes nothing; the form confirms. */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const request = await caller.onboarding
    .signUpRequest({ token })
    .catch((error: unknown) => linkProblem(error, SIGN_UP_LINK_MESSAGES.invalid));
  if ("problem" in request) {
    const used = request.problem === SIGN_UP_LINK_MESSAGES.used;
    return (
      <LinkProblemCard
        title={used ? "Already confirmed" : "This link cannot be used"}
        problem={request.problem}
        next={used ? { href: "/sign-in", label: "Go to sign in" } : { href: "/sign-up", label: "Sign up again" }}
      />
    );
  }
  return (
    <AuthCard
      title="Confirm your email"
      subtitle={`Enter the password you chose to create “${request.organizationName}”.`}
    >
      <ConfirmSignUpForm token={token} email={request.email} />
    </AuthCard>
  );
}
