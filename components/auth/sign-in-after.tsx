"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, Input } from "@/components/ui";

/**
 * After a form that proved who the person is and knows their password (confirming a sign-up, resetting a
 * password): signs them in and opens `destination`; if signing in fails, the sign-in page with `reason`'s notice.
 * `signingIn` says it is under way, from the moment it starts.
 */
export function useSignInAfter() {
  const router = useRouter();
  const [signingIn, setSigningIn] = useState(false);
  const signInAfter = async (credentials: { email: string; password: string }, destination: string, reason: string) => {
    setSigningIn(true);
    const result = await signIn("credentials", { ...credentials, redirect: false });
    const next = result?.error
      ? `/sign-in?reason=${reason}&email=${encodeURIComponent(credentials.email)}`
      : destination;
    router.replace(next);
    router.refresh();
  };
  return { signingIn, signInAfter };
}

/** The account's email, shown read-only (and offered to password managers as the username). */
export function AccountEmailField({ email }: { email: string }) {
  return (
    <Field label="Email">
      <Input
        name="email"
        value={email}
        autoComplete="username"
        readOnly
        className="read-only:bg-slate-50 read-only:text-slate-600"
      />
    </Field>
  );
}
