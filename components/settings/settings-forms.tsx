"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input } from "@/components/ui";

export function OrganizationNameForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rename = useMutation(trpc.org.rename.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrors(rename.error);
  return (
    <form
      className="flex max-w-xl flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
      }}
      noValidate
    >
      <div className="min-w-64 flex-1">
        <Field label="Organization name" error={errors.name}>
          <Input name="name" defaultValue={name} required aria-invalid={Boolean(errors.name)} />
        </Field>
      </div>
      <Button type="submit" disabled={rename.isPending}>
        {rename.isPending ? "Saving…" : "Save"}
      </Button>
      {rename.isSuccess ? (
        <p className="w-full text-sm text-emerald-700" role="status">
          Saved.
        </p>
      ) : null}
      {rename.error && !errors.name ? (
        <div className="w-full">
          <Alert>{errorMessage(rename.error)}</Alert>
        </div>
      ) : null}
    </form>
  );
}

export function SignOutEverywhere() {
  const trpc = useTRPC();
  const signOutAll = useMutation(
    trpc.me.signOutEverywhere.mutationOptions({ onSuccess: () => signOut({ redirectTo: "/sign-in" }) }),
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Lost a device, or signed in on a shared computer? End every session of yours, on every device, at once.
      </p>
      {signOutAll.error ? <Alert>{errorMessage(signOutAll.error)}</Alert> : null}
      <ConfirmButton
        label="Sign out everywhere"
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        onConfirm={() => signOutAll.mutate()}
      >
        Every session ends at its next request, this one included.
      </ConfirmButton>
    </div>
  );
}
