import Link from "next/link";
import { AdminPanels, SetupChecklist } from "@/components/home/admin-home";
import { RecomputingNotice } from "@/components/alignment/recomputing";
import { RepHome } from "@/components/home/rep-home";
import { TeamHome, TeamPicker } from "@/components/home/team-home";
import { formatMoney } from "@/components/format";
import { Stats } from "@/components/home/parts";
import { Card, PageHeader } from "@/components/ui";
import type { HomeView } from "@/server/trpc/routers/home";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Home" };

const ROLE_TEXT = {
  admin: "You set the company up: members, teams and strategy — and see the whole organization.",
  manager: "Your team's alignment with the strategy, the deals to disqualify and the reviews to hold.",
  rep: "Your goals, your pipeline, and where your deals are (mis)aligned.",
  viewer: "A read-only view of your teams.",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The figures at the top: open pipeline (per currency, never converted), open deals, alignment, warnings. */
function headline(home: HomeView) {
  const pipeline = home.openPipeline.map((row) => formatMoney(row.amount, row.currency, { compact: true }));
  const scores = home.me ? [home.me.score] : home.reps.map((rep) => rep.score);
  return [
    {
      label: "Open pipeline",
      value: pipeline.length ? pipeline.join(" + ") : formatMoney("0"),
      testId: "open-pipeline",
    },
    { label: "Open deals", value: home.openPipeline.reduce((sum, row) => sum + row.deals, 0), testId: "open-deals" },
    {
      label: home.me ? "Your alignment" : "Team alignment (average)",
      value: scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : "—",
      testId: "home-score",
    },
    {
      label: home.me ? "Deals needing attention" : "Deals to disqualify",
      value: home.attention.length,
      testId: "home-attention",
    },
  ];
}

/**
 * The home each role opens (docs/home.md): one call (home.get) renders the first paint with every figure. The
 * team (managers, admins, viewers) lives in the URL (`?team=`), so a view can be shared and reloaded.
 */
export default async function HomePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ team?: string | string[] }>;
}) {
  const { slug } = await params;
  const { team } = await searchParams;
  const { me, org, caller } = await loadOrg(slug);
  const teamId = typeof team === "string" && UUID.test(team) ? team : undefined;
  const home = await orRedirect(caller.home.get({ teamId }));
  const title = `Welcome, ${me.user.name.split(" ")[0]}`;

  if (!home.strategy) {
    // A new organization: a guided setup instead of empty charts.
    return (
      <>
        <PageHeader title={title} description={ROLE_TEXT[org.role]} />
        <Card title="Let's set Tandem up">
          {home.setup ? (
            <SetupChecklist slug={slug} setup={home.setup} />
          ) : (
            <p className="text-sm text-slate-700">
              Your organization has no active strategy yet. Once an admin activates one,{" "}
              {org.role === "rep" ? (
                <>
                  you can{" "}
                  <Link
                    href={`/o/${slug}/goals`}
                    className="text-brand-700 underline underline-offset-2 hover:no-underline"
                  >
                    write your goals
                  </Link>{" "}
                  and see how they line up.
                </>
              ) : (
                "your team's alignment shows here."
              )}
            </p>
          )}
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={title}
        description={ROLE_TEXT[org.role]}
        actions={home.role === "rep" ? null : <TeamPicker slug={slug} home={home} />}
      />
      <div className="space-y-6">
        <RecomputingNotice recomputing={home.recomputing} />
        <Stats items={headline(home)} />
        {home.setup ? <AdminPanels slug={slug} home={home} setup={home.setup} /> : null}
        {home.me ? <RepHome slug={slug} home={{ ...home, me: home.me }} /> : <TeamHome slug={slug} home={home} />}
      </div>
    </>
  );
}
