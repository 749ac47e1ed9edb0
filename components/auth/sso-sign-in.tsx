"use client";
import { useState, type FormEvent } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";

/** Why an SSO sign-in came back refused (the callback's `?sso=` reason), in words. */
export function ssoRefusalMessage(reason: string): string {
  switch (reason) {
    case "deactivated":
      return "Your access to this organization was removed. Ask an admin of your organization.";
    case "domain_not_covered":
      return "Your identity provider signed you in with an email address your organization's SSO does not cover.";
    case "email_missing":
    case "email_not_verified":
      return "Your identity provider did not confirm your email address, so Tandem cannot sign you in.";
    case "account_elsewhere":
    case "identity_mismatch":
      return "Your Tandem account cannot be linked to this identity provider. Ask an admin for an invitation.";
    case "state_expired":
      return "Signing in took too long. Please try again.";
    default:
      return "Single sign-on did not succeed. Please try again, or ask an admin of your organization.";
  }
}

/** "Sign in with SSO": a work email or the organization's slug; the browser then goes to the provider. */
export function SsoSignIn({ refusal }: { refusal?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const login = String(new FormData(event.currentTarget).get("login") ?? "");
    setPending(true);
    setError(null);
    const response = await fetch("/api/auth/sso/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { url?: string; error?: string } | null;
    if (response?.ok && body?.url) {
      window.location.assign(body.url);
      return;
    }
    setPending(false);
    setError(body?.error ?? "Single sign-on is unavailable right now. Please try again in a moment.");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Sign in with SSO">
      {refusal ? <Alert>{ssoRefusalMessage(refusal)}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      <Field label="Work email or organization">
        <Input name="login" autoComplete="email" required autoFocus placeholder="you@company.com or your-org" />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Opening your identity provider…" : "Continue with SSO"}
      </Button>
    </form>
  );
}
