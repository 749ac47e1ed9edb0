/**
 * The review's two charts in plain SVG (no chart library: two small, static shapes; print-friendly), each with a
 * table alternative holding the same figures for screen readers and for people who prefer numbers.
 */
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
          <thead>
            <tr className="text-slate-600">
              <th scope="col">Objective</th>
              <th scope="col">Target share</th>
              <th scope="col">Pipeline share</th>
            </tr>
          </thead>
          <tbody>
            {all.map((row) => (
              <tr key={row.title} className="border-t border-slate-100">
                <th scope="row" className="font-normal">
                  {row.title}
                </th>
                <td>{row.title === "On no objective" ? "—" : pct(row.targetShare)}</td>
                <td>{pct(row.actualShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The rep's alignment score at each shared review, oldest first. */
export function ScoreTrendChart({ points }: { points: { sharedAt: string; score: number }[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">No shared review yet: no trend to show.</p>;
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
          <g key={p.sharedAt}>
            <circle cx={x(i)} cy={y(p.score)} r="3.5" className="fill-brand-600" />
            <text x={x(i)} y={y(p.score) - 7} textAnchor="middle" className="fill-slate-900 text-[9px] font-semibold">
              {p.score}
            </text>
          </g>
        ))}
      </svg>
      <table className="mt-2 text-left text-sm" data-testid="score-trend">
        <caption className="sr-only">Alignment score at each shared review</caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="pr-6">
              Shared
            </th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.sharedAt} className="border-t border-slate-100">
              <td className="pr-6">{p.sharedAt.slice(0, 10)}</td>
              <td>{p.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
