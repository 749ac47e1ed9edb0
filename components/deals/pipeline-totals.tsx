"use client";
import { useQuery } from "@tanstack/react-query";
import { formatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc/provider";
import { RecomputingNotice } from "@/components/alignment/recomputing";
import { Alert } from "@/components/ui";
import type { DealSearch } from "./deal-search";
import { DEAL_STAGES, OPEN_STAGES, STAGE_LABELS } from "@/server/domain/labels";

/** Totals of the filtered view: the pipeline (open stages) and every stage, per currency; summed in SQL. */
export function PipelineTotals({ search }: { search: DealSearch }) {
  const trpc = useTRPC();
  const totals = useQuery(trpc.deals.totals.queryOptions({ filters: search.filters }));
  if (totals.isError) return <Alert>Totals could not be loaded.</Alert>;
  const data = totals.data;
  const pipeline = data?.pipeline ?? [];
  const openDeals = pipeline.reduce((n, row) => n + row.deals, 0);
  const stageRows = DEAL_STAGES.map((stage) => ({
    stage,
    rows: (data?.byStage ?? []).filter((row) => row.stage === stage),
  }));
  return (
    <>
      <RecomputingNotice recomputing={data?.recomputing} />
      <section aria-label="Pipeline totals" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Pipeline (open stages)</p>
            <p
              className="text-2xl font-semibold tabular-nums"
              data-testid="pipeline-total"
              aria-busy={totals.isPending}
            >
              {totals.isPending
                ? "…"
                : pipeline.length === 0
                  ? formatMoney("0")
                  : pipeline.map((row) => formatMoney(row.amount, row.currency)).join(" + ")}
            </p>
            <p className="text-xs text-slate-500" data-testid="pipeline-count">
              {totals.isPending ? "" : `${openDeals} open ${openDeals === 1 ? "deal" : "deals"}`}
            </p>
          </div>
          <ul className="flex flex-1 flex-wrap gap-2 text-xs" aria-label="Totals per stage">
            {stageRows.map(({ stage, rows }) => {
              const count = rows.reduce((n, row) => n + row.deals, 0);
              const open = (OPEN_STAGES as readonly string[]).includes(stage);
              return (
                <li
                  key={stage}
                  data-testid={`stage-total-${stage}`}
                  className={`rounded-md px-2 py-1 ring-1 ring-inset ${open ? "bg-brand-50 text-brand-700 ring-brand-100" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
                >
                  <span className="font-medium">{STAGE_LABELS[stage]}</span> · {count}
                  {rows.length > 0 ? (
                    <> · {rows.map((row) => formatMoney(row.amount, row.currency, { compact: true })).join(" + ")}</>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
        <p className="mt-2 text-xs text-slate-500">
          Closed and disqualified deals are not in the pipeline total; they stay listed and reportable.
        </p>
      </section>
    </>
  );
}
