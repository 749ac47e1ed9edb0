"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input, Select, cx } from "@/components/ui";
import { SIDE_LABELS } from "./labels";
import type { Plan } from "./plan-view";

type Step = Plan["steps"][number];

function StepForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const trpc = useTRPC();
  const [value, setValue] = useState({
    title: "",
    side: "us" as Step["side"],
    ownerName: "",
    dueOn: "",
    dependsOn: [] as string[],
    customerVisible: true,
  });
  const add = useMutation(trpc.planSteps.add.mutationOptions({ onSuccess: onDone }));
  const errors = fieldErrors(add.error);
  return (
    <form
      aria-label="New step"
      className="space-y-3 rounded-md bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ planId: plan.id, ...value, dueOn: value.dueOn || null });
      }}
    >
      {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="Step" error={errors.title}>
          <Input required value={value.title} onChange={(e) => setValue({ ...value, title: e.target.value })} />
        </Field>
        <Field label="Side">
          <Select value={value.side} onChange={(e) => setValue({ ...value, side: e.target.value as Step["side"] })}>
            <option value="us">Us</option>
            <option value="customer">Customer</option>
          </Select>
        </Field>
        <Field label="Owner" error={errors.ownerName}>
          <Input value={value.ownerName} onChange={(e) => setValue({ ...value, ownerName: e.target.value })} />
        </Field>
        <Field label="Due" error={errors.dueOn}>
          <Input type="date" value={value.dueOn} onChange={(e) => setValue({ ...value, dueOn: e.target.value })} />
        </Field>
      </div>
      {plan.steps.length > 0 ? (
        <Field label="Waits for" hint="Hold Ctrl (or ⌘) to choose several steps.">
          <Select
            multiple
            value={value.dependsOn}
            onChange={(e) => setValue({ ...value, dependsOn: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {plan.steps.map((step) => (
              <option key={step.id} value={step.id}>
                {step.title}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value.customerVisible}
          onChange={(e) => setValue({ ...value, customerVisible: e.target.checked })}
        />
        Show to the customer (share link)
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={add.isPending}>
          Add step
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function StepBadges({ step }: { step: Step }) {
  return (
    <span className="flex flex-wrap gap-1">
      <Badge tone={step.side === "customer" ? "brand" : "slate"}>{SIDE_LABELS[step.side]}</Badge>
      {step.status === "done" ? (
        <Badge tone="green">Done{step.completedByCustomer ? " (by customer)" : ""}</Badge>
      ) : null}
      {step.overdue ? <Badge tone="red">Overdue</Badge> : null}
      {step.blocked ? <Badge tone="amber">Blocked</Badge> : null}
      {!step.customerVisible ? <Badge>Internal</Badge> : null}
    </span>
  );
}

const DAY = 86_400_000;

/** A Gantt-like view: each dated step as a bar from its creation window to its due day, today marked. */
function Timeline({ steps }: { steps: Step[] }) {
  const dated = steps.filter((step) => step.dueOn);
  if (dated.length === 0) return <EmptyState title="No step has a due date yet" />;
  const today = new Date().toISOString().slice(0, 10);
  const days = dated.map((step) => Date.parse(step.dueOn!));
  const start = Math.min(...days, Date.parse(today)) - 7 * DAY;
  const end = Math.max(...days, Date.parse(today)) + 7 * DAY;
  const at = (time: number) => `${((time - start) / (end - start)) * 100}%`;
  return (
    <div aria-label="Timeline" role="list" className="relative space-y-2">
      <div aria-hidden className="absolute inset-y-0 w-px bg-red-400" style={{ left: at(Date.parse(today)) }} />
      {dated.map((step) => (
        <div role="listitem" key={step.id} className="relative h-8">
          <div
            className={cx(
              "absolute top-1 h-6 min-w-24 rounded px-2 text-xs leading-6 text-white",
              step.status === "done"
                ? "bg-emerald-600"
                : step.overdue
                  ? "bg-red-600"
                  : step.blocked
                    ? "bg-amber-700"
                    : "bg-brand-600",
            )}
            style={{ left: `min(${at(Date.parse(step.dueOn!) - 7 * DAY)}, calc(100% - 12rem))`, width: "12rem" }}
          >
            <span className="truncate">
              {step.title} · {step.dueOn} ·{" "}
              {step.status === "done" ? "done" : step.overdue ? "overdue" : step.blocked ? "blocked" : "open"}
            </span>
          </div>
        </div>
      ))}
      <p className="text-xs text-slate-500">The red line is today; each bar ends on the step’s due date.</p>
    </div>
  );
}

export function PlanSteps({ plan, canEdit, refresh }: { plan: Plan; canEdit: boolean; refresh: () => void }) {
  const trpc = useTRPC();
  const [adding, setAdding] = useState(false);
  const [view, setView] = useState<"list" | "timeline">("list");
  const update = useMutation(trpc.planSteps.update.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.planSteps.remove.mutationOptions({ onSuccess: refresh }));
  const titles = new Map(plan.steps.map((s) => [s.id, s.title]));
  return (
    <Card
      title="Mutual action plan"
      actions={
        <div className="flex gap-2">
          <div role="group" aria-label="View" className="flex">
            {(["list", "timeline"] as const).map((v) => (
              <Button
                key={v}
                variant={view === v ? "primary" : "secondary"}
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {v === "list" ? "List" : "Timeline"}
              </Button>
            ))}
          </div>
          {canEdit && !adding ? (
            <Button variant="secondary" onClick={() => setAdding(true)}>
              Add step
            </Button>
          ) : null}
        </div>
      }
    >
      {update.error ? <Alert>{errorMessage(update.error)} Reload to see the latest version.</Alert> : null}
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      {adding ? (
        <StepForm
          plan={plan}
          onDone={() => {
            setAdding(false);
            refresh();
          }}
        />
      ) : null}
      {view === "timeline" ? (
        <Timeline steps={plan.steps} />
      ) : plan.steps.length === 0 ? (
        <EmptyState title="No steps yet">Agree the steps both sides take to a decision.</EmptyState>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">Steps</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Done</th>
              <th>Step</th>
              <th>Owner</th>
              <th>Due</th>
              <th>State</th>
              <th>Waits for</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.steps.map((step) => (
              <tr key={step.id} className={cx(step.overdue && "bg-red-50/50")}>
                <td className="py-2">
                  <input
                    type="checkbox"
                    aria-label={`Done: ${step.title}`}
                    checked={step.status === "done"}
                    disabled={!canEdit || update.isPending}
                    onChange={(e) =>
                      update.mutate({
                        planId: plan.id,
                        stepId: step.id,
                        version: step.version,
                        status: e.target.checked ? "done" : "open",
                      })
                    }
                  />
                </td>
                <td className="pr-3 font-medium text-slate-900">{step.title}</td>
                <td className="pr-3">{step.ownerName || "—"}</td>
                <td className="pr-3">{step.dueOn ?? "—"}</td>
                <td className="pr-3">
                  <StepBadges step={step} />
                </td>
                <td className="pr-3 text-xs text-slate-600">
                  {step.dependsOn.map((id) => titles.get(id)).join(", ") || "—"}
                </td>
                <td>
                  {canEdit ? (
                    <ConfirmButton
                      variant="ghost"
                      label="Remove"
                      title="Remove this step?"
                      confirmLabel="Remove step"
                      onConfirm={() => remove.mutate({ planId: plan.id, stepId: step.id })}
                    >
                      “{step.title}” is removed from the mutual action plan.
                    </ConfirmButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
