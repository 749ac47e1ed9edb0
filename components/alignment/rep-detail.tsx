import { GoalSummary } from "@/components/goals/goal-summary";
import { VISIBILITY_LABEL } from "@/server/domain/labels";
import { ScoreBadge } from "./score-badge";
import { ComponentBars, Reasons, Suggestions } from "./score-breakdown";
import type { TeamView } from "./types";

export function RepDetail({ rep, view }: { rep: TeamView["reps"][number]; view: TeamView }) {
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
                <GoalSummary
                  key={g.id}
                  goal={g}
                  objectiveTitle={titleOf}
                  visibility={`visible to ${VISIBILITY_LABEL[g.visibility].toLowerCase().replace("me", "the rep")}`}
                />
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
