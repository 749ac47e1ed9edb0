import { AccountsList } from "@/components/accounts/accounts-list";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Accounts" };

export default async function AccountsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  const scope =
    org.role === "rep"
      ? "Accounts you own and those of your deals."
      : org.role === "admin"
        ? "Every account in the organization."
        : "Accounts of your teams and their sub-teams.";
  return (
    <>
      <PageHeader title="Accounts" description={scope} />
      <AccountsList slug={slug} canWrite={org.permissions.includes("accounts.write")} />
    </>
  );
}
