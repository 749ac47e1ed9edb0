"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input } from "@/components/ui";
import { FormError } from "@/components/form-error";

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
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={accept.error} />
      {signInError ? <Alert>{signInError}</Alert> : null}
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      {hasAccount ? null : (
        <Field label="Your name" error={errors.name}>
          <Input name="name" autoComplete="name" required autoFocus aria-invalid={Boolean(errors.name)} />
        </Field>
      )}
      <Field
        label={hasAccount ? "Your Tandem password" : "Choose a password"}
        error={errors.password}
        hint={hasAccount ? "You already have a Tandem account: confirm it is you." : "At least 10 characters."}
      >
        <Input
          name="password"
          type="password"
          autoComplete={hasAccount ? "current-password" : "new-password"}
          required
          autoFocus={hasAccount}
          aria-invalid={Boolean(errors.password)}
        />
      </Field>
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
      <Button type="submit" className="w-full" disabled={accept.isPending || (accept.isSuccess && !signInError)}>
        {accept.isPending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
