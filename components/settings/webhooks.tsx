"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { formatDateTime } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Field, Input } from "@/components/ui";
import { WEBHOOK_EVENTS } from "@/server/domain/webhook-events";
import { HeaderCells, type Column } from "@/components/paged-list";

const DELIVERY_COLUMNS: Column[] = ["Event", "Status", "Attempts", "Answer", "Created"].map((label) => ({ label }));

function Deliveries({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const deliveries = useQuery(trpc.webhooks.deliveries.queryOptions({ endpointId, limit: 20 }));
  if (deliveries.error) return <Alert>{errorMessage(deliveries.error)}</Alert>;
  if (deliveries.data?.items.length === 0) return <p className="text-sm text-slate-500">No deliveries yet.</p>;
  return (
    <table className="w-full text-left text-xs">
      <thead className="text-slate-500">
        <tr>
          <HeaderCells columns={DELIVERY_COLUMNS} />
        </tr>
      </thead>
      <tbody>
        {deliveries.data?.items.map((delivery) => (
          <tr key={delivery.id} className="border-t border-slate-100 align-top">
            <td className="py-1 font-mono">{delivery.event}</td>
            <td>
              <Badge tone={delivery.status === "succeeded" ? "green" : delivery.status === "failed" ? "red" : "amber"}>
                {delivery.status}
              </Badge>
            </td>
            <td>{delivery.attempts}</td>
            <td className="max-w-xs truncate" title={delivery.error ?? delivery.responseBody ?? ""}>
              {delivery.responseStatus ?? "—"} {delivery.error ?? delivery.responseBody ?? ""}
            </td>
            <td>{formatDateTime(delivery.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Webhooks (docs/api.md): register an endpoint (its signing secret shown once), pause, resume, remove, deliveries. */
export function Webhooks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: refresh }));
  const pause = useMutation(trpc.webhooks.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.webhooks.resume.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrors(create.error);
  const failure = create.error ?? pause.error ?? resume.error ?? remove.error ?? endpoints.error;
  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          create.mutate(
            {
              url: String(form.get("url") ?? ""),
              events: WEBHOOK_EVENTS.filter((name) => form.get(name) === "on"),
              allowPrivateNetwork: form.get("allowPrivateNetwork") === "on",
            },
            { onSuccess: (created) => setSecret(created.secret) },
          );
        }}
      >
        <Field label="Endpoint URL" error={errors.url}>
          <Input name="url" type="url" placeholder="https://example.com/tandem" aria-invalid={Boolean(errors.url)} />
        </Field>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <legend className="mb-1 font-medium">Events</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="flex items-center gap-1">
              <input type="checkbox" name={name} defaultChecked={name.startsWith("deal.")} /> {name}
            </label>
          ))}
        </fieldset>
        {errors.events ? <p className="text-sm text-red-700">{errors.events}</p> : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="allowPrivateNetwork" /> Allow private and loopback addresses (an on-premises
          receiver; otherwise refused to protect your network)
        </label>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add webhook"}
        </Button>
      </form>
      {secret ? (
        <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>Signing secret — copy it now, it will not be shown again. Verify the Tandem-Signature header with it.</p>
          <code className="block break-all rounded bg-white p-2 font-mono">{secret}</code>
          <Button variant="ghost" onClick={() => setSecret(null)}>
            Done
          </Button>
        </div>
      ) : null}
      {failure && !errors.url && !errors.events ? <Alert>{errorMessage(failure)}</Alert> : null}
      <ul className="divide-y divide-slate-200 text-sm" aria-label="Webhooks">
        {endpoints.data?.map((endpoint) => (
          <li key={endpoint.id} className="space-y-2 py-2">
            <div className="flex flex-wrap items-center gap-3">
              <code className="break-all">{endpoint.url}</code>
              <Badge tone={endpoint.status === "active" ? "green" : "red"}>{endpoint.status}</Badge>
              <span className="text-slate-500">{endpoint.events.join(", ")}</span>
              <span className="ml-auto flex gap-2">
                <Button variant="ghost" onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}>
                  {open === endpoint.id ? "Hide deliveries" : "Deliveries"}
                </Button>
                {endpoint.status === "active" ? (
                  <Button variant="secondary" onClick={() => pause.mutate({ endpointId: endpoint.id })}>
                    Pause
                  </Button>
                ) : (
                  <Button variant="secondary" onClick={() => resume.mutate({ endpointId: endpoint.id })}>
                    Resume
                  </Button>
                )}
                <ConfirmButton
                  label="Remove"
                  title={`Remove the webhook to ${endpoint.url}?`}
                  confirmLabel="Remove webhook"
                  variant="danger"
                  onConfirm={() => remove.mutate({ endpointId: endpoint.id })}
                >
                  Its pending deliveries are dropped.
                </ConfirmButton>
              </span>
            </div>
            {open === endpoint.id ? <Deliveries endpointId={endpoint.id} /> : null}
          </li>
        ))}
        {endpoints.data?.length === 0 ? <li className="py-2 text-slate-500">No webhooks yet.</li> : null}
      </ul>
    </div>
  );
}
