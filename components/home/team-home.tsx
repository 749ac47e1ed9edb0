/**
 * The team view of the home (managers; admins and viewers see it too): the team picker, the reps × objectives
 * heat-map in small (each cell opens the rep's open deals on that objective), pipeline by objective against the
 * weights, the ranking with the change since the last review, deals to disqualify and reviews due.
 */
import { FigureHead, FigureRow } from "@/components/figure-row";
import { WHOLE_ORGANIZATION } from "@/components/teams/team-options";
import { Button, Card, EmptyState, Select } from "@/components/ui";
import { HOME_TEAM_ROWS } from "@/server/domain/home";
import type { HomeView } from "@/server/trpc/routers/home";
import { AttentionList, DueText, ObjectiveMixTable, StageTable, TextLink } from "./parts";

/** The heat-map's levels: the cell says its level in words (and a symbol), the colour only repeats it. */
function cellLevel(strength: number, share: number): { text: string; symbol: string; className: string } {
  if (strength >= 2 && share > 0) return { text: "strong", symbol: "●", className: "bg-emerald-100 text-emerald-900" };
  if (strength > 0 || share > 0) return { text: "partial", symbol: "◐", className: "bg-amber-50 text-amber-900" };
  return { text: "none", symbol: "○", className: "bg-slate-50 text-slate-700" };
}

export function TeamPicker({ slug, home }: { slug: string; home: HomeView }) {
  if (home.teams.length === 0) return null;
  return (
    <form action={`/o/${slug}`} className="flex flex-wrap items-end gap-2" aria-label="Choose a team">
      <div className="text-sm">
        <label htmlFor="home-team" className="block text-xs font-medium text-slate-700">
          Team
        </label>
        <Select id="home-team" name="team" defaultValue={home.team?.id ?? ""} className="mt-1 min-w-48">
          {home.role === "admin" ? <option value="">{WHOLE_ORGANIZATION}</option> : null}
          {home.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {"— ".repeat(team.depth)}
              {team.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}

/** How many reps the view leaves out between its most and least aligned (0 when it shows them all). */
const hiddenReps = (home: HomeView) => home.repCount - home.reps.length;

/** The row that stands where a large team's middle is left out, after the most aligned half. */
function GapRow({ home, columns }: { home: HomeView; columns: number }) {
  return (
    <tr>
      <td colSpan={columns} className="py-1 text-center text-xs text-slate-600">
        … {hiddenReps(home)} more reps between these …
      </td>
    </tr>
  );
}

/** Rows of the ranked reps with the gap row after the first half when the middle is left out. */
function rankedRows(home: HomeView, columns: number, row: (rep: HomeView["reps"][number]) => React.ReactNode) {
  const gapAfter = hiddenReps(home) > 0 ? Math.ceil(HOME_TEAM_ROWS / 2) : -1;
  return home.reps.flatMap((rep, index) =>
    index === gapAfter ? [<GapRow key="gap" home={home} columns={columns} />, row(rep)] : [row(rep)],
  );
}

function AllRepsLink({ slug, home }: { slug: string; home: HomeView }) {
  if (hiddenReps(home) <= 0) return null;
  return (
    <p className="mt-2 text-xs text-slate-600">
      The {Math.ceil(HOME_TEAM_ROWS / 2)} most and {Math.floor(HOME_TEAM_ROWS / 2)} least aligned of {home.repCount}{" "}
      reps.{" "}
      <TextLink href={`/o/${slug}/alignment`} className="font-medium">
        Every rep on the alignment page →
      </TextLink>
    </p>
  );
}

function Heatmap({ slug, home }: { slug: string; home: HomeView }) {
  const objectives = home.strategy?.objectives ?? [];
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-xs" data-testid="home-heatmap">
        <caption className="sr-only">
          Reps × objectives: goal-link strength and share of open pipeline; a cell opens the rep&apos;s open deals on
          the objective
        </caption>
        <thead>
          <tr>
            <th scope="col" className="text-left font-medium text-slate-700">
              Rep
            </th>
            {objectives.map((o) => (
              <th key={o.id} scope="col" className="min-w-20 text-left font-medium text-slate-700">
                {o.title} <span className="font-normal text-slate-600">({o.weight}%)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rankedRows(home, objectives.length + 1, (rep) => (
            <tr key={rep.userId}>
              <th scope="row" className="pr-2 text-left font-normal whitespace-nowrap text-slate-800">
                {rep.name}
              </th>
              {objectives.map((o) => {
                const cell = rep.cells.find((c) => c.objectiveId === o.id);
                const level = cellLevel(cell?.strength ?? 0, cell?.pipelineShare ?? 0);
                const share = Math.round((cell?.pipelineShare ?? 0) * 100);
                return (
                  <td key={o.id} className={`rounded ${level.className}`}>
                    {/* A plain link, not next/link: a cell opens the pipeline as a page load (it was never
                        prefetched: that would render up to 80 pipeline pages), and 48 next/link components made
                        the home's server work about 15% larger (docs/performance.md "HTTP layer"). */}
                    <a
                      href={`/o/${slug}/deals?stage=open&owner=${rep.userId}&objective=${o.id}`}
                      className="block px-2 py-1 hover:underline"
                      aria-label={`${rep.name} on ${o.title}: ${level.text}, link ${cell?.strength ?? 0} of 3, ${share}% of pipeline. Open these deals`}
                    >
                      <span aria-hidden>{level.symbol}</span> {share}%
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        ● strong: a goal linked 2–3 and pipeline on it · ◐ partial · ○ none. Percentages: share of the rep&apos;s open
        pipeline.
      </p>
      <AllRepsLink slug={slug} home={home} />
    </div>
  );
}

function changeText(change: number | null) {
  if (change === null) return "not reviewed";
  if (change === 0) return "±0";
  return change > 0 ? `▲ +${change}` : `▼ ${change}`;
}

const REVIEW_STATE = { never: "Never reviewed", overdue: "Overdue", due: "Due soon", ok: "Up to date" } as const;

export function TeamHome({ slug, home }: { slug: string; home: HomeView }) {
  const due = home.reviewsDue.reps;
  const shown = home.team?.name ?? (home.role === "admin" ? WHOLE_ORGANIZATION.toLowerCase() : null);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card title={`Alignment heat-map${shown ? ` — ${shown}` : ""}`} className="lg:col-span-2">
        {home.reps.length === 0 ? <EmptyState title="No reps in this team yet" /> : <Heatmap slug={slug} home={home} />}
      </Card>
      <Card title="Team ranking by alignment">
        {home.reps.length === 0 ? (
          <p className="text-sm text-slate-600">No reps yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="home-ranking">
            <caption className="sr-only">Reps by alignment score, with the change since their last review</caption>
            <FigureHead columns={["Rep", "Score", "Since last review"]} />
            <tbody>
              {rankedRows(home, 3, (rep) => (
                <FigureRow key={rep.userId} label={rep.name} cells={[rep.score, changeText(rep.change)]} />
              ))}
            </tbody>
          </table>
        )}
        <AllRepsLink slug={slug} home={home} />
      </Card>
      <Card title="Pipeline by objective against the weights">
        {home.objectiveMix.some((row) => row.share > 0) ? (
          <ObjectiveMixTable rows={home.objectiveMix} />
        ) : (
          <p className="text-sm text-slate-600">No open pipeline on this strategy yet.</p>
        )}
        <p className="mt-2 text-xs text-slate-600">Bars: share of the team&apos;s open pipeline; line: the weight.</p>
      </Card>
      <Card title="Deals to disqualify">
        {home.attention.length === 0 ? (
          <p className="text-sm text-slate-600">None: every open deal has a problem we can solve.</p>
        ) : (
          <AttentionList slug={slug} deals={home.attention} showOwner />
        )}
      </Card>
      <Card title="Reviews due or overdue">
        {due.length === 0 ? (
          <p className="text-sm text-slate-600">Every rep has a recent review.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="home-reviews-due">
            {due.map((rep) => (
              <li key={rep.userId} className="flex flex-wrap justify-between gap-2">
                <span className="text-slate-800">{rep.name}</span>
                <span>
                  <span className={rep.review.state === "due" ? "text-slate-700" : "font-medium text-red-700"}>
                    {REVIEW_STATE[rep.review.state]}
                  </span>
                  {rep.review.dueOn ? (
                    <>
                      {" "}
                      · <DueText dueOn={rep.review.dueOn} today={home.today} />
                    </>
                  ) : null}
                </span>
              </li>
            ))}
            {home.reviewsDue.count > due.length ? (
              <li className="text-slate-600">and {home.reviewsDue.count - due.length} more</li>
            ) : null}
          </ul>
        )}
        {home.role === "viewer" ? null : (
          <TextLink href={`/o/${slug}/reviews`} className="mt-3 inline-block text-sm font-medium">
            Reviews →
          </TextLink>
        )}
      </Card>
      <Card title="Open pipeline by stage" className="lg:col-span-2">
        {home.byStage.length === 0 ? <EmptyState title="No open deals yet" /> : <StageTable rows={home.byStage} />}
      </Card>
    </div>
  );
}
