"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { formatDateTime } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Field, Input, Select } from "@/components/ui";

/** API keys (docs/api.md): create (the key is shown once), list with last use, revoke after confirming. */
export function ApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const [shown, setShown] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrors(create.error);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Keys let other tools use the{" "}
        <a className="underline" href="/api/docs">
          REST API
        </a>
        . A key sees the whole organization; a read key only reads.
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const name = String(form.get("name") ?? "");
          const expires = String(form.get("expiresAt") ?? "");
          create.mutate(
            {
              name,
              scope: form.get("scope") === "write" ? "write" : "read",
              expiresAt: expires ? new Date(`${expires}T23:59:59`) : null,
            },
            { onSuccess: (created) => setShown({ name, key: created.key }) },
          );
        }}
      >
        <Field label="Key name" error={errors.name}>
          <Input name="name" required placeholder="CRM sync" aria-invalid={Boolean(errors.name)} />
        </Field>
        <Field label="Scope">
          <Select name="scope" defaultValue="read">
            <option value="read">Read</option>
            <option value="write">Read and write</option>
          </Select>
        </Field>
        <Field label="Expires (optional)" error={errors.expiresAt}>
          <Input name="expiresAt" type="date" />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {create.error && !errors.name && !errors.expiresAt ? <Alert>{errorMessage(create.error)}</Alert> : null}
      {shown ? (
        <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>
            Your new key <strong>{shown.name}</strong>. Copy it now: it will not be shown again.
          </p>
          <code data-testid="new-api-key" className="block break-all rounded bg-white p-2 font-mono">
            {shown.key}
          </code>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(shown.key)}>
              Copy
            </Button>
            <Button variant="ghost" onClick={() => setShown(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
      {keys.error ? <Alert>{errorMessage(keys.error)}</Alert> : null}
      {revoke.error ? <Alert>{errorMessage(revoke.error)}</Alert> : null}
      <ul className="divide-y divide-slate-200 text-sm" aria-label="API keys">
        {keys.data?.map((key) => (
          <li key={key.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="font-medium">{key.name}</span>
            <code className="text-slate-500">{key.prefix}…</code>
            <Badge tone={key.scope === "write" ? "amber" : "slate"}>{key.scope}</Badge>
            <span className="text-slate-500">
              {key.lastUsedAt ? `Last used ${formatDateTime(key.lastUsedAt)}` : "Never used"}
              {key.expiresAt ? ` · expires ${formatDateTime(key.expiresAt)}` : ""}
            </span>
            <span className="ml-auto">
              {key.revokedAt ? (
                <Badge tone="red">Revoked</Badge>
              ) : (
                <ConfirmButton
                  label="Revoke"
                  title={`Revoke ${key.name}?`}
                  confirmLabel="Revoke key"
                  variant="danger"
                  onConfirm={() => revoke.mutate({ keyId: key.id })}
                >
                  Requests with this key are refused at once. This cannot be undone.
                </ConfirmButton>
              )}
            </span>
          </li>
        ))}
        {keys.data?.length === 0 ? <li className="py-2 text-slate-500">No keys yet.</li> : null}
      </ul>
    </div>
  );
}
