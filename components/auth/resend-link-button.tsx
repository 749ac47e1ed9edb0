"use client";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/components/trpc/errors";
import { TRPCReactProvider, useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui";

export { CheckInbox } from "./check-inbox";

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

/** The button with its own tRPC client, for a page that has no provider (the sign-in form loads it on demand). */
export function StandaloneResendLinkButton({ email }: { email: string }) {
  return (
    <TRPCReactProvider>
      <ResendLinkButton email={email} />
    </TRPCReactProvider>
  );
}
