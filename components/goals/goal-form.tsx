"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { errorCode, errorMessage, pathErrors } from "@/components/trpc/errors";
import type { Goal, StrategyDetail } from "@/components/alignment/types";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, cx, Field, Input, Options, Select } from "@/components/ui";
import {
  CATEGORIES,
  CATEGORY_LABEL,
  IMPORTANCE_LABEL,
  VISIBILITY_HELP,
  VISIBILITY_LABEL,
  type Category,
  type Visibility,
} from "@/server/domain/labels";

interface GoalDraft {
  category: Category;
  title: string;
  target: string;
  unit: string;
  currentValue: string;
  importance: number;
  visibility: Visibility;
  /** objective id → strength 1–3 (absent: not linked) */
  links: Record<string, number>;
}

/** Who sees a goal: one card a choice, with what it means. */
function VisibilityChoice({ value, onChange }: { value: Visibility; onChange: (value: Visibility) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Who sees it</legend>
      <div className="mt-2 grid gap-2 md:grid-cols-3">
        {(Object.keys(VISIBILITY_LABEL) as Visibility[]).map((v) => (
          <label
            key={v}
            className={cx(
              "flex cursor-pointer gap-2 rounded-md bg-white p-3 text-sm ring-1",
              value === v ? "ring-2 ring-brand-500" : "ring-slate-200",
            )}
          >
            <input
              type="radio"
              name="visibility"
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
              className="mt-0.5"
            />
            <span>
              <span className="block font-medium text-slate-900">{VISIBILITY_LABEL[v]}</span>
              <span className="block text-xs text-slate-500">{VISIBILITY_HELP[v]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function GoalForm({ strategy, goal, onDone }: { strategy: StrategyDetail; goal?: Goal; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GoalDraft>(() =>
    goal
      ? {
          category: goal.category,
          title: goal.title,
          target: goal.target ?? "",
          unit: goal.unit,
          currentValue: goal.progressAutomatic ? "0" : goal.currentValue,
          importance: goal.importance,
          visibility: goal.visibility,
          links: Object.fromEntries(goal.links.map((l) => [l.objectiveId, l.strength])),
        }
      : {
          category: "quota",
          title: "",
          target: "",
          unit: "USD",
          currentValue: "0",
          importance: 2,
          visibility: "manager",
          links: {},
        },
  );
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.goals.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.goals.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.goals.update.mutationOptions({ onSuccess: done }));
  const mutation = goal ? update : create;
  const errors = pathErrors(mutation.error);
  const linked = strategy.objectives.filter((o) => draft.links[o.id]);
  const linkErrors = Object.entries(errors).filter(([path]) => path.startsWith("links"));
  const isQuota = draft.category === "quota";
  const known = new Set(["title", "category", "target", "unit", "currentValue", "importance", "visibility"]);
  const unknownError =
    mutation.error &&
    errorCode(mutation.error) !== "CONFLICT" &&
    !Object.keys(errors).some((path) => known.has(path) || path.startsWith("links"));

  /** A text field's value and change, and its invalid mark (the server's error for it). */
  const text = (key: "title" | "target" | "unit" | "currentValue") => ({
    value: draft[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: event.target.value }),
    "aria-invalid": Boolean(errors[key]),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = {
      category: draft.category,
      title: draft.title,
      target: draft.target.trim() === "" ? null : draft.target,
      unit: draft.unit,
      currentValue: isQuota || draft.currentValue.trim() === "" ? "0" : draft.currentValue,
      importance: draft.importance,
      visibility: draft.visibility,
      links: linked.map((o) => ({ objectiveId: o.id, strength: draft.links[o.id] ?? 1 })),
    };
    if (goal) update.mutate({ goalId: goal.id, version: goal.version, ...fields });
    else create.mutate({ strategyId: strategy.id, ...fields });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      aria-label={goal ? `Edit ${goal.title}` : "New goal"}
    >
      <h3 className="text-sm font-semibold text-slate-800">{goal ? "Edit goal" : "New goal"}</h3>
      <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
        <Field label="Category" error={errors.category}>
          <Select
            value={draft.category}
            onChange={(e) => {
              const category = e.target.value as Category;
              setDraft((d) => ({
                ...d,
                category,
                unit:
                  category === "quota"
                    ? /^[A-Za-z]{3}$/.test(d.unit)
                      ? d.unit
                      : "USD"
                    : d.unit === "USD"
                      ? ""
                      : d.unit,
              }));
            }}
          >
            <Options values={CATEGORIES} label={(c) => CATEGORY_LABEL[c]} />
          </Select>
        </Field>
        <Field label="Goal" error={errors.title}>
          <Input {...text("title")} placeholder="Close $1.2M of new bookings in H2" />
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Target" error={errors.target} hint="Optional; a number.">
          <Input inputMode="decimal" {...text("target")} />
        </Field>
        <Field label={isQuota ? "Currency" : "Unit"} error={errors.unit} hint={isQuota ? "e.g. USD" : "e.g. deals, %"}>
          <Input {...text("unit")} />
        </Field>
        {isQuota ? (
          <div className="text-xs text-slate-600 md:col-span-1">
            <p className="text-sm font-medium text-slate-700">Progress</p>
            <p className="mt-2">Tracked automatically from your closed-won deals in this period.</p>
          </div>
        ) : (
          <Field label="Progress so far" error={errors.currentValue}>
            <Input inputMode="decimal" {...text("currentValue")} />
          </Field>
        )}
        <Field label="Importance" error={errors.importance}>
          <Select value={draft.importance} onChange={(e) => setDraft({ ...draft, importance: Number(e.target.value) })}>
            <Options values={[3, 2, 1]} label={(i) => IMPORTANCE_LABEL[i]} />
          </Select>
        </Field>
      </div>
      <VisibilityChoice value={draft.visibility} onChange={(visibility) => setDraft({ ...draft, visibility })} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Objectives it serves</legend>
        <p className="text-xs text-slate-500">
          Supports: it helps a little. Drives: it moves the objective. Central: the objective is what this goal is
          about.
        </p>
        {strategy.objectives.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">This strategy has no objectives.</p>
        ) : (
          <ul className="mt-2 grid gap-2 md:grid-cols-2">
            {strategy.objectives.map((o) => (
              <li
                key={o.id}
                className="flex items-center justify-between gap-3 rounded-md bg-white p-2 ring-1 ring-slate-200"
              >
                <label htmlFor={`link-${goal?.id ?? "new"}-${o.id}`} className="text-sm text-slate-800">
                  {o.title} <span className="text-xs text-slate-500">({o.weight}%)</span>
                </label>
                <Select
                  id={`link-${goal?.id ?? "new"}-${o.id}`}
                  className="w-36"
                  value={draft.links[o.id] ?? 0}
                  onChange={(e) => {
                    const strength = Number(e.target.value);
                    setDraft((d) => {
                      const links = { ...d.links };
                      if (strength > 0) links[o.id] = strength;
                      else delete links[o.id];
                      return { ...d, links };
                    });
                  }}
                >
                  <option value={0}>Not linked</option>
                  <option value={1}>1 · supports</option>
                  <option value={2}>2 · drives</option>
                  <option value={3}>3 · central</option>
                </Select>
              </li>
            ))}
          </ul>
        )}
        {linkErrors.length > 0 ? (
          <ul role="alert" className="mt-2 text-sm text-red-600">
            {linkErrors.map(([path, message]) => {
              const index = Number(path.split(".")[1]);
              return <li key={path}>{`${linked[index]?.title ?? "A link"}: ${message}`}</li>;
            })}
          </ul>
        ) : null}
      </fieldset>
      {errorCode(mutation.error) === "CONFLICT" ? (
        <Alert tone="amber">
          {errorMessage(mutation.error)}{" "}
          <button type="button" className="font-medium underline" onClick={() => void done()}>
            Reload
          </button>
        </Alert>
      ) : unknownError ? (
        <Alert>{errorMessage(mutation.error)}</Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : goal ? "Save goal" : "Add goal"}
        </Button>
      </div>
    </form>
  );
}
