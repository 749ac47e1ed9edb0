"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input, Select } from "@/components/ui";
import { DEAL_STAGES } from "@/server/domain/labels";
import { DealFieldset, type DealFields } from "./deal-fieldset";

export type { DealFields, DealFormOptions } from "./deal-fieldset";
export { EditDealForm, type EditableDeal } from "./edit-deal-form";

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
          chooseOwner: isAdmin,
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
