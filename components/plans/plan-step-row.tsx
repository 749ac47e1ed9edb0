"use client";
import { useMutation } from "@tanstack/react-query";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, cx } from "@/components/ui";
import { SIDE_LABELS } from "./labels";
import { describeBy, type FieldSpec } from "./plan-fields";
import type { Plan } from "./plan-view";
import { useInlineEdit } from "./use-inline-edit";

type Step = Plan["steps"][number];
type StepPatch = Partial<{ title: string; ownerName: string; dueOn: string | null; status: "open" | "done" }>;

/** A step's fields, shared by the add form and the in-place editors of the list. */
export const STEP_FIELDS = [
  { key: "title", label: "Step", required: true },
  {
    key: "side",
    label: "Side",
    kind: "select",
    options: [
      { value: "us", label: SIDE_LABELS.us },
      { value: "customer", label: SIDE_LABELS.customer },
    ],
  },
  { key: "ownerName", label: "Owner" },
  { key: "dueOn", label: "Due", kind: "date" },
  {
    key: "status",
    label: "Status",
    kind: "select",
    options: [
      { value: "open", label: "Open" },
      { value: "done", label: "Done" },
    ],
  },
] as const satisfies readonly FieldSpec[];

/** Edited in place; the status is the row's "Done" checkbox (one click, Space by keyboard). */
type InlineKey = "title" | "ownerName" | "dueOn";

export const describeStep = describeBy(STEP_FIELDS);

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

/** One step of the mutual action plan, edited in place (`useInlineEdit`: versions, the conflict panel). */
export function StepRow({
  plan,
  step,
  canEdit,
  waitsFor,
  refresh,
}: {
  plan: Plan;
  step: Step;
  canEdit: boolean;
  waitsFor: string;
  refresh: () => void;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.planSteps.update.mutationOptions());
  const remove = useMutation(trpc.planSteps.remove.mutationOptions({ onSuccess: refresh }));
  const { field, save, feedback } = useInlineEdit<InlineKey, StepPatch>({
    what: "step",
    name: step.title,
    version: step.version,
    values: step,
    specs: STEP_FIELDS,
    describe: describeStep,
    canEdit,
    save: (version, patch) => update.mutateAsync({ planId: plan.id, stepId: step.id, version, ...patch }),
    refresh,
  });
  return (
    <>
      <tr className={cx("align-top", step.overdue && "bg-red-50/50")}>
        <td className="py-2">
          <input
            type="checkbox"
            aria-label={`Done: ${step.title}`}
            checked={step.status === "done"}
            disabled={!canEdit || save.pending}
            onChange={(e) => void save.submit(step.version, { status: e.target.checked ? "done" : "open" })}
          />
        </td>
        <td className="py-2 pr-3 font-medium text-slate-900">{field("title", step.title)}</td>
        <td className="py-2 pr-3">{field("ownerName", step.ownerName || "—")}</td>
        <td className="py-2 pr-3">{field("dueOn", step.dueOn ?? "—")}</td>
        <td className="py-2 pr-3">
          <StepBadges step={step} />
        </td>
        <td className="py-2 pr-3 text-xs text-slate-600">{waitsFor || "—"}</td>
        <td className="py-2">
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
      {feedback || remove.error ? (
        <tr>
          <td colSpan={7} className="pb-3">
            {feedback ?? <Alert>{errorMessage(remove.error)}</Alert>}
          </td>
        </tr>
      ) : null}
    </>
  );
}
