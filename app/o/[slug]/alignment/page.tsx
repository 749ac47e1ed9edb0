import { TeamAlignment } from "@/components/alignment/team-alignment";
import { EmptyState, PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Team alignment" };

export default async function AlignmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ team?: string; strategy?: string }>;
}) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { org, caller } = await loadOrg(slug);
  const readOnly = org.role === "viewer";
  if (!org.permissions.includes("alignment.team.read")) {
    return (
      <>
        <PageHeader title="Team alignment" />
        <EmptyState title="This view is for managers and viewers">
          Your own alignment score and its breakdown are on My goals.
        </EmptyState>
      </>
    );
  }
  const [teams, list] = await Promise.all([
    orRedirect(caller.alignment.scopeTeams()),
    orRedirect(caller.strategy.list()),
  ]);
  const strategies = list.items.filter((s) => s.status !== "draft");
  // Admins see every team: without one chosen, the whole organization (others: their first team).
  const wholeOrganization = org.role === "admin";
  return (
    <>
      <PageHeader
        title="Team alignment"
        description={
          readOnly
            ? "A read-only view: how the goals and pipeline of the team's reps line up with the company's strategy."
            : "How each rep's goals and open pipeline line up with the strategy's objectives — and where to coach. Private goals count but are never shown."
        }
      />
      <TeamAlignment
        teams={teams}
        strategies={strategies}
        wholeOrganization={wholeOrganization}
        initialTeamId={
          teams.find((t) => t.id === query.team)?.id ?? (wholeOrganization ? null : (teams[0]?.id ?? null))
        }
        initialStrategyId={
          strategies.find((s) => s.id === query.strategy)?.id ?? list.currentId ?? strategies[0]?.id ?? null
        }
      />
    </>
  );
}
