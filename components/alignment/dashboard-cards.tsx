/** Dashboard cards (server component): the member's own alignment score, and the way to the team view. */
import Link from "next/link";
import { Card } from "@/components/ui";
import type { Permission, Role } from "@/server/authz/permissions";
import type { serverCaller } from "@/server/trpc/server";
import { ComponentBars, ScoreBadge } from "./score-breakdown";

type Caller = Awaited<ReturnType<typeof serverCaller>>;

export async function AlignmentDashboardCards({
  slug,
  caller,
  permissions,
  role,
}: {
  slug: string;
  caller: Caller;
  permissions: Permission[];
  role: Role;
}) {
  // Admins and viewers rarely sell: their own score shows only once they have goals.
  const mayHaveScore = permissions.includes("goals.write");
  const teamView = permissions.includes("alignment.team.read");
  if (!mayHaveScore && !teamView) return null;
  // The cards are extras: a failure here must not take the dashboard down with it.
  const list = await caller.strategy.list().catch(() => null);
  const current = list?.items.find((s) => s.id === list.currentId) ?? null;
  const mine = mayHaveScore && current ? await caller.goals.mine({ strategyId: current.id }).catch(() => null) : null;
  const ownScore = mayHaveScore && (role === "rep" || role === "manager" || (mine?.goals.length ?? 0) > 0);
  if (!ownScore && !teamView) return null;
  const top = mine?.alignment.suggestions[0];
  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2">
      {ownScore ? (
        <Card title={current ? `Your alignment with ${current.name}` : "Your alignment"}>
          {!current ? (
            <p className="text-sm text-slate-600">
              No strategy is active yet: once one is, write your goals and see how they line up.
            </p>
          ) : !mine ? (
            <p className="text-sm text-slate-600">Your score could not be loaded just now.</p>
          ) : (
            <div className="grid gap-4 sm:grid-cols-[auto_1fr]">
              <div data-testid="dashboard-alignment-score">
                <ScoreBadge score={mine.alignment.score} size="lg" />
                <p className="mt-2 text-xs text-slate-500">
                  {mine.goals.length} goal{mine.goals.length === 1 ? "" : "s"} · {mine.alignment.goals.linked} linked
                </p>
              </div>
              <div className="space-y-3">
                <ComponentBars alignment={mine.alignment} compact />
                {top ? (
                  <p className="text-sm text-slate-700">
                    <span className="font-medium">Next step{top.gain ? ` (+${top.gain} pts)` : ""}:</span> {top.text}
                  </p>
                ) : null}
              </div>
            </div>
          )}
          <Link
            href={`/o/${slug}/goals`}
            className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
          >
            My goals and the full breakdown →
          </Link>
        </Card>
      ) : null}
      {teamView ? (
        <Card title="Team alignment">
          <p className="text-sm text-slate-600">
            A heat-map of your reps against the strategy&apos;s objectives: each rep&apos;s score, the objectives nobody
            pursues, goals linked to nothing, and the team&apos;s pipeline mix against the weights.
          </p>
          <Link
            href={`/o/${slug}/alignment`}
            className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
          >
            Open the team view →
          </Link>
        </Card>
      ) : null}
    </div>
  );
}
