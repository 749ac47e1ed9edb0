"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui";
import { PasswordField } from "./input-field";
import { AccountEmailField, useSignInAfter } from "./sign-in-after";

/** A new password, typed twice; then signs in with it (every other session has ended). */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.passwordReset.complete.mutationOptions());
  const { signingIn, signInAfter } = useSignInAfter();
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(reset.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const repeated = String(form.get("repeat") ?? "");
    setMismatch(password !== repeated);
    if (password !== repeated) return;
    const done = await reset.mutateAsync({ token, password }).catch(() => null);
    if (!done) return;
    await signInAfter({ email: done.email, password }, "/", "password-changed");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={reset.error} />
      <AccountEmailField email={email} />
      <PasswordField fresh label="New password" error={errors.password} hint="At least 10 characters." autoFocus />
      <PasswordField
        fresh
        label="Repeat the new password"
        error={mismatch ? "The two passwords differ." : undefined}
        name="repeat"
      />
      <Button type="submit" className="w-full" disabled={reset.isPending || signingIn}>
        {reset.isPending ? "Saving…" : signingIn ? "Signing in…" : "Set the new password"}
      </Button>
    </form>
  );
}
