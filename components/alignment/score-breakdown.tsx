/** A rep's alignment score with its three parts, the reasons, and what would raise it (no state). */
import type { ReactNode } from "react";
import { cx } from "@/components/ui";
import { ScoreBadge } from "./score-badge";
import type { Alignment } from "./types";

export const COMPONENT_TEXT = {
  coverage: { label: "Coverage", help: "How much of the strategy's weight your goals serve, by link strength." },
  focus: { label: "Focus", help: "Share of your goals linked to at least one objective." },
  pipelineFit: { label: "Pipeline fit", help: "How closely your open pipeline follows the objectives' weights." },
} as const;

export function ComponentBars({ alignment, compact }: { alignment: Alignment; compact?: boolean }) {
  return (
    <dl className={cx("grid gap-3", compact ? "text-xs" : "text-sm")}>
      {(Object.keys(COMPONENT_TEXT) as (keyof typeof COMPONENT_TEXT)[]).map((key) => {
        const part = alignment.components[key];
        return (
          <div key={key} data-testid={`component-${key}`} className="grid grid-cols-[1fr_auto] items-baseline gap-x-2">
            <dt className="font-medium text-slate-700">{COMPONENT_TEXT[key].label}</dt>
            <dd className="tabular-nums text-slate-700">
              <span className="font-semibold">{part.points}</span> / {part.max} pts
              <span className="ml-1 text-slate-500">({Math.round(part.value * 100)}%)</span>
            </dd>
            <dd className="col-span-2">
              <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden>
                <div className="h-2 rounded bg-brand-500" style={{ width: `${part.value * 100}%` }} />
              </div>
              {compact ? null : <p className="mt-1 text-xs text-slate-500">{COMPONENT_TEXT[key].help}</p>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Suggestions({ alignment, title = "What would raise it" }: { alignment: Alignment; title?: ReactNode }) {
  if (alignment.suggestions.length === 0) {
    return <p className="text-sm text-slate-600">Nothing to suggest: goals and pipeline follow the strategy.</p>;
  }
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <ul className="mt-2 space-y-2" aria-label="Suggestions">
        {alignment.suggestions.map((s, i) => (
          <li
            key={`${s.kind}-${s.objectiveId ?? s.goalId ?? i}`}
            className="flex items-start gap-2 text-sm text-slate-800"
          >
            <span
              className={cx(
                "mt-0.5 inline-flex min-w-12 shrink-0 justify-center rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums",
                s.gain
                  ? "bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200"
                  : "bg-slate-100 text-slate-600",
              )}
            >
              {s.gain ? `+${s.gain} pts` : "tip"}
            </span>
            <span>{s.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Reasons({ alignment }: { alignment: Alignment }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Why</h3>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {alignment.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

/** Everything together: the score, its parts, why, and what would raise it. */
export function ScoreBreakdown({
  alignment,
  heading = "Your alignment score",
}: {
  alignment: Alignment;
  heading?: string;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <div>
        <p className="text-sm text-slate-500">{heading}</p>
        <div className="mt-2" data-testid="alignment-score" data-score={alignment.score}>
          <ScoreBadge score={alignment.score} size="lg" />
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {alignment.components.coverage.points} + {alignment.components.focus.points} +{" "}
          {alignment.components.pipelineFit.points} = {alignment.score}
        </p>
      </div>
      <div className="space-y-5">
        <ComponentBars alignment={alignment} />
        <Reasons alignment={alignment} />
        <Suggestions alignment={alignment} />
      </div>
    </div>
  );
}
