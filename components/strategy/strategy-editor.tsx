"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { errorCode, errorMessage, pathErrors } from "@/components/trpc/errors";
import type { StrategyDetail } from "@/components/alignment/types";
import { ConfirmButton } from "@/components/confirm-button";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, cx, EmptyState, Field, Input, Options, PageHeader, Select } from "@/components/ui";
import { formatPeriod, StatusBadge } from "./status";
import { FormError } from "@/components/form-error";

const DIMENSIONS = ["industry", "segment", "region", "product"] as const;
type Dimension = (typeof DIMENSIONS)[number];
const DIMENSION_LABEL: Record<Dimension, string> = {
  industry: "Industry",
  segment: "Segment",
  region: "Region",
  product: "Product",
};
const DIMENSION_EXAMPLE: Record<Dimension, string> = {
  industry: "Manufacturing",
  segment: "Enterprise",
  region: "EMEA",
  product: "Fleet Analytics",
};

interface FocusDraft {
  key: string;
  dimension: Dimension;
  value: string;
}
interface ObjectiveDraft {
  key: string;
  id?: string;
  title: string;
  description: string;
  weight: string;
  ownerId: string;
  focus: FocusDraft[];
}
interface Draft {
  name: string;
  startsOn: string;
  endsOn: string;
  objectives: ObjectiveDraft[];
}

let keySeq = 0;
/** A React key for a new row (crypto.randomUUID is missing on plain-HTTP origins). */
const newKey = () => `new-${++keySeq}`;
/** Error paths the form shows next to their field. */
const INLINE_PATH =
  /^(name|startsOn|endsOn|objectives|objectives\.\d+\.(title|weight|ownerId|description|focus\.\d+\.value))$/;

function toDraft(strategy: StrategyDetail): Draft {
  return {
    name: strategy.name,
    startsOn: strategy.startsOn,
    endsOn: strategy.endsOn,
    objectives: strategy.objectives.map((o) => ({
      key: o.id,
      id: o.id,
      title: o.title,
      description: o.description,
      weight: String(o.weight),
      ownerId: o.ownerId ?? "",
      focus: o.focus.map((f, i) => ({ key: `${o.id}-${i}`, dimension: f.dimension, value: f.value })),
    })),
  };
}

/** The weight as the server will read it: a whole number, or NaN (refused with a message next to the field). */
function parseWeight(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export function weightSum(objectives: { weight: string }[]): number {
  return objectives.reduce((sum, o) => sum + (Number.isNaN(parseWeight(o.weight)) ? 0 : parseWeight(o.weight)), 0);
}

/** Strategy detail: an editor for admins (unless archived), a read-only view for everyone else. */
export function StrategyEditor({
  slug,
  strategyId,
  canManage,
  initial,
}: {
  slug: string;
  strategyId: string;
  canManage: boolean;
  initial: StrategyDetail;
}) {
  const trpc = useTRPC();
  const strategy = useQuery({ ...trpc.strategy.get.queryOptions({ strategyId }), initialData: initial });
  const data = strategy.data;
  const editable = canManage && data.status !== "archived";
  return (
    <div className="space-y-6">
      <PageHeader
        title={data.name}
        description={
          editable
            ? "Edit the objectives, their weights, owners and focus rules, then save. Activation needs weights that add up to exactly 100."
            : undefined
        }
      />
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StatusBadge status={data.status} />
        <span className="tabular-nums">{formatPeriod(data.startsOn, data.endsOn)}</span>
        <span className="text-slate-400">·</span>
        <span>version {data.version}</span>
      </div>
      {editable ? (
        // Re-mounted per version: after a save (or a reload after a conflict) the form starts from the server's record.
        <StrategyForm key={`${data.id}-${data.version}`} slug={slug} strategy={data} />
      ) : (
        <>
          {canManage ? (
            <AdminActions slug={slug} strategy={data} dirty={false} sum={weightSum(toDraft(data).objectives)} />
          ) : null}
          <StrategyReadOnly strategy={data} />
        </>
      )}
    </div>
  );
}

function StrategyReadOnly({ strategy }: { strategy: StrategyDetail }) {
  if (strategy.objectives.length === 0) return <EmptyState title="No objectives yet" />;
  return (
    <Card title={`Objectives of ${strategy.name}`}>
      <ul className="space-y-5" aria-label="Objectives">
        {strategy.objectives.map((o) => (
          <li key={o.id} className="grid gap-2 md:grid-cols-[1fr_12rem]">
            <div>
              <p className="font-medium text-slate-900">{o.title}</p>
              {o.description ? <p className="mt-1 text-sm text-slate-600">{o.description}</p> : null}
              <p className="mt-2 flex flex-wrap gap-1 text-xs text-slate-600">
                {o.focus.length === 0 ? (
                  <span>Matches deals only through explicit links.</span>
                ) : (
                  o.focus.map((f) => (
                    <Badge key={`${f.dimension}-${f.value}`}>
                      {DIMENSION_LABEL[f.dimension]}: {f.value}
                    </Badge>
                  ))
                )}
              </p>
              {o.ownerName ? <p className="mt-1 text-xs text-slate-500">Owner: {o.ownerName}</p> : null}
            </div>
            <div>
              <p className="text-right text-sm font-semibold tabular-nums">{o.weight}%</p>
              <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden>
                <div className="h-2 rounded bg-brand-500" style={{ width: `${o.weight}%` }} />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function StrategyForm({ slug, strategy }: { slug: string; strategy: StrategyDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [initial] = useState(() => toDraft(strategy));
  const [draft, setDraft] = useState<Draft>(initial);
  const members = useQuery(trpc.members.list.queryOptions({ status: "active", limit: 100 }));
  const update = useMutation(
    trpc.strategy.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.strategy.get.queryKey({ strategyId: saved.id }), saved);
        await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
      },
    }),
  );
  const errors = pathErrors(update.error);
  const sum = weightSum(draft.objectives);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const isActive = strategy.status === "active";

  const setObjective = (key: string, change: Partial<ObjectiveDraft>) =>
    setDraft((d) => ({ ...d, objectives: d.objectives.map((o) => (o.key === key ? { ...o, ...change } : o)) }));
  const removeObjective = (key: string) =>
    setDraft((d) => ({ ...d, objectives: d.objectives.filter((o) => o.key !== key) }));
  const moveObjective = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const list = [...d.objectives];
      const [item] = list.splice(index, 1);
      if (item) list.splice(index + by, 0, item);
      return { ...d, objectives: list };
    });
  const addObjective = () =>
    setDraft((d) => ({
      ...d,
      objectives: [
        ...d.objectives,
        {
          key: newKey(),
          title: "",
          description: "",
          weight: String(Math.max(0, 100 - weightSum(d.objectives))),
          ownerId: "",
          focus: [],
        },
      ],
    }));

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({
      strategyId: strategy.id,
      version: strategy.version,
      name: draft.name,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      objectives: draft.objectives.map((o) => ({
        ...(o.id ? { id: o.id } : {}),
        title: o.title,
        description: o.description,
        weight: parseWeight(o.weight),
        ownerId: o.ownerId || null,
        focus: o.focus.map((f) => ({ dimension: f.dimension, value: f.value })),
      })),
    });
  }

  const conflict = errorCode(update.error) === "CONFLICT";
  // Messages about a field show next to it; anything else (or a summary) above the save button.
  const inline = Object.keys(errors).filter((path) => INLINE_PATH.test(path));

  return (
    <>
      <AdminActions slug={slug} strategy={strategy} dirty={dirty} sum={sum} />
      <form onSubmit={onSave} noValidate className="space-y-6" aria-label="Edit strategy">
        <Card title="Name and period">
          <div className="grid gap-4 md:grid-cols-[2fr_1fr_1fr]">
            <Field label="Name" error={errors.name}>
              <Input
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                aria-invalid={Boolean(errors.name)}
                required
              />
            </Field>
            <Field label="Starts on" error={errors.startsOn}>
              <Input
                type="date"
                value={draft.startsOn}
                onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })}
                aria-invalid={Boolean(errors.startsOn)}
                required
              />
            </Field>
            <Field label="Ends on" error={errors.endsOn}>
              <Input
                type="date"
                value={draft.endsOn}
                onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })}
                aria-invalid={Boolean(errors.endsOn)}
                required
              />
            </Field>
          </div>
          {isActive ? (
            <p className="mt-3 text-xs text-slate-500">
              This strategy is active: every change you save is recorded in the audit log, and its weights must keep
              adding up to 100. Removing an objective also removes the links reps&apos; goals have to it.
            </p>
          ) : null}
        </Card>

        <Card title="Objectives" actions={<WeightTotal sum={sum} count={draft.objectives.length} />}>
          {errors.objectives ? (
            <div className="mb-4">
              <Alert>{errors.objectives}</Alert>
            </div>
          ) : null}
          {draft.objectives.length === 0 ? (
            <EmptyState title="No objectives yet">
              Add the objectives of this period, then give each a weight; the weights add up to 100.
            </EmptyState>
          ) : (
            <ol className="space-y-4">
              {draft.objectives.map((o, index) => (
                <ObjectiveEditor
                  key={o.key}
                  index={index}
                  count={draft.objectives.length}
                  objective={o}
                  errors={errors}
                  members={members.data?.items ?? []}
                  onChange={(change) => setObjective(o.key, change)}
                  onRemove={() => removeObjective(o.key)}
                  onMove={(by) => moveObjective(index, by)}
                />
              ))}
            </ol>
          )}
          <div className="mt-4">
            <Button variant="secondary" onClick={addObjective}>
              + Add objective
            </Button>
          </div>
        </Card>

        <div className="sticky bottom-0 -mx-4 space-y-3 border-t border-slate-200 bg-slate-50/95 px-4 py-3 md:-mx-8 md:px-8">
          {conflict ? (
            <Alert tone="amber">
              <p>{errorMessage(update.error)}</p>
              <p className="mt-2">
                <Button
                  variant="secondary"
                  onClick={() =>
                    queryClient.invalidateQueries({ queryKey: trpc.strategy.get.queryKey({ strategyId: strategy.id }) })
                  }
                >
                  Load the latest version (discards your changes)
                </Button>
              </p>
            </Alert>
          ) : update.error ? (
            <Alert>
              {inline.length > 0 ? "Please fix the fields marked in red, then save again." : errorMessage(update.error)}
            </Alert>
          ) : null}
          <div className="flex flex-wrap items-center justify-end gap-3">
            {dirty ? (
              <span className="text-sm text-slate-600">Unsaved changes</span>
            ) : (
              <span className="text-sm text-slate-600">All changes saved</span>
            )}
            <Button variant="secondary" disabled={!dirty || update.isPending} onClick={() => setDraft(initial)}>
              Discard changes
            </Button>
            <Button type="submit" disabled={!dirty || update.isPending}>
              {update.isPending ? "Saving…" : "Save strategy"}
            </Button>
          </div>
        </div>
      </form>
    </>
  );
}

function WeightTotal({ sum, count }: { sum: number; count: number }) {
  const ok = sum === 100 && count > 0;
  return (
    <span
      role="status"
      data-testid="weight-total"
      className={cx(
        "rounded-full px-3 py-1 text-sm font-semibold tabular-nums ring-1 ring-inset",
        ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-700 ring-red-200",
      )}
    >
      Total {sum} / 100{ok ? " ✓" : sum > 100 ? ` — ${sum - 100} too many` : ` — ${100 - sum} to go`}
    </span>
  );
}

function ObjectiveEditor({
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
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
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
          <Button variant="ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove objective
          </Button>
        </div>
        {objective.id ? null : <p className="text-right text-xs text-slate-500">New — saved with the strategy.</p>}
      </fieldset>
    </li>
  );
}

/** Activate, archive, duplicate and delete — each asks first. */
function AdminActions({
  slug,
  strategy,
  dirty,
  sum,
}: {
  slug: string;
  strategy: StrategyDetail;
  dirty: boolean;
  sum: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [duplicating, setDuplicating] = useState(false);
  const refresh = async (saved?: StrategyDetail) => {
    if (saved) queryClient.setQueryData(trpc.strategy.get.queryKey({ strategyId: saved.id }), saved);
    await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
  };
  const activate = useMutation(trpc.strategy.activate.mutationOptions({ onSuccess: (saved) => refresh(saved) }));
  const archive = useMutation(trpc.strategy.archive.mutationOptions({ onSuccess: (saved) => refresh(saved) }));
  const remove = useMutation(
    trpc.strategy.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        router.push(`/o/${slug}/strategy`);
      },
    }),
  );
  const failed = [activate, archive, remove].find((m) => m.error);
  const conflict = failed && errorCode(failed.error) === "CONFLICT";
  const canActivate = strategy.status === "draft" && !dirty && sum === 100 && strategy.objectives.length > 0;
  const activateHint =
    strategy.status !== "draft"
      ? null
      : dirty
        ? "Save your changes first."
        : strategy.objectives.length === 0
          ? "Add objectives first."
          : sum !== 100
            ? "The weights must add up to 100."
            : null;

  return (
    <Card title="Actions">
      <div className="flex flex-wrap items-center gap-2">
        {strategy.status === "draft" ? (
          <ConfirmButton
            label="Activate"
            title={`Activate ${strategy.name}?`}
            confirmLabel="Activate"
            disabled={!canActivate || activate.isPending}
            onConfirm={() => activate.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            From {formatPeriod(strategy.startsOn, strategy.endsOn)} this becomes the company&apos;s strategy: reps write
            their goals against its objectives and alignment is scored against its weights. Only one strategy can be
            active for a period.
          </ConfirmButton>
        ) : null}
        {strategy.status !== "archived" ? (
          <ConfirmButton
            label="Archive"
            title={`Archive ${strategy.name}?`}
            confirmLabel="Archive"
            disabled={archive.isPending}
            onConfirm={() => archive.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            An archived strategy becomes read-only: its goals and scores stay readable, but nobody can change them any
            more.
          </ConfirmButton>
        ) : null}
        <Button variant="secondary" onClick={() => setDuplicating((v) => !v)} aria-expanded={duplicating}>
          Duplicate…
        </Button>
        {strategy.status === "draft" ? (
          <ConfirmButton
            variant="ghost"
            label="Delete draft"
            title={`Delete the draft ${strategy.name}?`}
            confirmLabel="Delete"
            disabled={remove.isPending}
            onConfirm={() => remove.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            The draft and its objectives are deleted. This cannot be undone.
          </ConfirmButton>
        ) : null}
        {activateHint ? <span className="text-sm text-slate-600">{activateHint}</span> : null}
      </div>
      {failed ? (
        <div className="mt-4">
          <Alert tone={conflict ? "amber" : "red"}>
            {errorMessage(failed.error)}
            {conflict ? (
              <>
                {" "}
                <button
                  type="button"
                  className="font-medium underline"
                  onClick={() =>
                    queryClient.invalidateQueries({ queryKey: trpc.strategy.get.queryKey({ strategyId: strategy.id }) })
                  }
                >
                  Load the latest version
                </button>
              </>
            ) : null}
          </Alert>
        </div>
      ) : null}
      {duplicating ? <DuplicateForm slug={slug} strategy={strategy} onDone={() => setDuplicating(false)} /> : null}
    </Card>
  );
}

function nextPeriod(strategy: StrategyDetail): { startsOn: string; endsOn: string } {
  const start = new Date(`${strategy.endsOn}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 1);
  const length = Date.parse(`${strategy.endsOn}T00:00:00Z`) - Date.parse(`${strategy.startsOn}T00:00:00Z`);
  const end = new Date(start.getTime() + length);
  return { startsOn: start.toISOString().slice(0, 10), endsOn: end.toISOString().slice(0, 10) };
}

function DuplicateForm({ slug, strategy, onDone }: { slug: string; strategy: StrategyDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [defaults] = useState(() => nextPeriod(strategy));
  const duplicate = useMutation(
    trpc.strategy.duplicate.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
        onDone();
        router.push(`/o/${slug}/strategy/${created.id}`);
      },
    }),
  );
  const errors = pathErrors(duplicate.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    duplicate.mutate({
      strategyId: strategy.id,
      name: String(form.get("name") ?? ""),
      startsOn: String(form.get("startsOn") ?? ""),
      endsOn: String(form.get("endsOn") ?? ""),
    });
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="mt-4 grid gap-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200 md:grid-cols-[2fr_1fr_1fr_auto] md:items-start"
      aria-label="Duplicate strategy"
    >
      <p className="text-sm text-slate-600 md:col-span-4">
        A new draft with copies of these objectives, weights, owners and focus rules, for another period.
      </p>
      <Field label="Name of the copy" error={errors.name}>
        <Input name="name" defaultValue={`${strategy.name} (copy)`} aria-invalid={Boolean(errors.name)} />
      </Field>
      <Field label="Starts on" error={errors.startsOn}>
        <Input name="startsOn" type="date" defaultValue={defaults.startsOn} aria-invalid={Boolean(errors.startsOn)} />
      </Field>
      <Field label="Ends on" error={errors.endsOn}>
        <Input name="endsOn" type="date" defaultValue={defaults.endsOn} aria-invalid={Boolean(errors.endsOn)} />
      </Field>
      <Button type="submit" className="md:mt-6" disabled={duplicate.isPending}>
        {duplicate.isPending ? "Copying…" : "Create copy"}
      </Button>
      <FormError error={duplicate.error} className="md:col-span-4" />
    </form>
  );
}
