import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SsoSignIn } from "@/components/auth/sso-sign-in";

export const metadata = { title: "Sign in with SSO" };

export default async function SsoSignInPage({ searchParams }: { searchParams: Promise<{ refused?: string }> }) {
  const { refused } = await searchParams;
  return (
    <AuthCard
      title="Sign in with SSO"
      subtitle="Your company's identity provider signs you in to Tandem."
      footer={
        <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
          Sign in with a password
        </Link>
      }
    >
      <SsoSignIn refusal={refused} />
    </AuthCard>
  );
}
