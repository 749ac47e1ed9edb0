import { TeamsManager } from "@/components/teams/teams-manager";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Teams" };

export default async function TeamsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams form a tree. A manager sees the teams they manage and every team below them."
      />
      <TeamsManager canManage={org.permissions.includes("teams.manage")} />
    </>
  );
}
