"use client";
import { type ReactNode } from "react";
import { CheckboxGroup } from "@/components/checkbox-group";
import { Field, Input, Options, Select } from "@/components/ui";
import { OwnerPicker } from "./owner-picker";
import { FIT_LABELS, PROBLEM_FITS, STAGE_LABELS, type DealStage, type ProblemFit } from "@/server/domain/labels";

export interface DealFields {
  name: string;
  amount: string;
  currency: string;
  stage: DealStage;
  closeDate: string;
  product: string;
  customerProblem: string;
  problemFit: ProblemFit;
  ownerId: string;
  objectiveIds: string[];
  goalIds: string[];
}

export const FIELD_LABELS: Record<keyof DealFields, string> = {
  name: "Name",
  amount: "Amount",
  currency: "Currency",
  stage: "Stage",
  closeDate: "Close date",
  product: "Product",
  customerProblem: "Customer problem",
  problemFit: "Can we solve it",
  ownerId: "Owner",
  objectiveIds: "Objectives (explicit links)",
  goalIds: "Goals it advances",
};

const textareaClass =
  "block min-h-24 w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500";

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : a === b;
/** Amounts compare as numbers of cents ("100" equals "100.00") without floats. */
const normalizeAmount = (text: string) => {
  const [whole = "0", cents = ""] = text.trim().split(".");
  return `${whole.replace(/^0+(?=\d)/, "")}.${cents.padEnd(2, "0")}`;
};
export function changedKeys(a: DealFields, b: DealFields): (keyof DealFields)[] {
  return (Object.keys(FIELD_LABELS) as (keyof DealFields)[]).filter((key) =>
    key === "amount" ? normalizeAmount(a.amount) !== normalizeAmount(b.amount) : !sameValue(a[key], b[key]),
  );
}

export interface DealFormOptions {
  /** Whether the owner can be changed (an owner picker is shown). */
  chooseOwner?: boolean;
  objectives: { id: string; title: string; weight: number }[];
  goals: { id: string; title: string }[];
}

export function DealFieldset({
  value,
  onChange,
  errors,
  options,
  stageChoices,
  extra,
}: {
  value: DealFields;
  onChange: (next: DealFields) => void;
  errors: Record<string, string>;
  options: DealFormOptions;
  stageChoices: DealStage[];
  extra?: ReactNode;
}) {
  const set = <K extends keyof DealFields>(key: K, v: DealFields[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="space-y-4">
      {extra}
      <Field label="Deal name" error={errors.name}>
        <Input required maxLength={200} value={value.name} onChange={(event) => set("name", event.target.value)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Amount" error={errors.amount} hint="A decimal amount, e.g. 120000 or 120000.50">
          <Input
            inputMode="decimal"
            value={value.amount}
            onChange={(event) => set("amount", event.target.value)}
            aria-invalid={Boolean(errors.amount)}
          />
        </Field>
        <Field label="Currency" error={errors.currency} hint="ISO 4217, e.g. USD">
          <Input
            maxLength={3}
            value={value.currency}
            onChange={(event) => set("currency", event.target.value.toUpperCase())}
            aria-invalid={Boolean(errors.currency)}
          />
        </Field>
        <Field label="Close date" error={errors.closeDate}>
          <Input type="date" value={value.closeDate} onChange={(event) => set("closeDate", event.target.value)} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Stage" error={errors.stage}>
          <Select value={value.stage} onChange={(event) => set("stage", event.target.value as DealStage)}>
            {!stageChoices.includes(value.stage) ? (
              <option value={value.stage} disabled>
                {STAGE_LABELS[value.stage]}
              </option>
            ) : null}
            <Options values={stageChoices} label={(stage) => STAGE_LABELS[stage]} />
          </Select>
        </Field>
        <Field label="Product" error={errors.product}>
          <Input maxLength={120} value={value.product} onChange={(event) => set("product", event.target.value)} />
        </Field>
        {options.chooseOwner ? (
          <OwnerPicker value={value.ownerId} onChange={(id) => id && set("ownerId", id)} error={errors.ownerId} />
        ) : null}
      </div>
      <Field label="The customer's problem, in their words" error={errors.customerProblem}>
        <textarea
          className={textareaClass}
          maxLength={5000}
          value={value.customerProblem}
          onChange={(event) => set("customerProblem", event.target.value)}
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Can we solve it?</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {PROBLEM_FITS.map((fit) => (
            <label key={fit} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="problemFit"
                value={fit}
                checked={value.problemFit === fit}
                onChange={() => set("problemFit", fit)}
              />
              {FIT_LABELS[fit]}
            </label>
          ))}
        </div>
      </fieldset>
      {options.objectives.length > 0 ? (
        <CheckboxGroup
          legend="Strategy objectives it serves (besides those its focus rules match)"
          items={options.objectives.map((objective) => ({
            id: objective.id,
            label: (
              <>
                {objective.title} <span className="text-xs text-slate-500">weight {objective.weight}</span>
              </>
            ),
          }))}
          selected={value.objectiveIds}
          onChange={(ids) => set("objectiveIds", ids)}
        />
      ) : null}
      {options.goals.length > 0 ? (
        <CheckboxGroup
          legend="The owner's goals it advances (quota and commission count for every open deal)"
          items={options.goals.map((goal) => ({ id: goal.id, label: goal.title }))}
          selected={value.goalIds}
          onChange={(ids) => set("goalIds", ids)}
        />
      ) : null}
    </div>
  );
}
