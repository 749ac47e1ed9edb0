"use client";

import type { StrategyDetail } from "@/components/alignment/types";
import { Badge, Card, EmptyState } from "@/components/ui";
import { DIMENSION_LABEL } from "./strategy-draft";

export function StrategyReadOnly({ strategy }: { strategy: StrategyDetail }) {
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
