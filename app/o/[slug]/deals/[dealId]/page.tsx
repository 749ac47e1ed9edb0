import { notFound } from "next/navigation";
import { DealView } from "@/components/deals/deal-view";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";
import { isUuid } from "@/server/domain/ids";

export const metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ slug: string; dealId: string }> }) {
  const { slug, dealId } = await params;
  if (!isUuid(dealId)) notFound();
  const { org, caller } = await loadOrg(slug);
  const deal = await orRedirect(caller.deals.get({ dealId }));
  return <DealView slug={slug} initial={deal} isAdmin={org.role === "admin"} />;
}
