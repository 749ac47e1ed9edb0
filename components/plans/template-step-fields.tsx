"use client";
import { CheckboxGroup } from "@/components/checkbox-group";
import { Button, Field, Input, Options, Select } from "@/components/ui";
import { SIDE_LABELS } from "./labels";

export interface DraftStep {
  /** The row's identity while editing (React's key, focus after a move): never sent. */
  key: string;
  title: string;
  side: "us" | "customer";
  /** As typed, so a half-typed number is never lost. */
  offsetDays: string;
  dependsOn: number[];
}

export type StepAction = "up" | "down" | "remove";

/** The id of a step's control, for moving the focus after the list changes. */
export function stepControlId(prefix: string, key: string, control: StepAction | "title"): string {
  return `${prefix}-${key}-${control}`;
}

/** One step of the template editor: its fields, the earlier steps it waits for, and moving or removing it. */
export function TemplateStepFields({
  idPrefix,
  step,
  index,
  earlier,
  last,
  errors,
  onChange,
  onAction,
}: {
  idPrefix: string;
  step: DraftStep;
  index: number;
  /** The steps before this one, which it may wait for. */
  earlier: readonly DraftStep[];
  last: boolean;
  /** The save's errors for this step, by field ("title", "offsetDays", "dependsOn"). */
  errors: Record<string, string | undefined>;
  onChange: (patch: Partial<DraftStep>) => void;
  onAction: (action: StepAction) => void;
}) {
  const number = index + 1;
  const id = (control: StepAction | "title") => stepControlId(idPrefix, step.key, control);
  return (
    <fieldset className="rounded-md bg-white p-3 ring-1 ring-slate-200">
      <legend className="sr-only">Step {number}</legend>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <span aria-hidden className="text-sm font-semibold text-slate-800">
          Step {number}
        </span>
        <span className="flex gap-1">
          <Button
            id={id("up")}
            variant="ghost"
            className="px-2 py-1"
            aria-label={`Move step ${number} up`}
            disabled={index === 0}
            onClick={() => onAction("up")}
          >
            ↑ Up
          </Button>
          <Button
            id={id("down")}
            variant="ghost"
            className="px-2 py-1"
            aria-label={`Move step ${number} down`}
            disabled={last}
            onClick={() => onAction("down")}
          >
            ↓ Down
          </Button>
          <Button
            id={id("remove")}
            variant="ghost"
            className="px-2 py-1 text-red-700"
            aria-label={`Remove step ${number}`}
            onClick={() => onAction("remove")}
          >
            Remove
          </Button>
        </span>
      </div>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]">
        <Field label="Title" error={errors.title}>
          <Input
            id={id("title")}
            required
            maxLength={200}
            value={step.title}
            aria-invalid={errors.title ? true : undefined}
            onChange={(event) => onChange({ title: event.target.value })}
          />
        </Field>
        <Field label="Side">
          <Select value={step.side} onChange={(event) => onChange({ side: event.target.value as DraftStep["side"] })}>
            <Options values={["us", "customer"] as const} label={(side) => SIDE_LABELS[side]} />
          </Select>
        </Field>
        <Field label="Due (days after start)" error={errors.offsetDays}>
          <Input
            type="number"
            inputMode="numeric"
            required
            min={0}
            max={3650}
            step={1}
            value={step.offsetDays}
            aria-invalid={errors.offsetDays ? true : undefined}
            onChange={(event) => onChange({ offsetDays: event.target.value })}
          />
        </Field>
      </div>
      {earlier.length > 0 ? (
        <div className="mt-3">
          <CheckboxGroup
            legend={`Step ${number} waits for`}
            items={earlier.map((other, position) => ({
              id: String(position),
              label: `${position + 1}. ${other.title.trim() || "(untitled)"}`,
            }))}
            selected={step.dependsOn.map(String)}
            onChange={(ids) => onChange({ dependsOn: ids.map(Number).sort((a, b) => a - b) })}
          />
          {errors.dependsOn ? (
            <p role="alert" className="mt-1 text-sm text-red-600">
              {errors.dependsOn}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
