"use client";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui";
import { PasswordField } from "./input-field";
import { AccountEmailField, useSignInAfter } from "./sign-in-after";

/** The password chosen at sign-up, again: creates the account and organization, then signs in. */
export function ConfirmSignUpForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.onboarding.confirmSignUp.mutationOptions());
  const { signingIn, signInAfter } = useSignInAfter();
  const errors = fieldErrors(confirm.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const created = await confirm.mutateAsync({ token, password }).catch(() => null);
    if (!created) return;
    await signInAfter({ email: created.email, password }, `/o/${created.orgSlug}`, "email-confirmed");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={confirm.error} />
      <AccountEmailField email={email} />
      <PasswordField
        label="Password"
        error={errors.password}
        hint="The one you chose when you signed up. Forgot it? Sign up again with this email."
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={confirm.isPending || signingIn}>
        {confirm.isPending ? "Confirming…" : signingIn ? "Signing in…" : "Confirm and create organization"}
      </Button>
    </form>
  );
}
