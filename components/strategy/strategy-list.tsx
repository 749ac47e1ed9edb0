"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { errorMessage, pathErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input } from "@/components/ui";
import { formatPeriod, StatusBadge } from "./status";
import { FormError } from "@/components/form-error";
import { DataTable, HeaderCells, type Column } from "@/components/paged-list";

const STRATEGY_COLUMNS: Column[] = [
  { label: "Strategy" },
  { label: "Period" },
  { label: "Status" },
  { label: "Objectives", align: "right" },
  { label: "Weights", align: "right" },
];

/** Strategies by period, with a form to start a new draft (admins). */
export function StrategyList({ slug, canManage }: { slug: string; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.strategy.list.queryOptions());
  const create = useMutation(
    trpc.strategy.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
        router.push(`/o/${slug}/strategy/${created.id}`);
      },
    }),
  );
  const errors = pathErrors(create.error);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? ""),
      startsOn: String(form.get("startsOn") ?? ""),
      endsOn: String(form.get("endsOn") ?? ""),
    });
  }

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card title="New strategy">
          <p className="mb-4 text-sm text-slate-600">
            Start a draft for a period, then add objectives whose weights add up to 100 and activate it. To start from
            an earlier strategy, open it and duplicate it.
          </p>
          <form onSubmit={onCreate} className="grid gap-4 md:grid-cols-[2fr_1fr_1fr_auto] md:items-start" noValidate>
            <Field label="Name" error={errors.name}>
              <Input name="name" required placeholder="FY2027 H1" aria-invalid={Boolean(errors.name)} />
            </Field>
            <Field label="Starts on" error={errors.startsOn}>
              <Input name="startsOn" type="date" required aria-invalid={Boolean(errors.startsOn)} />
            </Field>
            <Field label="Ends on" error={errors.endsOn}>
              <Input name="endsOn" type="date" required aria-invalid={Boolean(errors.endsOn)} />
            </Field>
            <Button type="submit" className="md:mt-6" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create draft"}
            </Button>
          </form>
          <FormError error={create.error} className="mt-4" />
        </Card>
      ) : null}
      <Card title="Strategies by period">
        {list.isPending ? (
          <p className="text-sm text-slate-500" role="status">
            Loading strategies…
          </p>
        ) : list.isError ? (
          <Alert>{errorMessage(list.error)}</Alert>
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No strategy yet">
            {canManage
              ? "Create the first one above."
              : "When an admin activates a strategy, its objectives show here."}
          </EmptyState>
        ) : (
          <DataTable head={<HeaderCells columns={STRATEGY_COLUMNS} />}>
            {list.data.items.map((s) => (
              <tr key={s.id} data-testid={`strategy-row-${s.name}`}>
                <td className="py-3 pr-4">
                  <Link href={`/o/${slug}/strategy/${s.id}`} className="font-medium text-brand-700 hover:underline">
                    {s.name}
                  </Link>
                  {s.id === list.data.currentId ? (
                    <span className="ml-2">
                      <Badge tone="brand">current</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="py-3 pr-4 tabular-nums text-slate-700">{formatPeriod(s.startsOn, s.endsOn)}</td>
                <td className="py-3 pr-4">
                  <StatusBadge status={s.status} />
                </td>
                <td className="py-3 pr-4 text-right tabular-nums">{s.objectiveCount}</td>
                <td className="py-3 text-right tabular-nums">
                  {s.weightTotal === 100 ? (
                    <span className="text-slate-700">100</span>
                  ) : (
                    <span className="text-amber-800" title="The weights must add up to 100 before activation">
                      {s.weightTotal} / 100
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
