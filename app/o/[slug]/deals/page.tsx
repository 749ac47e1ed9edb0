import { Suspense } from "react";
import { PipelineToolbar } from "@/components/deals/pipeline-toolbar";
import { PipelineView } from "@/components/deals/pipeline-view";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Pipeline" };

export default async function PipelinePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  const scope =
    org.role === "rep"
      ? "Your own deals."
      : org.role === "admin"
        ? "Every deal in the organization."
        : "Deals of your teams and their sub-teams.";
  return (
    <>
      <PageHeader
        title="Pipeline"
        description={`${scope} Filters and sort live in the address, so you can share a view.`}
        actions={
          <Suspense>
            <PipelineToolbar
              slug={slug}
              orgId={org.id}
              view="list"
              canWrite={org.permissions.includes("deals.write")}
              canImport={org.permissions.includes("imports.run")}
            />
          </Suspense>
        }
      />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <PipelineView slug={slug} showOwner={org.role !== "rep"} />
      </Suspense>
    </>
  );
}
