import { STRENGTH_LABELS } from "@/server/domain/labels";
import { Badge, cx } from "@/components/ui";
import { ScoreBadge } from "./score-badge";
import type { TeamView } from "./types";

const CELL_TONE = [
  "bg-slate-50 text-slate-600 ring-slate-200", // no goal
  "bg-indigo-100 text-indigo-950 ring-indigo-200", // supports
  "bg-indigo-300 text-indigo-950 ring-indigo-400", // drives
  "bg-indigo-700 text-white ring-indigo-800", // central
] as const;

/** Pipeline share against the weight: clearly under, clearly over, or close (within 10 points). */
function balance(share: number, weight: number): { mark: string; word: string; tone: string } {
  const gap = share * 100 - weight;
  if (gap <= -10) return { mark: "▼", word: "under", tone: "bg-amber-100 text-amber-900" };
  if (gap >= 10) return { mark: "▲", word: "over", tone: "bg-sky-100 text-sky-900" };
  return { mark: "≈", word: "on weight", tone: "bg-white/80 text-slate-800" };
}

export function HeatMap({ view }: { view: TeamView }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-left text-sm" data-testid="heat-map">
        <caption className="sr-only">
          Reps of {view.team?.name ?? "the whole organization"} against the objectives of {view.strategy.name}: each
          cell shows the strongest link from the rep&apos;s goals and the share of the rep&apos;s open pipeline on the
          objective, against its weight.
        </caption>
        <thead>
          <tr className="align-bottom text-xs text-slate-600">
            <th scope="col" className="min-w-40 px-2 py-1 font-medium">
              Rep
            </th>
            {view.objectives.map((o) => (
              <th key={o.objectiveId} scope="col" className="min-w-32 px-2 py-1 font-medium">
                <span className="block text-slate-900">{o.title}</span>
                <span className="block font-normal">weight {o.weight}%</span>
              </th>
            ))}
            <th scope="col" className="min-w-24 px-2 py-1 font-medium">
              No objective
            </th>
            <th scope="col" className="min-w-40 px-2 py-1 font-medium">
              Score · coverage / focus / pipeline
            </th>
          </tr>
        </thead>
        <tbody>
          {view.reps.map((rep) => (
            <tr key={rep.userId} data-testid={`heat-row-${rep.name}`}>
              <th scope="row" className="px-2 py-1 align-middle font-medium text-slate-900">
                <a href={`#rep-${rep.userId}`} className="hover:underline">
                  {rep.name}
                </a>
                {rep.isSelf ? (
                  <span className="ml-1">
                    <Badge tone="brand">you</Badge>
                  </span>
                ) : null}
                <span className="block text-xs font-normal text-slate-500">{rep.teamNames.join(", ")}</span>
              </th>
              {rep.alignment.objectives.map((cell) => {
                const b = balance(cell.pipelineShare, cell.weight);
                const share = Math.round(cell.pipelineShare * 100);
                const strength = cell.strength > 0 ? STRENGTH_LABELS[cell.strength] : "no goal";
                return (
                  <td
                    key={cell.objectiveId}
                    className={cx(
                      "rounded-md px-2 py-2 align-top ring-1 ring-inset",
                      CELL_TONE[cell.strength as 0 | 1 | 2 | 3] ?? CELL_TONE[0],
                    )}
                    aria-label={`${rep.name}, ${cell.title}: goals ${strength}; ${share}% of open pipeline against a weight of ${cell.weight}% (${b.word})`}
                  >
                    <span className="block text-xs font-semibold uppercase tracking-wide">{strength}</span>
                    <span className="mt-1 flex items-center gap-1">
                      <span className="text-base font-semibold tabular-nums">{share}%</span>
                      <span
                        className={cx("rounded px-1 text-xs font-medium", b.tone)}
                        title={`Pipeline ${b.word}: ${share}% against a weight of ${cell.weight}%`}
                      >
                        {b.mark}
                      </span>
                    </span>
                  </td>
                );
              })}
              <td
                className="rounded-md bg-slate-50 px-2 py-2 align-top tabular-nums text-slate-700 ring-1 ring-inset ring-slate-200"
                aria-label={`${rep.name}: ${Math.round(rep.alignment.unalignedShare * 100)}% of open pipeline on no objective`}
              >
                <span
                  className={cx(
                    "text-base font-semibold",
                    rep.alignment.unalignedShare >= 0.2 ? "text-amber-800" : undefined,
                  )}
                >
                  {Math.round(rep.alignment.unalignedShare * 100)}%
                </span>
              </td>
              <td className="px-2 py-2 align-top">
                <span className="flex items-center gap-2">
                  <ScoreBadge score={rep.alignment.score} size="sm" />
                  <span className="text-xs tabular-nums text-slate-600">
                    {rep.alignment.components.coverage.points} / {rep.alignment.components.focus.points} /{" "}
                    {rep.alignment.components.pipelineFit.points}
                  </span>
                </span>
                {!rep.alignment.hasPipeline ? (
                  <span className="mt-1 block text-xs text-slate-500">no open pipeline</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Legend() {
  return (
    <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-xs text-slate-600" aria-label="Legend">
      <span className="font-medium text-slate-700">Cell colour — strongest link from the rep&apos;s goals:</span>
      {(["no goal", "supports", "drives", "central"] as const).map((label, i) => (
        <span key={label} className="flex items-center gap-1">
          <span
            className={cx("inline-block size-4 rounded ring-1 ring-inset", CELL_TONE[i as 0 | 1 | 2 | 3])}
            aria-hidden
          />
          {label}
        </span>
      ))}
      <span className="font-medium text-slate-700">Percent — share of the rep&apos;s open pipeline:</span>
      <span>
        <span className="rounded bg-amber-100 px-1 text-amber-900">▼</span> 10+ points under the weight
      </span>
      <span>
        <span className="rounded bg-sky-100 px-1 text-sky-900">▲</span> 10+ points over
      </span>
      <span>
        <span className="rounded bg-slate-100 px-1 text-slate-800">≈</span> close to the weight
      </span>
      <span>Score parts: coverage (of 40) / focus (of 20) / pipeline fit (of 40).</span>
    </div>
  );
}
