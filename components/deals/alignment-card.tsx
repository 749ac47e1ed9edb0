import { Badge, Card, cx } from "@/components/ui";
import { SCORE_BAR_CLASS } from "@/components/alignment/score-badge";
import { RecomputingMark } from "@/components/alignment/recomputing";
import { FLAG_EXPLANATIONS, flagTone, percent, scoreTone, type DealFlag } from "@/server/domain/labels";

export interface AlignmentView {
  score: number;
  components: { customer: number; company: number; rep: number };
  flags: DealFlag[];
  reasons: string[];
  strategy: { id: string; name: string; startsOn: string; endsOn: string } | null;
  recomputing: boolean;
}

const COMPONENTS = [
  {
    key: "customer",
    label: "Customer",
    help: "Can we solve their problem, and what is in it for each buyer (their personal wins, by influence).",
  },
  { key: "company", label: "Company", help: "How heavily weighted the strategy objectives the deal serves are." },
  { key: "rep", label: "Rep", help: "How much of the owner's goals (by importance) the deal advances." },
] as const;

export function AlignmentCard({ alignment }: { alignment: AlignmentView }) {
  const { score, components, flags, reasons, strategy } = alignment;
  return (
    <Card
      title="Three-way alignment"
      actions={strategy ? <span className="text-xs text-slate-500">Measured against {strategy.name}</span> : null}
    >
      <div className="flex flex-wrap items-center gap-6">
        <div className="text-center">
          <p
            className="text-5xl font-semibold tabular-nums"
            data-testid="deal-score"
            aria-label={`Alignment score ${score} of 100`}
          >
            {score}
          </p>
          <p className="text-xs text-slate-500">of 100</p>
          <RecomputingMark recomputing={alignment.recomputing} />
        </div>
        <dl className="min-w-64 flex-1 space-y-3" aria-label="Score breakdown">
          {COMPONENTS.map(({ key, label, help }) => {
            const value = components[key];
            return (
              <div key={key} className="grid grid-cols-[5rem_1fr_3rem] items-center gap-3 text-sm" title={help}>
                <dt className="font-medium text-slate-700">{label}</dt>
                <dd>
                  <div
                    className="h-2.5 rounded bg-slate-100"
                    role="meter"
                    aria-label={`${label} alignment`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(value * 100)}
                  >
                    <span
                      className={cx("block h-2.5 rounded", SCORE_BAR_CLASS[scoreTone(value * 100)])}
                      style={{ width: `${value * 100}%` }}
                    />
                  </div>
                </dd>
                <dd className="text-right tabular-nums text-slate-700" data-testid={`component-${key}`}>
                  {percent(value)}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
      {flags.length > 0 ? (
        <ul className="mt-5 space-y-2" aria-label="Flags" data-testid="deal-flags">
          {flags.map((flag) => (
            <li key={flag} className="flex gap-3 text-sm" data-flag={flag}>
              <span className="shrink-0">
                <Badge tone={flagTone(flag)}>{FLAG_EXPLANATIONS[flag].title}</Badge>
              </span>
              <span className="text-slate-600">{FLAG_EXPLANATIONS[flag].explanation}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-5 text-sm text-emerald-700">No flags: customer, company and rep point the same way.</p>
      )}
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Why this score</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </details>
    </Card>
  );
}
