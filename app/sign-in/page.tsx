import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata = { title: "Sign in" };

const notices: Record<string, { text: string; tone: "amber" | "green" }> = {
  "access-removed": {
    text: "Your access to the organization was removed. Sign in again to continue elsewhere.",
    tone: "amber",
  },
  "session-ended": { text: "Your session has ended. Please sign in again.", tone: "amber" },
  "password-changed": { text: "Your password was changed. Sign in with the new one.", tone: "green" },
  "email-confirmed": { text: "Your email is confirmed and your organization is ready. Sign in.", tone: "green" },
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string; email?: string }>;
}) {
  const { reason, email } = await searchParams;
  return (
    <AuthCard
      title="Sign in to Tandem"
      subtitle="Where rep goals, company strategy and the customer's interests meet."
      footer={
        <>
          New to Tandem?{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/sign-up">
            Create an organization
          </Link>
        </>
      }
    >
      <SignInForm notice={reason ? notices[reason] : undefined} defaultEmail={email} />
      <p className="mt-4 border-t border-slate-100 pt-4 text-center text-sm">
        <Link className="font-medium text-brand-700 hover:underline" href="/sign-in/sso">
          Sign in with SSO
        </Link>
      </p>
    </AuthCard>
  );
}
