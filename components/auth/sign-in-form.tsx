"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import { CheckInbox } from "./check-inbox";

/** Loaded when a sign-in meets an unconfirmed sign-up: the sign-in page loads no tRPC client or TanStack Query. */
const ResendLinkButton = dynamic(() =>
  import("./resend-link-button").then((module) => module.StandaloneResendLinkButton),
);

function signInErrorMessage(error: string, code: string | undefined): string {
  if (error !== "CredentialsSignin") return "Signing in failed on our side. Please try again in a moment.";
  if (code === "throttled") return "Too many failed attempts. Wait 15 minutes, then try again.";
  if (code === "sso_required") return "Your organization requires single sign-on: use “Sign in with SSO” below.";
  if (code === "unavailable") return "Tandem cannot reach its database right now. Please try again in a moment.";
  return "Wrong email or password.";
}

export function SignInForm({
  notice,
  defaultEmail = "",
}: {
  notice?: { text: string; tone: "amber" | "green" };
  defaultEmail?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  /** The email of a sign-up whose link was not followed yet (the password was right). */
  const [unconfirmed, setUnconfirmed] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    setPending(true);
    setError(null);
    setUnconfirmed(null);
    const result = await signIn("credentials", { email, password: form.get("password"), redirect: false });
    if (result?.error) {
      setPending(false);
      if (result.code === "unconfirmed") setUnconfirmed(email.trim().toLowerCase());
      else setError(signInErrorMessage(result.error, result.code));
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      {unconfirmed ? (
        <div className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
          <p role="alert" className="text-sm font-medium text-amber-900">
            Confirm your email first.
          </p>
          <CheckInbox email={unconfirmed}>
            <ResendLinkButton email={unconfirmed} />
          </CheckInbox>
        </div>
      ) : null}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} autoFocus />
      </Field>
      <div className="space-y-1">
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <p className="text-right text-sm">
          <Link className="font-medium text-brand-700 hover:underline" href="/forgot-password">
            Forgot password?
          </Link>
        </p>
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
