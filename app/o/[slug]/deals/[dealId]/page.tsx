import { notFound } from "next/navigation";
import { DealView } from "@/components/deals/deal-view";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "../../org-context";

export const metadata = { title: "Deal" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DealPage({ params }: { params: Promise<{ slug: string; dealId: string }> }) {
  const { slug, dealId } = await params;
  if (!UUID.test(dealId)) notFound();
  const { org, caller } = await loadOrg(slug);
  const deal = await orRedirect(caller.deals.get({ dealId }));
  return <DealView slug={slug} initial={deal} isAdmin={org.role === "admin"} />;
}
