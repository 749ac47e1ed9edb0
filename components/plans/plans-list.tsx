"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState } from "@/components/ui";
import { PLAN_STATUS_LABELS } from "./labels";

export function PlansList({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const plans = useInfiniteQuery(
    trpc.plans.list.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = plans.data?.pages.flatMap((page) => page.items) ?? [];
  if (plans.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading plans…
      </p>
    );
  if (plans.isError) return <Alert>{errorMessage(plans.error)}</Alert>;
  if (rows.length === 0)
    return (
      <EmptyState title="No account plans yet">
        Open an account and choose “Start an account plan”.{" "}
        <Link className="text-brand-700 underline" href={`/o/${slug}/accounts`}>
          Go to accounts
        </Link>
      </EmptyState>
    );
  return (
    <Card>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Account plans</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Plan</th>
            <th>Account</th>
            <th>Status</th>
            <th>Open steps</th>
            <th>Overdue</th>
            <th>Problems without a solution</th>
            <th>Last change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((plan) => (
            <tr key={plan.id}>
              <td className="py-2 pr-3">
                <Link className="font-medium text-brand-700 hover:underline" href={`/o/${slug}/plans/${plan.id}`}>
                  {plan.title}
                </Link>
              </td>
              <td className="pr-3">{plan.accountName}</td>
              <td className="pr-3">
                <Badge tone={plan.status === "active" ? "green" : "slate"}>{PLAN_STATUS_LABELS[plan.status]}</Badge>
              </td>
              <td className="pr-3">{plan.openSteps}</td>
              <td className="pr-3">
                {plan.overdueSteps > 0 ? <Badge tone="red">{plan.overdueSteps} overdue</Badge> : "0"}
              </td>
              <td className="pr-3">
                {plan.unsolvedProblems > 0 ? <Badge tone="amber">{plan.unsolvedProblems} unsolved</Badge> : "0"}
              </td>
              <td className="text-slate-500">{formatDateTime(plan.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plans.hasNextPage ? (
        <Button
          className="mt-4"
          variant="secondary"
          disabled={plans.isFetchingNextPage}
          onClick={() => plans.fetchNextPage()}
        >
          {plans.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      ) : null}
    </Card>
  );
}
