"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Field, Input, InputField } from "@/components/ui";
import { AuthForm, SubmitButton } from "./auth-form";

export function AcceptInvitationForm({
  token,
  email,
  hasAccount,
}: {
  token: string;
  email: string;
  hasAccount: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.onboarding.acceptInvitation.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const errors = fieldErrors(accept.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const name = hasAccount ? undefined : String(form.get("name") ?? "");
    const joined = await accept.mutateAsync({ token, name, password }).catch(() => null);
    if (!joined) return;
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.error) {
      setSignInError("You joined, but signing in failed. Please sign in.");
      return;
    }
    router.replace(`/o/${joined.orgSlug}`);
    router.refresh();
  }

  return (
    <AuthForm onSubmit={onSubmit} error={accept.error}>
      {signInError ? <Alert>{signInError}</Alert> : null}
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      {hasAccount ? null : (
        <InputField label="Your name" error={errors.name} name="name" autoComplete="name" required autoFocus />
      )}
      <InputField
        label={hasAccount ? "Your Tandem password" : "Choose a password"}
        error={errors.password}
        hint={hasAccount ? "You already have a Tandem account: confirm it is you." : "At least 10 characters."}
        name="password"
        type="password"
        autoComplete={hasAccount ? "current-password" : "new-password"}
        required
        autoFocus={hasAccount}
      />
      {hasAccount ? (
        <p className="text-sm">
          <Link
            className="font-medium text-brand-700 hover:underline"
            href={`/forgot-password?email=${encodeURIComponent(email)}`}
          >
            Forgot your password?
          </Link>{" "}
          <span className="text-slate-600">Reset it by email, then come back to this link.</span>
        </p>
      ) : null}
      <SubmitButton busy={accept.isPending ? "Joining…" : null} disabled={accept.isSuccess && !signInError}>
        Join
      </SubmitButton>
    </AuthForm>
  );
}
