"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input } from "@/components/ui";
import { FormError } from "@/components/form-error";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.onboarding.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const errors = fieldErrors(signUp.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      organizationName: String(form.get("organizationName") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const { orgSlug } = await signUp.mutateAsync(input).catch(() => ({ orgSlug: null }));
    if (!orgSlug) return;
    const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (result?.error) {
      setSignInError("Your organization was created, but signing in failed. Please sign in.");
      return;
    }
    router.replace(`/o/${orgSlug}`);
    router.refresh();
  }

  const pending = signUp.isPending || (signUp.isSuccess && !signInError);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={signUp.error} />
      {signInError ? <Alert>{signInError}</Alert> : null}
      <Field label="Your name" error={errors.name}>
        <Input name="name" autoComplete="name" required aria-invalid={Boolean(errors.name)} autoFocus />
      </Field>
      <Field label="Organization" error={errors.organizationName} hint="Your company's name; you will be its admin.">
        <Input
          name="organizationName"
          autoComplete="organization"
          required
          aria-invalid={Boolean(errors.organizationName)}
        />
      </Field>
      <Field label="Work email" error={errors.email}>
        <Input name="email" type="email" autoComplete="email" required aria-invalid={Boolean(errors.email)} />
      </Field>
      <Field label="Password" error={errors.password} hint="At least 10 characters.">
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(errors.password)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
