"use client";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui";
import { InputField, PasswordField } from "./input-field";
import { CheckInbox, ResendLinkButton } from "./resend-link-button";

/**
 * Sign-up asks for everything at once, then mails a confirmation link: the account and the organization are
 * created when it is followed (server/auth/sign-up.ts).
 */
export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.onboarding.signUp.mutationOptions());
  const errors = fieldErrors(signUp.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signUp.mutate({
      name: String(form.get("name") ?? ""),
      organizationName: String(form.get("organizationName") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
  }

  if (signUp.isSuccess) {
    return (
      <CheckInbox email={signUp.data.email}>
        <ResendLinkButton email={signUp.data.email} />
      </CheckInbox>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={signUp.error} />
      <InputField label="Your name" error={errors.name} name="name" autoComplete="name" required autoFocus />
      <InputField
        label="Organization"
        error={errors.organizationName}
        hint="Your company's name; you will be its admin."
        name="organizationName"
        autoComplete="organization"
        required
      />
      <InputField
        label="Work email"
        error={errors.email}
        hint="We will send a link to confirm it."
        name="email"
        type="email"
        autoComplete="email"
        required
      />
      <PasswordField fresh label="Password" error={errors.password} hint="At least 10 characters." />
      <Button type="submit" className="w-full" disabled={signUp.isPending}>
        {signUp.isPending ? "Sending the link…" : "Create organization"}
      </Button>
    </form>
  );
}
