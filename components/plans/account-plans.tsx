"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, Field, Input, Select } from "@/components/ui";
import { PLAN_STATUS_LABELS } from "./labels";

/** The account page's plan section: its plans (current first) and starting a new one (optionally from a template). */
export function AccountPlans({
  slug,
  accountId,
  accountName,
}: {
  slug: string;
  accountId: string;
  accountName: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const plans = useQuery(trpc.plans.forAccount.queryOptions({ accountId }));
  const templates = useQuery(trpc.planTemplates.list.queryOptions({}));
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(`${accountName} — account plan`);
  const [templateId, setTemplateId] = useState("");
  const create = useMutation(
    trpc.plans.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/o/${slug}/plans/${id}`) }),
  );
  const current = plans.data?.items.find((plan) => plan.status !== "archived");
  return (
    <Card
      title="Account plan"
      actions={
        plans.data?.canCreate && !open ? (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Start an account plan
          </Button>
        ) : null
      }
    >
      {plans.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          Loading plans…
        </p>
      ) : plans.isError ? (
        <Alert>{errorMessage(plans.error)}</Alert>
      ) : plans.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">No plan you can see for this account yet.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {plans.data.items.map((plan) => (
            <li key={plan.id} className="flex items-center gap-2">
              <Link className="font-medium text-brand-700 hover:underline" href={`/o/${slug}/plans/${plan.id}`}>
                {plan.title}
              </Link>
              <Badge tone={plan.status === "archived" ? "slate" : "green"}>{PLAN_STATUS_LABELS[plan.status]}</Badge>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form
          className="mt-4 space-y-3 rounded-md bg-slate-50 p-3"
          aria-label="New account plan"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ accountId, title, templateId: templateId || null });
          }}
        >
          {current ? (
            <Alert tone="amber">Starting a new plan archives the current one, “{current.title}”.</Alert>
          ) : null}
          {create.error && !fieldErrors(create.error).title ? <Alert>{errorMessage(create.error)}</Alert> : null}
          <Field label="Plan title" error={fieldErrors(create.error).title}>
            <Input required value={title} onChange={(event) => setTitle(event.target.value)} />
          </Field>
          <Field label="Start from template">
            <Select value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
              <option value="">No template (empty plan)</option>
              {templates.data?.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name} ({template.steps.length} steps)
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex gap-2">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create plan"}
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
