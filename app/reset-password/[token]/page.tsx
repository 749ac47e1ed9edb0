import { AuthCard } from "@/components/auth/auth-card";
import { LinkProblemCard, linkProblem } from "@/components/auth/link-problem";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { RESET_LINK_MESSAGES } from "@/server/auth/password-reset";
import { serverCaller } from "@/server/trpc/server";

export const metadata = { title: "Choose a new password" };

/** The link of the password reset mail. Looking at it changes nothing; the form sets the password. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller();
  const reset = await caller.passwordReset
    .check({ token })
    .catch((error: unknown) => linkProblem(error, RESET_LINK_MESSAGES.invalid));
  if ("problem" in reset) {
    return (
      <LinkProblemCard
        title="This link cannot be used"
        problem={reset.problem}
        next={{ href: "/forgot-password", label: "Ask for a new link" }}
      />
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle="Every device signed in to your account will be signed out.">
      <ResetPasswordForm token={token} email={reset.email} />
    </AuthCard>
  );
}
