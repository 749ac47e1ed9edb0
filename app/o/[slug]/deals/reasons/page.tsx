import { ReasonsManager } from "@/components/deals/reasons-manager";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Disqualification reasons" };

export default async function ReasonsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  return (
    <>
      <PageHeader
        title="Disqualification reasons"
        description="Why deals leave the pipeline. Reps pick one when they disqualify a deal; reports group by them. Archived reasons are no longer offered, but deals keep theirs."
      />
      <ReasonsManager canManage={org.permissions.includes("reasons.manage")} />
    </>
  );
}
