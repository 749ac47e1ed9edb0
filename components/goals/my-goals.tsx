"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorCode, errorMessage, pathErrors } from "@/components/trpc/errors";
import { ScoreBreakdown } from "@/components/alignment/score-breakdown";
import type { Alignment, Goal, StrategyDetail } from "@/components/alignment/types";
import { ConfirmButton } from "@/components/confirm-button";
import { formatSum } from "@/components/format";
import { MoneySum } from "@/components/money-sum";
import { formatPeriod, StatusBadge } from "@/components/strategy/status";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, cx, EmptyState, Field, Input, Options, Select } from "@/components/ui";
import { GoalProgress } from "./goal-progress";
import { StrategyPicker, type StrategyOption } from "@/components/strategy/strategy-picker";
import {
  CATEGORIES,
  CATEGORY_LABEL,
  IMPORTANCE_LABEL,
  STRENGTH_LABEL,
  VISIBILITY_HELP,
  VISIBILITY_LABEL,
  type Category,
  type Visibility,
} from "./labels";

/** "My goals": the strategy picker, the rep's score with its breakdown, their goals, and teammates' shared goals. */
export function MyGoals({
  strategies,
  initialStrategyId,
  canWrite,
}: {
  strategies: StrategyOption[];
  initialStrategyId: string | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [strategyId, setStrategyId] = useState(initialStrategyId);
  if (!strategyId) {
    return (
      <EmptyState title="No active strategy yet">
        Goals are written for a strategy period. When an admin activates the company&apos;s strategy, you can write your
        goals against its objectives here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <StrategyPicker
          strategies={strategies}
          value={strategyId}
          onChange={(id) => {
            setStrategyId(id);
            router.replace(`${pathname}?strategy=${id}`, { scroll: false });
          }}
        />
      </div>
      <GoalsForStrategy key={strategyId} strategyId={strategyId} canWrite={canWrite} />
    </div>
  );
}

function GoalsForStrategy({ strategyId, canWrite }: { strategyId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.goals.mine.queryOptions({ strategyId }));
  const [adding, setAdding] = useState(false);
  if (mine.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading your goals…
      </p>
    );
  }
  if (mine.isError) return <Alert>{errorMessage(mine.error)}</Alert>;
  const { strategy, goals, alignment } = mine.data;
  const writable = canWrite && strategy.status === "active";
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StatusBadge status={strategy.status} />
        <span>{formatPeriod(strategy.startsOn, strategy.endsOn)}</span>
        {strategy.status === "archived" ? <span>This period is archived: its goals are read-only.</span> : null}
      </div>
      <Card title="Your alignment with the strategy">
        <ScoreBreakdown alignment={alignment} />
      </Card>
      <PipelineVsStrategy alignment={alignment} />
      <Card
        title={`Your goals (${goals.length})`}
        actions={
          writable && !adding ? (
            <Button onClick={() => setAdding(true)} aria-expanded={adding}>
              + Add a goal
            </Button>
          ) : null
        }
      >
        {adding ? (
          <div className="mb-6">
            <GoalForm strategy={strategy} onDone={() => setAdding(false)} />
          </div>
        ) : null}
        {goals.length === 0 ? (
          adding ? null : (
            <EmptyState title="No goals for this period yet">
              {writable
                ? "What do you want from this period — quota, commission, a promotion, a skill, a marquee account? Write it down and link it to the objectives it serves."
                : "Nothing was written for this period."}
            </EmptyState>
          )
        ) : (
          <ul className="space-y-3" aria-label="Your goals">
            {goals.map((goal) => (
              <GoalItem
                key={goal.id}
                goal={goal}
                strategy={strategy}
                writable={writable}
                orphan={alignment.goals.orphanGoalIds.includes(goal.id)}
              />
            ))}
          </ul>
        )}
      </Card>
      <SharedGoals strategy={strategy} />
    </>
  );
}

/** Per objective: the rep's strongest link, and their pipeline share next to the objective's weight. */
function PipelineVsStrategy({ alignment }: { alignment: Alignment }) {
  return (
    <Card title="Your goals and pipeline against the objectives">
      {alignment.objectives.length === 0 ? (
        <EmptyState title="This strategy has no objectives yet" />
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">
            Open pipeline:{" "}
            <span className="font-medium tabular-nums">
              <MoneySum amount={alignment.pipelineTotal} currencies={alignment.pipelineCurrencies} inline />
            </span>
            . Grey bar: the objective&apos;s weight; blue bar: the share of your open pipeline on it.
          </p>
          <ul className="space-y-4">
            {alignment.objectives.map((o) => (
              <li key={o.objectiveId} className="grid gap-2 md:grid-cols-[1fr_16rem] md:items-center">
                <div>
                  <p className="text-sm font-medium text-slate-900">{o.title}</p>
                  <p className="text-xs text-slate-600">
                    {o.strength > 0 ? (
                      <>
                        Your goals: <span className="font-medium">{STRENGTH_LABEL[o.strength]}</span>
                      </>
                    ) : (
                      <span className="text-amber-800">No goal of yours serves it</span>
                    )}
                  </p>
                </div>
                <div className="space-y-1 text-xs">
                  <Bar label="Weight" value={o.weight / 100} tone="slate" />
                  <Bar
                    label="Pipeline"
                    value={o.pipelineShare}
                    tone="brand"
                    extra={
                      o.pipelineAmount !== "0.00"
                        ? formatSum(o.pipelineAmount, alignment.pipelineCurrencies, { compact: true })
                        : undefined
                    }
                  />
                </div>
              </li>
            ))}
            <li className="grid gap-2 md:grid-cols-[1fr_16rem] md:items-center">
              <div>
                <p className="text-sm font-medium text-slate-900">No objective</p>
                <p className="text-xs text-slate-600">Open deals that match none of the objectives.</p>
              </div>
              <div className="text-xs">
                <Bar
                  label="Pipeline"
                  value={alignment.unalignedShare}
                  tone="amber"
                  extra={
                    alignment.unalignedAmount !== "0.00"
                      ? formatSum(alignment.unalignedAmount, alignment.pipelineCurrencies, { compact: true })
                      : undefined
                  }
                />
              </div>
            </li>
          </ul>
        </>
      )}
    </Card>
  );
}

function Bar({
  label,
  value,
  tone,
  extra,
}: {
  label: string;
  value: number;
  tone: "slate" | "brand" | "amber";
  extra?: string;
}) {
  const color = { slate: "bg-slate-400", brand: "bg-brand-600", amber: "bg-amber-500" }[tone];
  return (
    <div className="grid grid-cols-[4rem_1fr_5.5rem] items-center gap-2">
      <span className="text-slate-500">{label}</span>
      <span className="h-2 rounded bg-slate-100" aria-hidden>
        <span className={cx("block h-2 rounded", color)} style={{ width: `${Math.min(100, value * 100)}%` }} />
      </span>
      <span className="text-right tabular-nums text-slate-700">
        {Math.round(value * 100)}%{extra ? ` · ${extra}` : ""}
      </span>
    </div>
  );
}

function GoalItem({
  goal,
  strategy,
  writable,
  orphan,
}: {
  goal: Goal;
  strategy: StrategyDetail;
  writable: boolean;
  orphan: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(
    trpc.goals.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.goals.pathKey() }),
    }),
  );
  const titleOf = (id: string) => strategy.objectives.find((o) => o.id === id)?.title ?? "An objective";
  if (editing) {
    return (
      <li>
        <GoalForm strategy={strategy} goal={goal} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200" data-testid={`goal-${goal.title}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-900">{goal.title}</p>
          <p className="mt-1 flex flex-wrap gap-1">
            <Badge tone="brand">{CATEGORY_LABEL[goal.category]}</Badge>
            <Badge>{IMPORTANCE_LABEL[goal.importance]}</Badge>
            <Badge tone={goal.visibility === "private" ? "amber" : "slate"}>
              Visible to: {VISIBILITY_LABEL[goal.visibility].toLowerCase()}
            </Badge>
            {orphan ? <Badge tone="red">Not linked to any objective</Badge> : null}
          </p>
        </div>
        {writable ? (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${goal.title}`}>
              Edit
            </Button>
            <ConfirmButton
              variant="ghost"
              label="Delete"
              title={`Delete “${goal.title}”?`}
              confirmLabel="Delete goal"
              onConfirm={() => remove.mutate({ goalId: goal.id })}
            >
              The goal and its links to objectives are deleted, and your alignment score is recomputed without it.
            </ConfirmButton>
          </div>
        ) : null}
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <GoalProgress goal={goal} />
        <div className="text-xs text-slate-600">
          {goal.links.length === 0 ? (
            <span>Serves no objective yet.</span>
          ) : (
            <ul className="flex flex-wrap gap-1" aria-label="Objectives it serves">
              {goal.links.map((link) => (
                <li
                  key={link.objectiveId}
                  className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-700 ring-1 ring-inset ring-brand-100"
                >
                  {titleOf(link.objectiveId)} · {STRENGTH_LABEL[link.strength]}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {remove.error ? (
        <div className="mt-3">
          <Alert>{errorMessage(remove.error)}</Alert>
        </div>
      ) : null}
    </li>
  );
}

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

function GoalForm({ strategy, goal, onDone }: { strategy: StrategyDetail; goal?: Goal; onDone: () => void }) {
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
          <Input
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            placeholder="Close $1.2M of new bookings in H2"
            aria-invalid={Boolean(errors.title)}
          />
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Target" error={errors.target} hint="Optional; a number.">
          <Input
            inputMode="decimal"
            value={draft.target}
            onChange={(e) => setDraft({ ...draft, target: e.target.value })}
            aria-invalid={Boolean(errors.target)}
          />
        </Field>
        <Field label={isQuota ? "Currency" : "Unit"} error={errors.unit} hint={isQuota ? "e.g. USD" : "e.g. deals, %"}>
          <Input
            value={draft.unit}
            onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
            aria-invalid={Boolean(errors.unit)}
          />
        </Field>
        {isQuota ? (
          <div className="text-xs text-slate-600 md:col-span-1">
            <p className="text-sm font-medium text-slate-700">Progress</p>
            <p className="mt-2">Tracked automatically from your closed-won deals in this period.</p>
          </div>
        ) : (
          <Field label="Progress so far" error={errors.currentValue}>
            <Input
              inputMode="decimal"
              value={draft.currentValue}
              onChange={(e) => setDraft({ ...draft, currentValue: e.target.value })}
              aria-invalid={Boolean(errors.currentValue)}
            />
          </Field>
        )}
        <Field label="Importance" error={errors.importance}>
          <Select value={draft.importance} onChange={(e) => setDraft({ ...draft, importance: Number(e.target.value) })}>
            <Options values={[3, 2, 1]} label={(i) => IMPORTANCE_LABEL[i]} />
          </Select>
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Who sees it</legend>
        <div className="mt-2 grid gap-2 md:grid-cols-3">
          {(Object.keys(VISIBILITY_LABEL) as Visibility[]).map((v) => (
            <label
              key={v}
              className={cx(
                "flex cursor-pointer gap-2 rounded-md bg-white p-3 text-sm ring-1",
                draft.visibility === v ? "ring-2 ring-brand-500" : "ring-slate-200",
              )}
            >
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={draft.visibility === v}
                onChange={() => setDraft({ ...draft, visibility: v })}
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

/** Goals teammates shared with the team. */
function SharedGoals({ strategy }: { strategy: StrategyDetail }) {
  const trpc = useTRPC();
  const shared = useQuery(trpc.goals.shared.queryOptions({ strategyId: strategy.id }));
  if (shared.isPending || shared.isError || shared.data.length === 0) return null;
  const titleOf = (id: string) => strategy.objectives.find((o) => o.id === id)?.title ?? "An objective";
  return (
    <Card title="Shared by your teammates">
      <ul className="space-y-4">
        {shared.data.map((mate) => (
          <li key={mate.userId}>
            <p className="text-sm font-medium text-slate-900">
              {mate.name} <span className="font-normal text-slate-500">· {mate.teamNames.join(", ")}</span>
            </p>
            <ul className="mt-2 grid gap-2 md:grid-cols-2">
              {mate.goals.map((g) => (
                <li key={g.id} className="rounded-md p-3 text-sm ring-1 ring-slate-200">
                  <p className="font-medium text-slate-800">{g.title}</p>
                  <p className="mt-1 text-xs text-slate-600">
                    {CATEGORY_LABEL[g.category]} ·{" "}
                    {g.links.map((l) => `${titleOf(l.objectiveId)} (${STRENGTH_LABEL[l.strength]})`).join(", ") ||
                      "no objective"}
                  </p>
                  <div className="mt-2">
                    <GoalProgress goal={g} />
                  </div>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}
