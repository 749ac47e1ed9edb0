"use client";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";

function signInErrorMessage(error: string, code: string | undefined): string {
  if (error !== "CredentialsSignin") return "Signing in failed on our side. Please try again in a moment.";
  if (code === "throttled") return "Too many failed attempts. Wait 15 minutes, then try again.";
  if (code === "unavailable") return "Tandem cannot reach its database right now. Please try again in a moment.";
  return "Wrong email or password.";
}

export function SignInForm({ notice, defaultEmail = "" }: { notice?: string; defaultEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    if (result?.error) {
      setPending(false);
      setError(signInErrorMessage(result.error, result.code));
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert tone="amber">{notice}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} autoFocus />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
