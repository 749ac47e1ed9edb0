"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorCode, errorMessage, pathErrors } from "@/components/trpc/errors";
import type { StrategyDetail } from "@/components/alignment/types";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, cx, EmptyState, Field, Input } from "@/components/ui";
import {
  type ObjectiveDraft,
  type Draft,
  newKey,
  INLINE_PATH,
  toDraft,
  parseWeight,
  weightSum,
} from "./strategy-draft";
import { ObjectiveEditor } from "./objective-editor";
import { AdminActions } from "./strategy-admin-actions";

export function StrategyForm({ slug, strategy }: { slug: string; strategy: StrategyDetail }) {
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
