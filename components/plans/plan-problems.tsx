"use client";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { CheckboxGroup } from "@/components/checkbox-group";
import { Alert, Badge, Button, Card, EmptyState } from "@/components/ui";
import { PROBLEM_STATUS_LABELS } from "./labels";
import { describeBy, PlanItemForm, type FieldSpec } from "./plan-fields";
import type { Plan } from "./plan-view";
import { useInlineEdit } from "./use-inline-edit";
import { useVersionedForm } from "./use-versioned-form";

type Problem = Plan["problems"][number];
type ProblemValue = Pick<Problem, "problem" | "impact" | "solution" | "status" | "customerVisible" | "dealIds">;
/** The problem as a stale save's CONFLICT answer carries it (server/trpc/routers/plan-problems.ts). */
type Current = ProblemValue & { version: number };

const PROBLEM_FIELDS = [
  { key: "problem", label: "Customer problem", required: true },
  { key: "impact", label: "Business impact" },
  { key: "solution", label: "Our solution", hint: "Leave empty if we have none yet." },
  {
    key: "status",
    label: "Status",
    kind: "select",
    options: (["open", "addressed", "parked"] as const).map((value) => ({
      value,
      label: PROBLEM_STATUS_LABELS[value],
    })),
  },
] as const satisfies readonly FieldSpec<keyof ProblemValue>[];

const EMPTY: ProblemValue = {
  problem: "",
  impact: "",
  solution: "",
  status: "open",
  customerVisible: false,
  dealIds: [],
};

function valueOf(problem: ProblemValue): ProblemValue {
  const { problem: text, impact, solution, status, customerVisible, dealIds } = problem;
  return { problem: text, impact, solution, status, customerVisible, dealIds };
}

/** The fields that differ from what the form started from: only they are sent (and re-applied after a conflict). */
function changes(base: ProblemValue, value: ProblemValue): Partial<ProblemValue> {
  const keys = (Object.keys(base) as (keyof ProblemValue)[]).filter(
    (key) => JSON.stringify(base[key]) !== JSON.stringify(value[key]),
  );
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

function ProblemForm({ plan, problem, onDone }: { plan: Plan; problem?: Problem; onDone: () => void }) {
  const trpc = useTRPC();
  const fields = useRef<HTMLDivElement>(null);
  const add = useMutation(trpc.planProblems.add.mutationOptions());
  const update = useMutation(trpc.planProblems.update.mutationOptions());
  const { base, version, value, setValue, save, discardMine } = useVersionedForm<
    ProblemValue,
    Current,
    Partial<ProblemValue>
  >({
    start: () => ({ base: problem ? valueOf(problem) : EMPTY, version: problem?.version ?? 0 }),
    valueOf,
    save: (from, patch): Promise<unknown> =>
      problem
        ? update.mutateAsync({ planId: plan.id, problemId: problem.id, version: from, ...patch })
        : add.mutateAsync({ planId: plan.id, ...base, ...patch }),
    onDone,
    focus: () => fields.current?.querySelector<HTMLElement>("input, select, textarea")?.focus(),
  });
  const dealName = new Map(plan.deals.map((deal) => [deal.id, deal.name]));
  const describe = describeBy(PROBLEM_FIELDS, {
    customerVisible: { label: "Customer-visible", text: (visible) => (visible ? "Yes" : "No") },
    dealIds: {
      label: "Deals",
      text: (ids) => (ids as string[]).map((id) => dealName.get(id) ?? "a deal").join(", ") || "none",
    },
  });
  return (
    <PlanItemForm
      label={problem ? "Edit problem" : "New problem"}
      what="problem"
      specs={PROBLEM_FIELDS}
      value={value}
      onChange={setValue}
      onSubmit={() => {
        const patch = changes(base, value);
        if (problem && Object.keys(patch).length === 0) onDone();
        else void save.submit(version, patch);
      }}
      onCancel={onDone}
      onDiscard={discardMine}
      submitLabel={problem ? "Save problem" : "Add problem"}
      save={save}
      describe={describe}
      fieldsRef={fields}
    >
      <CheckboxGroup
        legend="Deals it concerns"
        items={plan.deals.map((deal) => ({ id: deal.id, label: deal.name }))}
        selected={value.dealIds}
        onChange={(dealIds) => setValue({ ...value, dealIds })}
        className="mt-1 flex flex-wrap gap-3"
      >
        {plan.deals.length === 0 ? <p className="text-sm text-slate-500">No deals on this account.</p> : null}
      </CheckboxGroup>
    </PlanItemForm>
  );
}

type InlineKey = "problem" | "impact" | "solution" | "status";
type InlinePatch = Partial<Pick<ProblemValue, InlineKey>>;
const describeProblem = describeBy(PROBLEM_FIELDS);

/**
 * One problem ↔ solution, its text fields and status edited in place (`useInlineEdit`, as steps are: Enter saves,
 * Escape cancels, a stale save shows the conflict panel); "Edit" opens the whole form (deals, customer visibility).
 */
function ProblemRow({
  plan,
  problem,
  canEdit,
  dealName,
  onEditAll,
  refresh,
}: {
  plan: Plan;
  problem: Problem;
  canEdit: boolean;
  dealName: Map<string, string>;
  onEditAll: () => void;
  refresh: () => void;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.planProblems.update.mutationOptions());
  const remove = useMutation(trpc.planProblems.remove.mutationOptions({ onSuccess: refresh }));
  const { field, feedback } = useInlineEdit<InlineKey, InlinePatch>({
    what: "problem",
    name: problem.problem,
    version: problem.version,
    values: problem,
    specs: PROBLEM_FIELDS,
    describe: describeProblem,
    canEdit,
    save: (version, patch) => update.mutateAsync({ planId: plan.id, problemId: problem.id, version, ...patch }),
    refresh,
  });
  return (
    <li className="space-y-2 py-3">
      <div className="grid gap-2 sm:grid-cols-[1fr_auto_1fr_auto]">
        <div>
          <p className="font-medium text-slate-900">{field("problem", problem.problem)}</p>
          <p className="text-sm text-slate-600">Impact: {field("impact", problem.impact || "—")}</p>
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
          {problem.unsolved ? <Badge tone="red">No solution yet</Badge> : null}
          <p className="text-slate-800">{field("solution", problem.solution || "—")}</p>
          <div className="mt-1 flex flex-wrap items-center gap-1">
            <Badge tone={problem.status === "addressed" ? "green" : "slate"}>
              {field("status", PROBLEM_STATUS_LABELS[problem.status])}
            </Badge>
            {problem.customerVisible ? <Badge tone="brand">Customer-visible</Badge> : <Badge>Internal</Badge>}
          </div>
        </div>
        {canEdit ? (
          <div className="flex items-start gap-1">
            <Button variant="ghost" onClick={onEditAll} aria-label={`Edit all of “${problem.problem}”`}>
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
      </div>
      {feedback ?? (remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null)}
    </li>
  );
}

export function PlanProblems({ plan, canEdit, refresh }: { plan: Plan; canEdit: boolean; refresh: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
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
              <ProblemRow
                key={problem.id}
                plan={plan}
                problem={problem}
                canEdit={canEdit}
                dealName={dealName}
                onEditAll={() => setEditing(problem.id)}
                refresh={refresh}
              />
            ),
          )}
        </ul>
      )}
    </Card>
  );
}
