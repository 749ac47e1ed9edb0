"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState, type ReactNode } from "react";
import { formatMoney } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input, Options, Select } from "@/components/ui";
import {
  DEAL_STAGES,
  FIT_LABELS,
  PROBLEM_FITS,
  STAGE_LABELS,
  type DealStage,
  type ProblemFit,
} from "@/server/domain/labels";

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

const FIELD_LABELS: Record<keyof DealFields, string> = {
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
function changedKeys(a: DealFields, b: DealFields): (keyof DealFields)[] {
  return (Object.keys(FIELD_LABELS) as (keyof DealFields)[]).filter((key) =>
    key === "amount" ? normalizeAmount(a.amount) !== normalizeAmount(b.amount) : !sameValue(a[key], b[key]),
  );
}

export interface DealFormOptions {
  owners?: { id: string; name: string }[];
  objectives: { id: string; title: string; weight: number }[];
  goals: { id: string; title: string }[];
}

function DealFieldset({
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
  const toggle = (key: "objectiveIds" | "goalIds", id: string) =>
    set(key, value[key].includes(id) ? value[key].filter((x) => x !== id) : [...value[key], id]);
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
        {options.owners ? (
          <Field label="Owner" error={errors.ownerId}>
            <Select value={value.ownerId} onChange={(event) => set("ownerId", event.target.value)}>
              {options.owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.name}
                </option>
              ))}
            </Select>
          </Field>
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
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">
            Strategy objectives it serves (besides those its focus rules match)
          </legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {options.objectives.map((objective) => (
              <label key={objective.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={value.objectiveIds.includes(objective.id)}
                  onChange={() => toggle("objectiveIds", objective.id)}
                />
                {objective.title} <span className="text-xs text-slate-500">weight {objective.weight}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {options.goals.length > 0 ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">
            The owner&apos;s goals it advances (quota and commission count for every open deal)
          </legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {options.goals.map((goal) => (
              <label key={goal.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={value.goalIds.includes(goal.id)}
                  onChange={() => toggle("goalIds", goal.id)}
                />
                {goal.title}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// Create

function AccountPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const accounts = useQuery(trpc.accounts.list.queryOptions({ search: deferred || undefined, limit: 100 }));
  const selected = useQuery({ ...trpc.accounts.get.queryOptions({ accountId: value }), enabled: Boolean(value) });
  const items = accounts.data?.items ?? [];
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field label="Find an account">
        <Input
          type="search"
          placeholder="Type to search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </Field>
      <Field label="Account" error={error}>
        <Select required value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="" disabled>
            {accounts.isPending ? "Loading…" : items.length === 0 ? "No account matches" : "Choose an account…"}
          </option>
          {value && selected.data && !items.some((a) => a.id === value) ? (
            <option value={value}>{selected.data.name}</option>
          ) : null}
          {items.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

export function NewDealForm({
  slug,
  isAdmin,
  userId,
  initialAccountId,
}: {
  slug: string;
  isAdmin: boolean;
  userId: string;
  initialAccountId?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = useQuery(trpc.deals.options.queryOptions());
  const [accountId, setAccountId] = useState(initialAccountId ?? "");
  const [value, setValue] = useState<DealFields>({
    name: "",
    amount: "0",
    currency: "USD",
    stage: "prospecting",
    closeDate: "",
    product: "",
    customerProblem: "",
    problemFit: "unknown",
    ownerId: userId,
    objectiveIds: [],
    goalIds: [],
  });
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.deals.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
        router.push(`/o/${slug}/deals/${id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <form
      className="space-y-4"
      aria-label="New deal"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({
          accountId,
          name: value.name,
          amount: value.amount,
          currency: value.currency,
          stage: value.stage,
          closeDate: value.closeDate || null,
          product: value.product || null,
          customerProblem: value.customerProblem,
          problemFit: value.problemFit,
          ownerId: isAdmin ? value.ownerId : undefined,
          objectiveIds: value.objectiveIds,
        });
      }}
    >
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <DealFieldset
        value={value}
        onChange={setValue}
        errors={errors}
        options={{
          owners: isAdmin ? options.data?.owners : undefined,
          objectives: options.data?.objectives ?? [],
          goals: [],
        }}
        stageChoices={DEAL_STAGES.filter((stage) => stage !== "disqualified")}
        extra={<AccountPicker value={accountId} onChange={setAccountId} error={errors.accountId} />}
      />
      <Button type="submit" disabled={create.isPending || !accountId}>
        {create.isPending ? "Creating…" : "Create deal"}
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------
// Edit, with CONFLICT handling

export interface EditableDeal extends DealFields {
  id: string;
  version: number;
}

function describe(key: keyof DealFields, value: DealFields, options: DealFormOptions): string {
  const v = value[key];
  if (key === "amount") return formatMoney(value.amount || "0", value.currency || "USD");
  if (key === "stage") return STAGE_LABELS[value.stage];
  if (key === "problemFit") return FIT_LABELS[value.problemFit];
  if (key === "ownerId") return options.owners?.find((o) => o.id === value.ownerId)?.name ?? "someone";
  if (key === "objectiveIds")
    return (
      value.objectiveIds.map((id) => options.objectives.find((o) => o.id === id)?.title ?? "?").join(", ") || "none"
    );
  if (key === "goalIds")
    return value.goalIds.map((id) => options.goals.find((g) => g.id === id)?.title ?? "?").join(", ") || "none";
  return String(v) || "—";
}

export function EditDealForm({
  deal,
  options,
  canReassign,
  onSaved,
  onCancel,
  reload,
}: {
  deal: EditableDeal;
  options: DealFormOptions;
  canReassign: boolean;
  onSaved: () => void;
  onCancel: () => void;
  /** Fetches the current record (after a CONFLICT). */
  reload: () => Promise<EditableDeal>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableDeal>(deal);
  const [value, setValue] = useState<DealFields>(deal);
  const [theirs, setTheirs] = useState<EditableDeal | null>(null);
  const update = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
        onSaved();
      },
      onError: async (error) => {
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") setTheirs(await reload());
      },
    }),
  );
  const mine = changedKeys(base, value);
  const save = (version: number) => {
    const patch: Record<string, unknown> = {};
    for (const key of mine) {
      if (key === "closeDate") patch.closeDate = value.closeDate || null;
      else if (key === "product") patch.product = value.product || null;
      else patch[key] = value[key];
    }
    update.mutate({ dealId: deal.id, version, ...patch });
  };
  const theirChanges = theirs ? changedKeys(base, theirs) : [];
  return (
    <form
      className="space-y-4"
      aria-label="Edit deal"
      onSubmit={(event) => {
        event.preventDefault();
        save(base.version);
      }}
    >
      {theirs ? (
        <div
          role="alert"
          className="space-y-3 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="deal-conflict"
        >
          <p className="font-semibold">
            Someone else saved this deal while you were editing (now version {theirs.version}).
          </p>
          {theirChanges.length > 0 ? (
            <>
              <p>They changed:</p>
              <ul className="list-disc pl-5">
                {theirChanges.map((key) => (
                  <li key={key}>
                    {FIELD_LABELS[key]}: {describe(key, base, options)} →{" "}
                    <strong>{describe(key, theirs, options)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>None of the fields in this form changed (their change was elsewhere, e.g. the stage on the board).</p>
          )}
          {mine.length > 0 ? (
            <p>
              Your unsaved changes:{" "}
              {mine.map((key) => `${FIELD_LABELS[key]} → ${describe(key, value, options)}`).join("; ")}.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                const next = theirs;
                setTheirs(null);
                setBase(next);
                // Keep my edits on top of their version.
                const merged = { ...next } as DealFields;
                for (const key of mine) (merged as unknown as Record<string, unknown>)[key] = value[key];
                setValue(merged);
                update.reset();
              }}
            >
              Keep my changes on their version
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setBase(theirs);
                setValue(theirs);
                setTheirs(null);
                update.reset();
              }}
            >
              Discard mine, use theirs
            </Button>
          </div>
        </div>
      ) : update.error ? (
        <Alert>{errorMessage(update.error)}</Alert>
      ) : null}
      <DealFieldset
        value={value}
        onChange={setValue}
        errors={fieldErrors(update.error)}
        options={{ ...options, owners: canReassign ? options.owners : undefined }}
        stageChoices={DEAL_STAGES.filter((stage) => stage !== "disqualified")}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending || theirs !== null || mine.length === 0}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
