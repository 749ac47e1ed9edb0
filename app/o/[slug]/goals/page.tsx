import { MyGoals } from "@/components/goals/my-goals";
import { PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "My goals" };

export default async function GoalsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ strategy?: string }>;
}) {
  const [{ slug }, { strategy: requested }] = await Promise.all([params, searchParams]);
  const { org, caller } = await loadOrg(slug);
  const list = await orRedirect(caller.strategy.list());
  // Goals belong to active and archived strategies (drafts have none).
  const strategies = list.items.filter((s) => s.status !== "draft");
  const initial = strategies.find((s) => s.id === requested)?.id ?? list.currentId ?? strategies[0]?.id ?? null;
  return (
    <>
      <PageHeader
        title="My goals"
        description="What you want from this period, linked to the company's objectives it serves — and how well the two line up."
      />
      <MyGoals strategies={strategies} initialStrategyId={initial} canWrite={org.permissions.includes("goals.write")} />
    </>
  );
}
