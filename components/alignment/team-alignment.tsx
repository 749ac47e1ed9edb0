"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { MoneySum } from "@/components/money-sum";
import { GoalProgress } from "@/components/goals/goal-progress";
import { CATEGORY_LABEL, STRENGTH_LABELS, VISIBILITY_LABEL } from "@/server/domain/labels";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Card, cx, EmptyState, Select } from "@/components/ui";
import { PipelineMixChart } from "./pipeline-mix-chart";
import { ComponentBars, Reasons, ScoreBadge, Suggestions } from "./score-breakdown";
import type { TeamView } from "./types";
import { StrategyPicker, type StrategyOption } from "@/components/strategy/strategy-picker";
import { TeamOptions } from "@/components/teams/team-options";

interface TeamOption {
  id: string;
  name: string;
  depth: number;
}

/** The manager's (and viewer's) team view: heat-map of reps × objectives, scores, gaps and pipeline mix. */
export function TeamAlignment({
  teams,
  strategies,
  initialTeamId,
  initialStrategyId,
}: {
  teams: TeamOption[];
  strategies: StrategyOption[];
  initialTeamId: string | null;
  initialStrategyId: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [teamId, setTeamId] = useState(initialTeamId);
  const [strategyId, setStrategyId] = useState(initialStrategyId);
  const go = (team: string | null, strategy: string | null) => {
    const params = new URLSearchParams();
    if (team) params.set("team", team);
    if (strategy) params.set("strategy", strategy);
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };
  if (teams.length === 0) {
    return (
      <EmptyState title="No team to show">
        You see the teams you manage or belong to. Ask an admin to add you to a team.
      </EmptyState>
    );
  }
  if (!strategyId || strategies.length === 0) {
    return (
      <EmptyState title="No active strategy yet">
        When an admin activates the company&apos;s strategy, your team&apos;s alignment with it shows here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <label className="block w-64 space-y-1">
          <span className="text-sm font-medium text-slate-700">Team (with its sub-teams)</span>
          <Select
            className="w-full"
            value={teamId ?? ""}
            onChange={(e) => {
              setTeamId(e.target.value);
              go(e.target.value, strategyId);
            }}
          >
            <TeamOptions teams={teams} />
          </Select>
        </label>
        <StrategyPicker
          strategies={strategies}
          value={strategyId}
          onChange={(id) => {
            setStrategyId(id);
            go(teamId, id);
          }}
        />
      </div>
      {teamId ? <TeamViewPanel teamId={teamId} strategyId={strategyId} /> : null}
    </div>
  );
}

function TeamViewPanel({ teamId, strategyId }: { teamId: string; strategyId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.alignment.teamHeatmap.queryOptions({ teamId, strategyId }));
  if (view.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading the team&apos;s alignment…
      </p>
    );
  }
  if (view.isError) return <Alert>{errorMessage(view.error)}</Alert>;
  const data = view.data;
  const mixRows = [
    ...data.objectives.map((o) => ({
      name: o.title,
      weight: o.weight,
      pipeline: Math.round(o.pipelineShare * 1000) / 10,
    })),
    { name: "No objective", weight: 0, pipeline: Math.round(data.mix.unalignedShare * 1000) / 10 },
  ];
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Average score">
          {data.averageScore === null ? "—" : <ScoreBadge score={data.averageScore} label="Average alignment score" />}
        </Stat>
        <Stat label="Reps">{data.reps.length}</Stat>
        <Stat label="Open pipeline">
          <MoneySum amount={data.mix.pipelineTotal} currencies={data.mix.currencies} compact />
        </Stat>
        <Stat label="Objectives nobody pursues">
          <span className={data.uncoveredObjectives.length > 0 ? "text-amber-800" : undefined}>
            {data.uncoveredObjectives.length}
          </span>
        </Stat>
      </div>

      <Card title={`Heat-map: ${data.team.name} × ${data.strategy.name}`}>
        {data.reps.length === 0 ? (
          <EmptyState title="No reps in this team">Reps seated in this team or its sub-teams show here.</EmptyState>
        ) : (
          <>
            <HeatMap view={data} />
            <Legend />
          </>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Objectives no rep pursues">
          {data.uncoveredObjectives.length === 0 ? (
            <p className="text-sm text-slate-600">Every objective is served by at least one rep&apos;s goal.</p>
          ) : (
            <ul className="space-y-2 text-sm" aria-label="Objectives no rep pursues">
              {data.uncoveredObjectives.map((o) => (
                <li key={o.objectiveId} className="flex justify-between gap-3">
                  <span className="text-slate-900">{o.title}</span>
                  <span className="tabular-nums text-slate-600">weight {o.weight}%</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Orphan goals (linked to no objective)">
          {data.orphanGoals.length === 0 && data.hiddenOrphanGoals === 0 ? (
            <p className="text-sm text-slate-600">Every goal serves at least one objective.</p>
          ) : (
            <>
              <ul className="space-y-2 text-sm" aria-label="Orphan goals">
                {data.orphanGoals.map((g) => (
                  <li key={g.goalId}>
                    <span className="text-slate-900">{g.title}</span>{" "}
                    <span className="text-slate-500">
                      · {CATEGORY_LABEL[g.category as keyof typeof CATEGORY_LABEL] ?? g.category} · {g.name}
                    </span>
                  </li>
                ))}
              </ul>
              {data.hiddenOrphanGoals > 0 ? (
                <p className="mt-2 text-xs text-slate-500">
                  {data.orphanGoals.length > 0 ? "Also " : ""}
                  {data.hiddenOrphanGoals} goal{data.hiddenOrphanGoals === 1 ? "" : "s"} you cannot see (private, or
                  shared only with managers) {data.hiddenOrphanGoals === 1 ? "is" : "are"} linked to no objective.
                </p>
              ) : null}
            </>
          )}
        </Card>
      </div>

      <Card title="Team pipeline mix against the strategy's weights">
        {data.mix.hasPipeline ? (
          <>
            <PipelineMixChart rows={mixRows} />
            {data.mix.currencies.length > 1 ? (
              <p className="mt-2 text-xs text-slate-600">
                Deals in {data.mix.currencies.join(", ")} are added up as they are: mixed currencies (not converted).
              </p>
            ) : null}
          </>
        ) : (
          <EmptyState title="No open pipeline">
            When the team&apos;s reps have open deals, their mix shows here.
          </EmptyState>
        )}
      </Card>

      {data.reps.length > 0 ? (
        <Card title="Each rep in detail">
          <ul className="divide-y divide-slate-100">
            {data.reps.map((rep) => (
              <RepDetail key={rep.userId} rep={rep} view={data} />
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-500">{label}</p>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{children}</div>
    </div>
  );
}

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

function HeatMap({ view }: { view: TeamView }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-left text-sm" data-testid="heat-map">
        <caption className="sr-only">
          Reps of {view.team.name} against the objectives of {view.strategy.name}: each cell shows the strongest link
          from the rep&apos;s goals and the share of the rep&apos;s open pipeline on the objective, against its weight.
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

function Legend() {
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

function RepDetail({ rep, view }: { rep: TeamView["reps"][number]; view: TeamView }) {
  const titleOf = (id: string) => view.strategy.objectives.find((o) => o.id === id)?.title ?? "An objective";
  const hidden = rep.hiddenGoals.private + rep.hiddenGoals.managerOnly;
  return (
    <li id={`rep-${rep.userId}`} className="py-4">
      <details>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-3 rounded-md focus-visible:outline-2">
          <span aria-hidden className="text-slate-400">
            ▸
          </span>
          <span className="font-medium text-slate-900">{rep.name}</span>
          <ScoreBadge score={rep.alignment.score} size="sm" />
          <span className="text-xs text-slate-500">
            {rep.alignment.goals.total} goal{rep.alignment.goals.total === 1 ? "" : "s"}
            {rep.hiddenGoals.private > 0 ? ` · ${rep.hiddenGoals.private} private` : ""}
          </span>
        </summary>
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <div className="space-y-4">
            <ComponentBars alignment={rep.alignment} compact />
            <Reasons alignment={rep.alignment} />
            <Suggestions alignment={rep.alignment} title="What would raise it" />
          </div>
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Goals</h3>
            {rep.goals.length === 0 ? <p className="mt-2 text-sm text-slate-600">No goal you can see.</p> : null}
            <ul className="mt-2 space-y-3">
              {rep.goals.map((g) => (
                <li key={g.id} className="rounded-md p-3 text-sm ring-1 ring-slate-200">
                  <p className="font-medium text-slate-900">{g.title}</p>
                  <p className="mt-1 text-xs text-slate-600">
                    {CATEGORY_LABEL[g.category]} · visible to{" "}
                    {VISIBILITY_LABEL[g.visibility].toLowerCase().replace("me", "the rep")} ·{" "}
                    {g.links.map((l) => `${titleOf(l.objectiveId)} (${STRENGTH_LABELS[l.strength]})`).join(", ") ||
                      "no objective"}
                  </p>
                  <div className="mt-2">
                    <GoalProgress goal={g} />
                  </div>
                </li>
              ))}
            </ul>
            {hidden > 0 ? (
              <p className="mt-2 text-xs text-slate-500">
                {rep.hiddenGoals.private > 0
                  ? `${rep.hiddenGoals.private} private goal${rep.hiddenGoals.private === 1 ? "" : "s"}`
                  : null}
                {rep.hiddenGoals.private > 0 && rep.hiddenGoals.managerOnly > 0 ? " and " : null}
                {rep.hiddenGoals.managerOnly > 0
                  ? `${rep.hiddenGoals.managerOnly} goal${rep.hiddenGoals.managerOnly === 1 ? "" : "s"} shared only with managers`
                  : null}
                {" — counted in the score, not shown."}
              </p>
            ) : null}
          </div>
        </div>
      </details>
    </li>
  );
}
