"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { HeaderCells, type Column } from "@/components/paged-list";
import { Button, Card, EmptyState, Field, Select } from "@/components/ui";
import { PlanItemForm } from "./plan-fields";
import { describeStep, STEP_FIELDS, StepRow } from "./plan-step-row";
import { Timeline } from "./plan-timeline";
import type { Plan } from "./plan-view";
import { useVersionedSave } from "./use-versioned-save";

type StepValue = {
  title: string;
  side: "us" | "customer";
  ownerName: string;
  dueOn: string;
  dependsOn: string[];
  customerVisible: boolean;
};
type Current = Record<string, unknown> & { version: number };

const ADD_FIELDS = STEP_FIELDS.filter((field) => field.key !== "status");
const STEP_COLUMNS: Column[] = ["Done", "Step", "Owner", "Due", "State", "Waits for"]
  .map((label): Column => ({ label }))
  .concat({ label: "Actions", srOnly: true });

function StepForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const trpc = useTRPC();
  const [value, setValue] = useState<StepValue>({
    title: "",
    side: "us",
    ownerName: "",
    dueOn: "",
    dependsOn: [],
    customerVisible: true,
  });
  const add = useMutation(trpc.planSteps.add.mutationOptions());
  const save = useVersionedSave<Current, StepValue>(
    (_version, fields) => add.mutateAsync({ planId: plan.id, ...fields, dueOn: fields.dueOn || null }),
    onDone,
  );
  return (
    <PlanItemForm
      label="New step"
      what="step"
      specs={ADD_FIELDS}
      value={value}
      onChange={setValue}
      onSubmit={() => void save.submit(0, value)}
      onCancel={onDone}
      submitLabel="Add step"
      save={save}
      describe={describeStep}
    >
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
    </PlanItemForm>
  );
}

export function PlanSteps({ plan, canEdit, refresh }: { plan: Plan; canEdit: boolean; refresh: () => void }) {
  const [adding, setAdding] = useState(false);
  const [view, setView] = useState<"list" | "timeline">("list");
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
              <HeaderCells columns={STEP_COLUMNS} />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.steps.map((step) => (
              <StepRow
                key={step.id}
                plan={plan}
                step={step}
                canEdit={canEdit}
                waitsFor={step.dependsOn.map((id) => titles.get(id)).join(", ")}
                refresh={refresh}
              />
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
