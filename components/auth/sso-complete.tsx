"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui";

/**
 * The last step of an SSO sign-in: the one-time ticket in the address's fragment becomes a Tandem session through
 * Auth.js (the "sso" provider, server/auth/index.ts) — the same session a password sign-in starts — then on to
 * the organization.
 */
export function SsoComplete({ orgSlug }: { orgSlug: string | null }) {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // the ticket works once: never send it twice (React's development re-run)
    started.current = true;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket");
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    const attempt = ticket ? signIn("sso", { ticket, redirect: false }) : Promise.resolve({ error: "no ticket" });
    void attempt.then((result) => {
      if (result?.error) {
        setFailed(true);
        return;
      }
      router.replace(orgSlug && /^[a-z0-9-]+$/.test(orgSlug) ? `/o/${orgSlug}` : "/");
      router.refresh();
    });
  }, [orgSlug, router]);

  if (!failed) return <p className="text-sm text-slate-600">One moment…</p>;
  return (
    <div className="space-y-3">
      <Alert>This sign-in link was already used or has expired.</Alert>
      <Link className="text-sm font-medium text-brand-700 hover:underline" href="/sign-in">
        Back to sign in
      </Link>
    </div>
  );
}
