"use client";
import type { Alignment } from "@/components/alignment/types";
import { formatSum } from "@/components/format";
import { MoneySum } from "@/components/money-sum";
import { Card, cx, EmptyState } from "@/components/ui";
import { STRENGTH_LABELS } from "@/server/domain/labels";

/** Per objective: the rep's strongest link, and their pipeline share next to the objective's weight. */
export function PipelineVsStrategy({ alignment }: { alignment: Alignment }) {
  /** A bar's pipeline amount, said after its share (none when nothing is open on it). */
  const amount = (sum: string) =>
    sum !== "0.00" ? formatSum(sum, alignment.pipelineCurrencies, { compact: true }) : undefined;
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
                        Your goals: <span className="font-medium">{STRENGTH_LABELS[o.strength]}</span>
                      </>
                    ) : (
                      <span className="text-amber-800">No goal of yours serves it</span>
                    )}
                  </p>
                </div>
                <div className="space-y-1 text-xs">
                  <Bar label="Weight" value={o.weight / 100} tone="slate" />
                  <Bar label="Pipeline" value={o.pipelineShare} tone="brand" extra={amount(o.pipelineAmount)} />
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
                  extra={amount(alignment.unalignedAmount)}
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
