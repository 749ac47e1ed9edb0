import { StartReviewForm } from "@/components/reviews/start-review-form";
import { PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "../../org-context";

export const metadata = { title: "Start a review" };

export default async function NewReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ rep?: string }>;
}) {
  const [{ slug }, { rep }] = await Promise.all([params, searchParams]);
  const { caller } = await loadOrg(slug);
  const [teams, strategies] = await Promise.all([
    orRedirect(caller.reviews.boardTeams()),
    orRedirect(caller.strategy.list()),
  ]);
  // Each top team's board covers its sub-teams: together they list everyone the caller may review.
  const boards = await Promise.all(
    teams.filter((t) => t.depth === 0).map((t) => orRedirect(caller.reviews.board({ teamId: t.id }))),
  );
  const people = [...new Map(boards.flatMap((b) => b.rows).map((r) => [r.userId, r.name])).entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const periods = strategies.items.filter((s) => s.status !== "draft");
  return (
    <>
      <PageHeader
        title="Start a review"
        description="Pick a rep and a strategy period. Tandem assembles the review; you write notes and actions, then share it."
      />
      <StartReviewForm
        slug={slug}
        people={people}
        strategies={periods.map((s) => ({ id: s.id, name: `${s.name} (${s.status})` }))}
        initialPersonId={people.find((p) => p.id === rep)?.id ?? people[0]?.id ?? ""}
        initialStrategyId={strategies.currentId ?? periods[0]?.id ?? ""}
      />
    </>
  );
}
