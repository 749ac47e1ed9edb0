"use client";
/**
 * The fields of a plan's problems and steps, described once as data (`FieldSpec`) and drawn three ways by the same
 * control: in an add/edit form (`PlanItemForm`), in place in a list (`InlineField`: Enter saves, Escape cancels),
 * and in the conflict panel that shows the record as it is now next to the change the server refused.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert, Button, cx, Field, Input, inputClass, Select } from "@/components/ui";
import type { Conflict } from "./use-versioned-save";

export interface FieldSpec<K extends string = string> {
  key: K;
  label: string;
  /** A textarea is for several lines: in place, Enter starts a new line and Ctrl+Enter (⌘+Enter) saves. */
  kind?: "text" | "date" | "select" | "textarea";
  /** In place, the control takes the room there is (a title), as a textarea always does. */
  wide?: boolean;
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  hint?: string;
}

/** How a value reads in a list or in the conflict panel. */
export type Describe = (key: string, value: unknown) => { label: string; text: string };

/** Describes the spec'd fields by their labels and option labels; `extra` covers the rest (deals, visibility…). */
export function describeBy(
  specs: readonly FieldSpec[],
  extra: Record<string, { label: string; text: (value: unknown) => string }> = {},
): Describe {
  return (key, value) => {
    const custom = extra[key];
    if (custom) return { label: custom.label, text: custom.text(value) };
    const spec = specs.find((candidate) => candidate.key === key);
    const option = spec?.options?.find((candidate) => candidate.value === value);
    const text = option?.label ?? (value === null || value === undefined || value === "" ? "—" : String(value));
    return { label: spec?.label ?? key, text };
  };
}

function FieldControl({
  spec,
  value,
  onChange,
  ...rest
}: {
  spec: FieldSpec;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  if (spec.kind === "textarea")
    return (
      <textarea
        rows={4}
        required={spec.required}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...rest}
        className={cx(inputClass, rest.className)}
      />
    );
  if (spec.kind === "select")
    return (
      <Select value={value} onChange={(event) => onChange(event.target.value)} {...rest}>
        {spec.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    );
  return (
    <Input
      type={spec.kind === "date" ? "date" : "text"}
      required={spec.required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...rest}
    />
  );
}

/** What the server refused next to how the record is now, with the two ways out. */
export function ConflictPanel<P extends object>({
  what,
  conflict,
  describe,
  pending,
  onReapply,
  onDiscard,
}: {
  what: string;
  conflict: Conflict<Record<string, unknown>, P>;
  describe: Describe;
  pending: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const keys = Object.keys(conflict.patch);
  return (
    <div
      role="alert"
      data-testid="plan-conflict"
      className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <p className="font-semibold">Someone else changed this {what} while you were editing. Your change is not lost.</p>
      <table className="text-left">
        <caption className="sr-only">The {what} now and your change</caption>
        <thead className="text-xs uppercase text-amber-900">
          <tr>
            <th className="pr-4">Field</th>
            <th className="pr-4">Now</th>
            <th>Yours</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key} className="align-top">
              <th scope="row" className="pr-4 font-medium">
                {describe(key, undefined).label}
              </th>
              <td className="whitespace-pre-line pr-4">{describe(key, conflict.theirs[key]).text}</td>
              <td className="whitespace-pre-line font-medium">
                {describe(key, (conflict.patch as Record<string, unknown>)[key]).text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onReapply} disabled={pending}>
          Re-apply my change
        </Button>
        <Button variant="secondary" onClick={onDiscard} disabled={pending}>
          Discard mine
        </Button>
      </div>
    </div>
  );
}

/** The state a form or an in-place field reads from `useVersionedSave`. */
export interface SaveState<P extends object> {
  pending: boolean;
  error: unknown;
  conflict: Conflict<Record<string, unknown>, P> | null;
  reapply: () => void;
}

/** A versioned save's answer above its form: the conflict panel after a stale save, else its error, else nothing. */
export function SaveFeedback<P extends object>({
  what,
  save,
  describe,
  onDiscard,
}: {
  what: string;
  save: SaveState<P>;
  describe: Describe;
  onDiscard: () => void;
}) {
  if (save.conflict)
    return (
      <ConflictPanel
        what={what}
        conflict={save.conflict}
        describe={describe}
        pending={save.pending}
        onReapply={save.reapply}
        onDiscard={onDiscard}
      />
    );
  return save.error ? <Alert>{errorMessage(save.error)}</Alert> : null;
}

/** An add or edit form for a problem or a step: the spec'd fields, any `children` fields, customer visibility. */
export function PlanItemForm<V extends { customerVisible: boolean }>({
  label,
  what,
  specs,
  value,
  onChange,
  onSubmit,
  onCancel,
  onDiscard = onCancel,
  submitLabel,
  save,
  describe,
  fieldsRef,
  children,
}: {
  label: string;
  what: string;
  specs: readonly FieldSpec<keyof V & string>[];
  value: V;
  onChange: (value: V) => void;
  onSubmit: () => void;
  onCancel: () => void;
  /** "Discard mine" on the conflict panel (default: as Cancel). */
  onDiscard?: () => void;
  submitLabel: string;
  save: SaveState<Partial<V>>;
  describe: Describe;
  /** The spec'd fields' box, to focus the first of them. */
  fieldsRef?: Ref<HTMLDivElement>;
  children?: ReactNode;
}) {
  const errors = fieldErrors(save.error);
  return (
    <form
      aria-label={label}
      className="space-y-3 rounded-md bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <SaveFeedback what={what} save={save} describe={describe} onDiscard={onDiscard} />
      <div ref={fieldsRef} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {specs.map((spec) => (
          <Field key={spec.key} label={spec.label} error={errors[spec.key]} hint={spec.hint}>
            <FieldControl
              spec={spec}
              value={String(value[spec.key] ?? "")}
              onChange={(next) => onChange({ ...value, [spec.key]: next })}
            />
          </Field>
        ))}
      </div>
      {children}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value.customerVisible}
          onChange={(event) => onChange({ ...value, customerVisible: event.target.checked })}
        />
        Show to the customer (share link)
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.pending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * One field of a list row, edited in place: the value is a button; editing shows the same control as the forms,
 * Enter saves (Ctrl+Enter in a textarea, where Enter starts a new line), Escape cancels (focus returns to the
 * value), and the server's error shows right under it.
 */
export function InlineField({
  spec,
  itemName,
  display,
  canEdit,
  editing,
  draft,
  error,
  pending,
  onStart,
  onDraft,
  onSave,
  onCancel,
}: {
  spec: FieldSpec;
  itemName: string;
  display: string;
  canEdit: boolean;
  editing: boolean;
  draft: string;
  error: string | null;
  pending: boolean;
  onStart: () => void;
  onDraft: (value: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const multiline = spec.kind === "textarea";
  if (!canEdit) return <span className={cx(multiline && "whitespace-pre-line")}>{display}</span>;
  if (!editing)
    return (
      <button
        ref={button}
        type="button"
        onClick={onStart}
        aria-label={`Edit ${spec.label.toLowerCase()} of “${itemName}”: ${display}`}
        className={cx(
          "-mx-1 rounded px-1 text-left hover:bg-slate-100 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600",
          multiline && "whitespace-pre-line",
        )}
      >
        {display}
      </button>
    );
  const errorId = `${spec.key}-${itemName}-error`.replace(/\W+/g, "-");
  const wide = multiline || spec.wide;
  return (
    <span className={cx("flex flex-col gap-1 font-normal tracking-normal", wide && "max-w-3xl min-w-64 flex-1")}>
      <span className={cx("flex items-center gap-1", multiline && "flex-wrap")}>
        <FieldControl
          spec={spec}
          value={draft}
          onChange={onDraft}
          autoFocus
          className={multiline ? "w-full" : wide ? "min-w-0 flex-1" : undefined}
          aria-label={`${spec.label} of “${itemName}”`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (!multiline || event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              if (!pending) onSave();
            } else if (event.key === "Escape") {
              event.preventDefault();
              onCancel();
            }
          }}
        />
        <Button variant="ghost" className="px-2 py-1" onClick={onSave} disabled={pending}>
          Save
        </Button>
        <Button variant="ghost" className="px-2 py-1" onClick={onCancel}>
          Cancel
        </Button>
      </span>
      {error ? (
        <span id={errorId} role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : (
        <span className="text-xs text-slate-500">
          {multiline ? "Ctrl+Enter saves · Escape cancels" : "Enter saves · Escape cancels"}
        </span>
      )}
    </span>
  );
}
