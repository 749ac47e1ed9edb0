"use client";

import { useId } from "react";
import { Button, Field, Input, Options, Select } from "@/components/ui";
import {
  DIMENSIONS,
  type Dimension,
  DIMENSION_LABEL,
  DIMENSION_EXAMPLE,
  type FocusDraft,
  type ObjectiveDraft,
  newKey,
} from "./strategy-draft";

export function ObjectiveEditor({
  index,
  count,
  objective,
  errors,
  members,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  objective: ObjectiveDraft;
  errors: Record<string, string>;
  members: { userId: string; name: string }[];
  onChange: (change: Partial<ObjectiveDraft>) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const path = `objectives.${index}`;
  const descriptionId = useId();
  const label = objective.title.trim() || `Objective ${index + 1}`;
  const setFocus = (key: string, change: Partial<FocusDraft>) =>
    onChange({ focus: objective.focus.map((f) => (f.key === key ? { ...f, ...change } : f)) });
  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200" data-testid={`objective-${index}`}>
      <fieldset>
        <legend className="sr-only">{label}</legend>
        <div className="grid gap-4 md:grid-cols-[1fr_9rem_14rem]">
          <Field label={`Objective ${index + 1}`} error={errors[`${path}.title`]}>
            <Input
              value={objective.title}
              placeholder="Win enterprise manufacturing"
              onChange={(e) => onChange({ title: e.target.value })}
              aria-invalid={Boolean(errors[`${path}.title`])}
            />
          </Field>
          <Field label="Weight (%)" error={errors[`${path}.weight`]}>
            <Input
              inputMode="numeric"
              value={objective.weight}
              onChange={(e) => onChange({ weight: e.target.value })}
              aria-invalid={Boolean(errors[`${path}.weight`])}
              className="text-right tabular-nums"
            />
          </Field>
          <Field label="Owner" error={errors[`${path}.ownerId`]}>
            <Select value={objective.ownerId} onChange={(e) => onChange({ ownerId: e.target.value })}>
              <option value="">No owner</option>
              <Options values={members} id={(m) => m.userId} label={(m) => m.name} />
            </Select>
          </Field>
        </div>
        <label className="mt-3 block space-y-1" htmlFor={descriptionId}>
          <span className="text-sm font-medium text-slate-700">Description</span>
        </label>
        <textarea
          id={descriptionId}
          value={objective.description}
          onChange={(e) => onChange({ description: e.target.value })}
          rows={2}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
          placeholder="Why this matters this period, and what counts."
        />
        {errors[`${path}.description`] ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {errors[`${path}.description`]}
          </p>
        ) : null}

        <div className="mt-4">
          <p className="text-sm font-medium text-slate-700">Focus rules</p>
          <p className="text-xs text-slate-500">
            Deals match when they meet one value of every dimension listed (e.g. industry Manufacturing and segment
            Enterprise).
          </p>
          <ul className="mt-2 space-y-2">
            {objective.focus.map((f, fi) => (
              <li key={f.key} className="flex flex-wrap items-start gap-2">
                <label className="sr-only" htmlFor={`${f.key}-dim`}>
                  Focus rule {fi + 1} dimension of {label}
                </label>
                <Select
                  id={`${f.key}-dim`}
                  value={f.dimension}
                  onChange={(e) => setFocus(f.key, { dimension: e.target.value as Dimension })}
                  className="w-36"
                >
                  <Options values={DIMENSIONS} label={(d) => DIMENSION_LABEL[d]} />
                </Select>
                <span className="w-56">
                  <label className="sr-only" htmlFor={`${f.key}-value`}>
                    Focus rule {fi + 1} value of {label}
                  </label>
                  <Input
                    id={`${f.key}-value`}
                    value={f.value}
                    placeholder={DIMENSION_EXAMPLE[f.dimension]}
                    onChange={(e) => setFocus(f.key, { value: e.target.value })}
                    aria-invalid={Boolean(errors[`${path}.focus.${fi}.value`])}
                    className="w-full"
                  />
                  {errors[`${path}.focus.${fi}.value`] ? (
                    <span role="alert" className="block text-sm text-red-600">
                      {errors[`${path}.focus.${fi}.value`]}
                    </span>
                  ) : null}
                </span>
                <Button
                  variant="ghost"
                  aria-label={`Remove focus rule ${fi + 1} of ${label}`}
                  onClick={() => onChange({ focus: objective.focus.filter((x) => x.key !== f.key) })}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          <Button
            variant="ghost"
            className="mt-2"
            onClick={() =>
              onChange({ focus: [...objective.focus, { key: newKey(), dimension: "industry", value: "" }] })
            }
          >
            + Add focus rule
          </Button>
        </div>

        <div className="mt-4 flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-3">
          <Button variant="ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${label} up`}>
            ↑ Up
          </Button>
          <Button
            variant="ghost"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move ${label} down`}
          >
            ↓ Down
          </Button>
          <Button variant="ghost" onClick={onRemove} aria-label={`Remove objective ${label}`}>
            Remove objective
          </Button>
        </div>
        {objective.id ? null : <p className="text-right text-xs text-slate-500">New — saved with the strategy.</p>}
      </fieldset>
    </li>
  );
}
