import type { FormEvent, ReactNode } from "react";
import { FormError } from "@/components/form-error";
import { Button } from "@/components/ui";

/** The frame of the public account forms: the error that belongs to no field on top, then the fields. */
export function AuthForm({
  onSubmit,
  error,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error: unknown;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError error={error} />
      {children}
    </form>
  );
}

/** The form's full-width submit button; while `busy` names what is happening, it says so and cannot be pressed. */
export function SubmitButton({
  busy,
  disabled,
  children,
}: {
  busy: string | null;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Button type="submit" className="w-full" disabled={busy !== null || disabled}>
      {busy ?? children}
    </Button>
  );
}
