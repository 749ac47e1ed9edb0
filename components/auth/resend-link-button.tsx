"use client";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui";

/** "Send the link again" for a sign-up waiting for its email to be confirmed; says what happened. */
export function ResendLinkButton({ email }: { email: string }) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.onboarding.resendSignUpLink.mutationOptions());
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        className="w-full"
        disabled={resend.isPending}
        onClick={() => resend.mutate({ email })}
      >
        {resend.isPending ? "Sending…" : "Send the link again"}
      </Button>
      <p aria-live="polite" className="text-sm text-slate-600">
        {resend.isSuccess
          ? `A new link is on its way to ${email}. Only the newest link works.`
          : resend.isError
            ? errorMessage(resend.error)
            : null}
      </p>
    </div>
  );
}

/** What to do after a sign-up: the mail is on its way. */
export function CheckInbox({ email, children }: { email: string; children?: React.ReactNode }) {
  return (
    <div className="space-y-4 text-sm text-slate-700" data-testid="check-inbox">
      <p>
        We sent a link to <strong className="font-medium text-slate-900">{email}</strong>. Open it to confirm your email
        address and finish; it works for 24 hours.
      </p>
      <p className="text-slate-600">
        Nothing there after a few minutes? Look in your spam folder, or check the address and sign up again.
      </p>
      {children}
    </div>
  );
}
