import Link from "next/link";
import { AlignmentDashboardCards } from "@/components/alignment/dashboard-cards";
import { STAGE_LABELS } from "@/server/domain/labels";
import { formatMoney } from "@/components/format";
import { MyReviewActionsCard } from "@/components/reviews/my-actions-card";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "./org-context";

export const metadata = { title: "Dashboard" };

const SCOPE_TEXT = {
  own: "Your own open deals.",
  teams: "Open deals of the teams you manage or belong to, including their sub-teams.",
  organization: "Open deals across the whole organization.",
} as const;

const ROLE_TEXT = {
  admin: "You set the company up: members, teams and strategy.",
  manager: "Your teams’ pipeline and how each rep’s goals line up with the strategy.",
  rep: "Your goals, your pipeline, and where your deals are (mis)aligned.",
  viewer: "A read-only view of your teams.",
} as const;

export default async function DashboardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { me, org, caller } = await loadOrg(slug);
  const summary = await orRedirect(caller.dashboard.summary());
  // One row per open stage, each with its amount per currency; bars are scaled by deal count (currencies are not added).
  const stages = [...new Set(summary.byStage.map((row) => row.stage))].map((stage) => {
    const rows = summary.byStage.filter((row) => row.stage === stage);
    return { stage, rows, deals: rows.reduce((sum, row) => sum + row.deals, 0) };
  });
  const stageMax = Math.max(1, ...stages.map((row) => row.deals));

  return (
    <>
      <PageHeader title={`Welcome, ${me.user.name.split(" ")[0]}`} description={ROLE_TEXT[org.role]} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-500">Open pipeline</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="open-pipeline">
            {summary.openPipeline.length === 0
              ? formatMoney("0")
              : summary.openPipeline.map((row) => formatMoney(row.amount, row.currency)).join(" + ")}
          </p>
          <p className="mt-2 text-xs text-slate-500">{SCOPE_TEXT[summary.scope]}</p>
        </Card>
        <Card>
          <p className="text-sm text-slate-500">Open deals</p>
          <p className="mt-1 text-3xl font-semibold" data-testid="open-deals">
            {summary.openDeals}
          </p>
        </Card>
        {summary.organization ? (
          <Card>
            <p className="text-sm text-slate-500">Organization</p>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
              <div>
                <dt className="text-xs text-slate-500">Members</dt>
                <dd className="text-xl font-semibold">{summary.organization.activeMembers}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Teams</dt>
                <dd className="text-xl font-semibold">{summary.organization.teams}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Invites</dt>
                <dd className="text-xl font-semibold">{summary.organization.pendingInvitations}</dd>
              </div>
            </dl>
            <Link
              href={`/o/${slug}/members`}
              className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
            >
              Manage members →
            </Link>
          </Card>
        ) : null}
      </div>
      <MyReviewActionsCard slug={slug} caller={caller} />
      <AlignmentDashboardCards slug={slug} caller={caller} permissions={org.permissions} role={org.role} />
      <Card title="Open pipeline by stage" className="mt-6">
        {stages.length === 0 ? (
          <EmptyState title="No open deals yet">Deals you can see will show here by stage.</EmptyState>
        ) : (
          <ul className="space-y-3" aria-label="Open pipeline by stage">
            {stages.map((row) => (
              <li key={row.stage} className="grid grid-cols-[8rem_1fr_auto] items-center gap-3 text-sm">
                <span className="text-slate-700">{STAGE_LABELS[row.stage]}</span>
                <span className="h-3 rounded bg-slate-100" aria-hidden>
                  <span
                    className="block h-3 rounded bg-brand-500"
                    style={{ width: `${(row.deals / stageMax) * 100}%` }}
                  />
                </span>
                <span className="text-right tabular-nums text-slate-700">
                  {row.rows.map((part) => formatMoney(part.amount, part.currency, { compact: true })).join(" + ")} ·{" "}
                  {row.deals} {row.deals === 1 ? "deal" : "deals"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
