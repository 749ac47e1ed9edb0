import { notFound } from "next/navigation";
import { NewDealForm } from "@/components/deals/deal-form";
import { Card, PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";
import { isUuid } from "@/server/domain/ids";

export const metadata = { title: "New deal" };

export default async function NewDealPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ account?: string }>;
}) {
  const { slug } = await params;
  const { account } = await searchParams;
  const { me, org } = await loadOrg(slug);
  if (!org.permissions.includes("deals.write")) notFound();
  return (
    <>
      <PageHeader
        title="New deal"
        description="Start with the customer's problem in their words, and whether we can solve it. Add the people on the buying side once the deal exists."
      />
      <Card>
        <NewDealForm
          slug={slug}
          isAdmin={org.role === "admin"}
          userId={me.user.id}
          initialAccountId={account && isUuid(account) ? account : undefined}
        />
      </Card>
    </>
  );
}
