import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata = { title: "Create an organization" };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create your organization"
      subtitle="Set up Tandem for your sales team. You can invite your colleagues once your email is confirmed."
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
