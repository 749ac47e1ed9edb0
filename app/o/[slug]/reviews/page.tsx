import Link from "next/link";
import { TeamTrendChart } from "@/components/reviews/charts";
import { STATUS_LABEL, STATUS_TONE } from "@/components/reviews/labels";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Reviews" };

export default async function ReviewsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ team?: string }>;
}) {
  const [{ slug }, { team }] = await Promise.all([params, searchParams]);
  const { org, caller } = await loadOrg(slug);
  const canManage = org.permissions.includes("reviews.manage");
  const list = await orRedirect(caller.reviews.list({ limit: 50 }));
  const teams = canManage ? await orRedirect(caller.reviews.boardTeams()) : [];
  const teamId = teams.find((t) => t.id === team)?.id ?? teams[0]?.id;
  const board = teamId ? await orRedirect(caller.reviews.board({ teamId })) : null;
  const base = `/o/${slug}/reviews`;
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Alignment reviews: the rep's goals, the company's strategy and the open pipeline side by side, agreed actions, and the trend over time."
        actions={
          canManage ? (
            <Link
              href={`${base}/new`}
              className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Start a review
            </Link>
          ) : null
        }
      />
      {board && teamId ? (
        <Card title="Team review board" className="mb-6">
          <form className="mb-4 flex flex-wrap items-end gap-2" action={base}>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Team</span>
              <select
                name="team"
                defaultValue={teamId}
                className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
              >
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {"  ".repeat(t.depth)}
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
              Show
            </button>
          </form>
          {board.rows.length === 0 ? (
            <EmptyState title="Nobody to review in this team" />
          ) : (
            <table className="w-full text-left text-sm" data-testid="review-board">
              <caption className="sr-only">
                Who was reviewed when; overdue after {board.overdueDays} days without a shared review
              </caption>
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className="py-2">
                    Rep
                  </th>
                  <th scope="col">Last shared</th>
                  <th scope="col">Score</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((row) => (
                  <tr key={row.userId} className="border-t border-slate-100">
                    <th scope="row" className="py-2 font-medium">
                      {row.name}
                    </th>
                    <td>
                      {row.lastSharedAt
                        ? `${row.lastSharedAt.slice(0, 10)} (${row.daysSinceShared} days ago)`
                        : "Never"}
                      {row.lastReviewerName ? ` by ${row.lastReviewerName}` : ""}
                    </td>
                    <td>{row.lastScore ?? "—"}</td>
                    <td>{row.overdue ? <Badge tone="red">Overdue</Badge> : <Badge tone="green">Up to date</Badge>}</td>
                    <td className="text-right">
                      {row.openDraftId ? (
                        <Link className="text-brand-700 hover:underline" href={`${base}/${row.openDraftId}`}>
                          Open draft
                        </Link>
                      ) : (
                        <Link className="text-brand-700 hover:underline" href={`${base}/new?rep=${row.userId}`}>
                          Start
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-3 text-xs text-slate-600">Overdue: no review shared in the last {board.overdueDays} days.</p>
          <h3 className="mt-6 mb-2 text-sm font-semibold text-slate-900">Team average over time</h3>
          <TeamTrendChart averages={board.averages} />
        </Card>
      ) : null}
      <Card title={canManage ? "Reviews" : "My reviews"}>
        {list.items.length === 0 ? (
          <EmptyState title="No reviews yet">
            {canManage ? "Start one for a rep of your team." : "Your manager shares your reviews here."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Reviews">
            {list.items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <Link href={`${base}/${item.id}`} className="font-medium text-brand-700 hover:underline">
                  {item.subjectName} — {item.strategyName}
                </Link>
                <span className="flex items-center gap-3 text-slate-600">
                  {item.score !== null ? <span>Score {item.score}</span> : null}
                  <span>by {item.reviewerName}</span>
                  <Badge tone={STATUS_TONE[item.status]}>{STATUS_LABEL[item.status]}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
