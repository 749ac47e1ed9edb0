import type { InputHTMLAttributes } from "react";
import { Field, Input } from "@/components/ui";

/** A labelled input whose error (the server's, or the form's own check) shows under it and marks it invalid. */
export function InputField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Input {...input} aria-invalid={Boolean(error)} />
    </Field>
  );
}

/** A password field: the password chosen now (`fresh`: new-password, a manager may suggest one), or the current one. */
export function PasswordField({ fresh = false, ...field }: { fresh?: boolean } & Parameters<typeof InputField>[0]) {
  return (
    <InputField
      name="password"
      type="password"
      autoComplete={fresh ? "new-password" : "current-password"}
      required
      {...field}
    />
  );
}
