"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { FigureHead, FigureRow } from "@/components/figure-row";
import { MoneySum } from "@/components/money-sum";
import { CATEGORY_LABEL } from "@/server/domain/labels";
import { TEAM_VIEW_PAGE } from "@/server/domain/team-view";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState, Select } from "@/components/ui";
import { RecomputingNotice } from "./recomputing";
import { ScoreBadge } from "./score-badge";
import { HeatMap, Legend } from "./heat-map";
import { RepDetail } from "./rep-detail";

import { StrategyPicker, type StrategyOption } from "@/components/strategy/strategy-picker";
import { TeamOptions, WHOLE_ORGANIZATION } from "@/components/teams/team-options";

// recharts is large: loaded after the page, in a box of the chart's height (no layout shift). The figures are in
// the chart's label and the table next to it meanwhile.
const PipelineMixChart = dynamic(() => import("./pipeline-mix-chart").then((m) => m.PipelineMixChart), {
  ssr: false,
  loading: () => <div className="h-80 w-full" aria-hidden />,
});

interface TeamOption {
  id: string;
  name: string;
  depth: number;
}

/**
 * The manager's (and viewer's) team view: heat-map of reps × objectives, scores, gaps and pipeline mix. Admins
 * (`wholeOrganization`) also have the whole organization to choose, shown when no team is (`initialTeamId` null).
 */
export function TeamAlignment({
  teams,
  strategies,
  wholeOrganization,
  initialTeamId,
  initialStrategyId,
}: {
  teams: TeamOption[];
  strategies: StrategyOption[];
  wholeOrganization: boolean;
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
              setTeamId(e.target.value || null);
              go(e.target.value || null, strategyId);
            }}
          >
            <TeamOptions teams={teams} wholeOrganization={wholeOrganization} />
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
      {teamId || wholeOrganization ? (
        <TeamViewPanel key={`${teamId}:${strategyId}`} teamId={teamId ?? undefined} strategyId={strategyId} />
      ) : null}
    </div>
  );
}

function TeamViewPanel({ teamId, strategyId }: { teamId: string | undefined; strategyId: string }) {
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const view = useQuery(trpc.alignment.teamHeatmap.queryOptions({ teamId, strategyId, offset, limit: TEAM_VIEW_PAGE }));
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
      <RecomputingNotice recomputing={data.recomputing} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Average score">
          {data.averageScore === null ? "—" : <ScoreBadge score={data.averageScore} label="Average alignment score" />}
        </Stat>
        <Stat label="Reps">{data.repCount}</Stat>
        <Stat label="Open pipeline">
          <MoneySum amount={data.mix.pipelineTotal} currencies={data.mix.currencies} compact />
        </Stat>
        <Stat label="Objectives nobody pursues">
          <span className={data.uncoveredObjectives.length > 0 ? "text-amber-800" : undefined}>
            {data.uncoveredObjectives.length}
          </span>
        </Stat>
      </div>

      <Card title={`Heat-map: ${data.team?.name ?? WHOLE_ORGANIZATION} × ${data.strategy.name}`}>
        {data.reps.length === 0 ? (
          <EmptyState title="No reps in this team">Reps seated in this team or its sub-teams show here.</EmptyState>
        ) : (
          <>
            <HeatMap view={data} />
            <Legend />
            <RepPager offset={offset} shown={data.reps.length} total={data.repCount} onChange={setOffset} />
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
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-700">The same figures as a table</summary>
              <table className="mt-2 w-full">
                <FigureHead columns={["Objective", "Pipeline", "Weight"]} />
                <tbody>
                  {mixRows.map((row) => (
                    <FigureRow key={row.name} label={row.name} cells={[`${row.pipeline}%`, `${row.weight}%`]} />
                  ))}
                </tbody>
              </table>
            </details>
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

function RepPager({
  offset,
  shown,
  total,
  onChange,
}: {
  offset: number;
  shown: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  if (total <= TEAM_VIEW_PAGE) return null;
  return (
    <nav className="mt-3 flex flex-wrap items-center gap-3 text-sm" aria-label="Reps pages">
      <span className="text-slate-600">
        Reps {offset + 1}–{offset + shown} of {total}, by name
      </span>
      <Button
        variant="secondary"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - TEAM_VIEW_PAGE))}
      >
        Previous
      </Button>
      <Button
        variant="secondary"
        disabled={offset + TEAM_VIEW_PAGE >= total}
        onClick={() => onChange(offset + TEAM_VIEW_PAGE)}
      >
        Next
      </Button>
    </nav>
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
