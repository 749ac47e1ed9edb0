import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <AuthCard
      title="Reset your password"
      subtitle="Enter your account's email. We will send you a link to choose a new password."
      footer={
        <>
          Remembered it?{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
            Sign in
          </Link>
        </>
      }
    >
      <ForgotPasswordForm defaultEmail={email} />
    </AuthCard>
  );
}
