"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input, Select } from "@/components/ui";

/** The organization's single sign-on (admins): provider, covered domains, enforcement, just-in-time defaults. */
export function SsoSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.sso.get.queryOptions());
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sso.get.queryKey() });
  const update = useMutation(
    trpc.sso.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        return refresh();
      },
      onMutate: () => setSaved(false),
    }),
  );
  const remove = useMutation(trpc.sso.remove.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrors(update.error);

  if (settings.error) return <Alert>{errorMessage(settings.error)}</Alert>;
  if (!settings.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const current = settings.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secretInput = event.currentTarget.elements.namedItem("clientSecret");
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    update.mutate(
      {
        issuer: text("issuer").trim(),
        clientId: text("clientId"),
        clientSecret: text("clientSecret") || undefined,
        domains: text("domains")
          .split(/[\s,]+/)
          .filter(Boolean),
        required: form.get("required") === "on",
        defaultRole: text("defaultRole") as "manager" | "rep" | "viewer",
        defaultTeamId: text("defaultTeamId") || null,
      },
      {
        // The secret is write-only: once saved it is not left in the page.
        onSuccess: () => {
          if (secretInput instanceof HTMLInputElement) secretInput.value = "";
        },
      },
    );
  }

  return (
    <form key={String(current.configured)} className="max-w-xl space-y-4" onSubmit={onSubmit} noValidate>
      <p className="text-sm text-slate-600">
        Members sign in through your identity provider (OpenID Connect: Okta, Entra ID, Google Workspace, Keycloak…).
        Register Tandem there with the redirect URI{" "}
        <code className="rounded bg-slate-100 px-1 text-xs break-all">{current.redirectUri}</code>.
      </p>
      <Field
        label="Issuer URL"
        error={errors.issuer}
        hint="Its discovery document is at /.well-known/openid-configuration."
      >
        <Input name="issuer" type="url" defaultValue={current.issuer} placeholder="https://login.example.com" />
      </Field>
      <Field label="Client ID" error={errors.clientId}>
        <Input name="clientId" defaultValue={current.clientId} autoComplete="off" />
      </Field>
      <Field
        label="Client secret"
        error={errors.clientSecret}
        hint={current.clientSecretSet ? "Set. Leave empty to keep it." : "Stored encrypted; never shown again."}
      >
        <Input name="clientSecret" type="password" autoComplete="new-password" />
      </Field>
      <Field label="Email domains" error={errors.domains} hint="Separated by commas or spaces, e.g. example.com.">
        <Input name="domains" defaultValue={current.domains.join(", ")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Role of new members" error={errors.defaultRole}>
          <Select name="defaultRole" defaultValue={current.defaultRole}>
            <option value="rep">Rep</option>
            <option value="manager">Manager</option>
            <option value="viewer">Viewer</option>
          </Select>
        </Field>
        <Field label="Team of new members" error={errors.defaultTeamId}>
          <Select name="defaultTeamId" defaultValue={current.defaultTeamId ?? ""}>
            <option value="">No team</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {"\u00a0".repeat(team.depth * 2)}
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="required" defaultChecked={current.required} className="mt-0.5" />
        <span>
          Require SSO: members cannot sign in with a password. Admins keep a password sign-in for emergencies, recorded
          in the audit log.
        </span>
      </label>
      {update.error && Object.keys(errors).length === 0 ? <Alert>{errorMessage(update.error)}</Alert> : null}
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      {saved ? (
        <p className="text-sm text-emerald-700" role="status">
          Single sign-on saved.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save single sign-on"}
        </Button>
        {current.configured ? (
          <ConfirmButton
            label="Turn off SSO"
            title="Turn off single sign-on?"
            confirmLabel="Turn off"
            onConfirm={() => remove.mutate()}
          >
            Members sign in with their passwords again. Accounts created through SSO stay.
          </ConfirmButton>
        ) : null}
      </div>
    </form>
  );
}
