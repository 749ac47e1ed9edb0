/**
 * The review's two charts in plain SVG (no chart library: two small, static shapes; print-friendly), each with a
 * table alternative holding the same figures for screen readers and for people who prefer numbers.
 */
import { FigureHead, FigureRow } from "@/components/figure-row";

const pct = (share: number) => `${Math.round(share * 100)}%`;

export interface MixRow {
  title: string;
  targetShare: number;
  actualShare: number;
}

/** Pipeline mix: per objective, where the company wants the time (target, outlined) and where it goes (filled). */
export function PipelineMixChart({ rows, unalignedShare }: { rows: MixRow[]; unalignedShare: number }) {
  const all = [...rows, { title: "On no objective", targetShare: 0, actualShare: unalignedShare }];
  return (
    <figure>
      <div aria-hidden className="space-y-2">
        {all.map((row) => (
          <div key={row.title} className="grid grid-cols-[10rem_1fr] items-center gap-3 text-xs">
            <span className="truncate text-slate-700">{row.title}</span>
            <svg viewBox="0 0 100 14" preserveAspectRatio="none" className="h-5 w-full">
              <rect x="0" y="1" width="100" height="12" className="fill-slate-100" />
              <rect x="0" y="3" width={row.actualShare * 100} height="8" className="fill-brand-600" />
              <rect
                x="0"
                y="1"
                width={row.targetShare * 100}
                height="12"
                className="fill-none stroke-slate-900"
                strokeWidth="0.6"
                strokeDasharray="2 1"
                vectorEffect="non-scaling-stroke"
              />
            </svg>
          </div>
        ))}
        <p className="text-xs text-slate-600">
          Filled bar: share of the open pipeline. Dashed outline: the objective&apos;s share of the strategy&apos;s
          weights.
        </p>
      </div>
      <details className="mt-3 text-sm print:open">
        <summary className="cursor-pointer text-brand-700">Pipeline mix as a table</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Pipeline mix against the objectives&apos; weights</caption>
          <FigureHead columns={["Objective", "Target share", "Pipeline share"]} />
          <tbody>
            {all.map((row) => (
              <FigureRow
                key={row.title}
                label={row.title}
                cells={[row.title === "On no objective" ? "—" : pct(row.targetShare), pct(row.actualShare)]}
              />
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

interface TrendPoint {
  /** What the table's first column shows, and the point's key. */
  label: string;
  score: number;
  /** A third column (e.g. how many reviews an average is of). */
  detail?: string;
}

/** A 0–100 score over time as a line (hidden from assistive technology) and the same figures as a table. */
function TrendChart({
  points,
  columns,
  caption,
  empty,
  testId,
}: {
  points: TrendPoint[];
  columns: [string, string, string?];
  caption: string;
  empty: string;
  testId: string;
}) {
  if (points.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  const width = 300;
  const x = (i: number) => (points.length === 1 ? width / 2 : 10 + (i * (width - 20)) / (points.length - 1));
  const y = (score: number) => 90 - score * 0.8;
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(p.score)}`).join(" ");
  return (
    <figure>
      <svg aria-hidden viewBox={`0 0 ${width} 100`} className="h-40 w-full max-w-md">
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line x1="0" x2={width} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" />
            <text x="0" y={y(tick) - 2} className="fill-slate-500 text-[8px]">
              {tick}
            </text>
          </g>
        ))}
        <path d={line} className="fill-none stroke-brand-600" strokeWidth="2" />
        {points.map((p, i) => (
          <g key={p.label}>
            <circle cx={x(i)} cy={y(p.score)} r="3.5" className="fill-brand-600" />
            <text x={x(i)} y={y(p.score) - 7} textAnchor="middle" className="fill-slate-900 text-[9px] font-semibold">
              {p.score}
            </text>
          </g>
        ))}
      </svg>
      <table className="mt-2 text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-slate-600">
            {columns.map((column) => (
              <th key={column} scope="col" className="pr-6">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label} className="border-t border-slate-100">
              <td className="pr-6">{p.label}</td>
              <td className="pr-6">{p.score}</td>
              {columns[2] ? <td>{p.detail}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The rep's alignment score at each shared review, oldest first. */
export function ScoreTrendChart({ points }: { points: { sharedAt: string; score: number }[] }) {
  return (
    <TrendChart
      points={points.map((p) => ({ label: p.sharedAt.slice(0, 10), score: p.score }))}
      columns={["Shared", "Score"]}
      caption="Alignment score at each shared review"
      empty="No shared review yet: no trend to show."
      testId="score-trend"
    />
  );
}

/** The team's average alignment score per month of shared reviews (reviews.board's averages), oldest first. */
export function TeamTrendChart({ averages }: { averages: { month: string; average: number; reviews: number }[] }) {
  return (
    <TrendChart
      points={averages.map((a) => ({ label: a.month, score: a.average, detail: String(a.reviews) }))}
      columns={["Month", "Team average", "Reviews"]}
      caption="The team's average alignment score per month of shared reviews"
      empty="No review shared in this team yet: no trend to show."
      testId="team-trend"
    />
  );
}
