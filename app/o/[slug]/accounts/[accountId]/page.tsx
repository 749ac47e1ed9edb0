import { notFound } from "next/navigation";
import { AccountView } from "@/components/accounts/account-view";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "../../org-context";

export const metadata = { title: "Account" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AccountPage({ params }: { params: Promise<{ slug: string; accountId: string }> }) {
  const { slug, accountId } = await params;
  if (!UUID.test(accountId)) notFound();
  const { org, caller } = await loadOrg(slug);
  const account = await orRedirect(caller.accounts.get({ accountId }));
  return <AccountView slug={slug} initial={account} canWriteDeals={org.permissions.includes("deals.write")} />;
}
