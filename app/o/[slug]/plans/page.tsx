import { PlansList } from "@/components/plans/plans-list";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Account plans" };

export default async function PlansPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await loadOrg(slug);
  return (
    <>
      <PageHeader
        title="Account plans"
        description="The plans you collaborate on (and, for managers, those of your teams' accounts). Start a plan from an account's page."
      />
      <PlansList slug={slug} />
    </>
  );
}
