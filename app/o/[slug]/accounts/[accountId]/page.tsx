import { notFound } from "next/navigation";
import { AccountView } from "@/components/accounts/account-view";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";
import { isUuid } from "@/server/domain/ids";

export const metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ slug: string; accountId: string }> }) {
  const { slug, accountId } = await params;
  if (!isUuid(accountId)) notFound();
  const { org, caller } = await loadOrg(slug);
  const account = await orRedirect(caller.accounts.get({ accountId }));
  return <AccountView slug={slug} initial={account} canWriteDeals={org.permissions.includes("deals.write")} />;
}
