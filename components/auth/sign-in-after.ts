"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";

/**
 * After a form that proved who the person is and knows their password (confirming a sign-up, resetting a
 * password): signs them in and opens `destination`; if signing in fails, the sign-in page with `reason`'s notice.
 */
export function useSignInAfter() {
  const router = useRouter();
  return async (credentials: { email: string; password: string }, destination: string, reason: string) => {
    const result = await signIn("credentials", { ...credentials, redirect: false });
    const next = result?.error
      ? `/sign-in?reason=${reason}&email=${encodeURIComponent(credentials.email)}`
      : destination;
    router.replace(next);
    router.refresh();
  };
}
