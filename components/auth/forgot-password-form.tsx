"use client";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui";
import { InputField } from "./input-field";

/** Asks for a reset link. The answer never says whether the email has an account. */
export function ForgotPasswordForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const trpc = useTRPC();
  const request = useMutation(trpc.passwordReset.request.mutationOptions());
  const errors = fieldErrors(request.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate({ email: String(new FormData(event.currentTarget).get("email") ?? "") });
  }

  if (request.isSuccess) {
    return (
      <div className="space-y-4 text-sm text-slate-700" data-testid="check-inbox">
        <p role="status">
          If <strong className="font-medium text-slate-900">{request.data.email}</strong> has a Tandem account, a link
          to choose a new password is on its way. It works once, for 30 minutes.
        </p>
        <p className="text-slate-600">Nothing there after a few minutes? Look in your spam folder.</p>
        <Button variant="secondary" className="w-full" onClick={() => request.reset()}>
          Use another email
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={request.error} />
      <InputField
        label="Email"
        error={errors.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={defaultEmail}
      />
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? "Sending…" : "Send the link"}
      </Button>
    </form>
  );
}
