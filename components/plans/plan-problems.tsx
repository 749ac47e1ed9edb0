"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input, Options, Select } from "@/components/ui";
import { PROBLEM_STATUS_LABELS } from "./labels";
import type { Plan } from "./plan-view";

type Problem = Plan["problems"][number];
const STATUSES = ["open", "addressed", "parked"] as const;

function ProblemForm({ plan, problem, onDone }: { plan: Plan; problem?: Problem; onDone: () => void }) {
  const trpc = useTRPC();
  const [value, setValue] = useState({
    problem: problem?.problem ?? "",
    impact: problem?.impact ?? "",
    solution: problem?.solution ?? "",
    status: problem?.status ?? "open",
    customerVisible: problem?.customerVisible ?? false,
    dealIds: problem?.dealIds ?? [],
  });
  const add = useMutation(trpc.planProblems.add.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.planProblems.update.mutationOptions({ onSuccess: onDone }));
  const mutation = problem ? update : add;
  const errors = fieldErrors(mutation.error);
  return (
    <form
      aria-label={problem ? "Edit problem" : "New problem"}
      className="space-y-3 rounded-md bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem) update.mutate({ planId: plan.id, problemId: problem.id, version: problem.version, ...value });
        else add.mutate({ planId: plan.id, ...value });
      }}
    >
      {mutation.error ? <Alert>{errorMessage(mutation.error)}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Customer problem" error={errors.problem}>
          <Input required value={value.problem} onChange={(e) => setValue({ ...value, problem: e.target.value })} />
        </Field>
        <Field label="Business impact" error={errors.impact}>
          <Input value={value.impact} onChange={(e) => setValue({ ...value, impact: e.target.value })} />
        </Field>
        <Field label="Our solution" error={errors.solution} hint="Leave empty if we have none yet.">
          <Input value={value.solution} onChange={(e) => setValue({ ...value, solution: e.target.value })} />
        </Field>
        <Field label="Status">
          <Select
            value={value.status}
            onChange={(e) => setValue({ ...value, status: e.target.value as Problem["status"] })}
          >
            <Options values={STATUSES} label={(s) => PROBLEM_STATUS_LABELS[s]} />
          </Select>
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Deals it concerns</legend>
        {plan.deals.length === 0 ? <p className="text-sm text-slate-500">No deals on this account.</p> : null}
        <div className="mt-1 flex flex-wrap gap-3">
          {plan.deals.map((deal) => (
            <label key={deal.id} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={value.dealIds.includes(deal.id)}
                onChange={(e) =>
                  setValue({
                    ...value,
                    dealIds: e.target.checked
                      ? [...value.dealIds, deal.id]
                      : value.dealIds.filter((id) => id !== deal.id),
                  })
                }
              />
              {deal.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value.customerVisible}
          onChange={(e) => setValue({ ...value, customerVisible: e.target.checked })}
        />
        Show to the customer (share link)
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {problem ? "Save problem" : "Add problem"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function PlanProblems({ plan, canEdit, refresh }: { plan: Plan; canEdit: boolean; refresh: () => void }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation(trpc.planProblems.remove.mutationOptions({ onSuccess: refresh }));
  const done = () => {
    setEditing(null);
    refresh();
  };
  const unsolved = plan.problems.filter((p) => p.unsolved);
  const dealName = new Map(plan.deals.map((d) => [d.id, d.name]));
  return (
    <Card
      title="Customer problems ↔ our solutions"
      actions={
        canEdit && editing === null ? (
          <Button variant="secondary" onClick={() => setEditing("new")}>
            Add problem
          </Button>
        ) : null
      }
    >
      {unsolved.length > 0 ? (
        <div className="mb-4">
          <Alert tone="amber">
            {unsolved.length} problem{unsolved.length === 1 ? " has" : "s have"} no solution yet — no problem we can
            solve, no deal.
          </Alert>
        </div>
      ) : null}
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      {editing === "new" ? <ProblemForm plan={plan} onDone={done} /> : null}
      {plan.problems.length === 0 && editing !== "new" ? (
        <EmptyState title="No problems yet">Which of the customer’s problems do we solve, and how?</EmptyState>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" aria-label="Problems">
          {plan.problems.map((problem) =>
            editing === problem.id ? (
              <li key={problem.id} className="py-3">
                <ProblemForm plan={plan} problem={problem} onDone={done} />
              </li>
            ) : (
              <li key={problem.id} className="grid gap-2 py-3 sm:grid-cols-[1fr_auto_1fr_auto]">
                <div>
                  <p className="font-medium text-slate-900">{problem.problem}</p>
                  {problem.impact ? <p className="text-sm text-slate-600">Impact: {problem.impact}</p> : null}
                  {problem.dealIds.length > 0 ? (
                    <p className="text-xs text-slate-500">
                      Deals: {problem.dealIds.map((id) => dealName.get(id) ?? "a deal").join(", ")}
                    </p>
                  ) : null}
                </div>
                <span aria-hidden className="self-center text-slate-400">
                  ↔
                </span>
                <div className="text-sm">
                  {problem.unsolved ? (
                    <Badge tone="red">No solution yet</Badge>
                  ) : (
                    <p className="text-slate-800">{problem.solution}</p>
                  )}
                  <div className="mt-1 flex flex-wrap gap-1">
                    <Badge tone={problem.status === "addressed" ? "green" : "slate"}>
                      {PROBLEM_STATUS_LABELS[problem.status]}
                    </Badge>
                    {problem.customerVisible ? <Badge tone="brand">Customer-visible</Badge> : <Badge>Internal</Badge>}
                  </div>
                </div>
                {canEdit ? (
                  <div className="flex items-start gap-1">
                    <Button
                      variant="ghost"
                      onClick={() => setEditing(problem.id)}
                      aria-label={`Edit ${problem.problem}`}
                    >
                      Edit
                    </Button>
                    <ConfirmButton
                      variant="ghost"
                      label="Remove"
                      title="Remove this problem?"
                      confirmLabel="Remove problem"
                      onConfirm={() => remove.mutate({ planId: plan.id, problemId: problem.id })}
                    >
                      “{problem.problem}” and its solution are removed from the plan.
                    </ConfirmButton>
                  </div>
                ) : null}
              </li>
            ),
          )}
        </ul>
      )}
    </Card>
  );
}
