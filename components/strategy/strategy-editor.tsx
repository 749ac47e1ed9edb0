"use client";

import { useQuery } from "@tanstack/react-query";
import type { StrategyDetail } from "@/components/alignment/types";
import { useTRPC } from "@/components/trpc/provider";
import { PageHeader } from "@/components/ui";
import { formatPeriod, StatusBadge } from "./status";
import { toDraft, weightSum } from "./strategy-draft";
import { StrategyReadOnly } from "./strategy-read-only";
import { StrategyForm } from "./strategy-form";
import { AdminActions } from "./strategy-admin-actions";
export { weightSum } from "./strategy-draft";

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
