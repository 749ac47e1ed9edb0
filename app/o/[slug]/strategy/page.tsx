import { StrategyList } from "@/components/strategy/strategy-list";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Strategy" };

export default async function StrategyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  const canManage = org.permissions.includes("strategy.manage");
  return (
    <>
      <PageHeader
        title="Strategy"
        description={
          canManage
            ? "The company's strategy per period: objectives with weights that add up to 100, and focus rules that match deals to them. One strategy is active per period."
            : "The company's strategy per period: what the company wants, and how much each objective weighs."
        }
      />
      <StrategyList slug={slug} canManage={canManage} />
    </>
  );
}
