import { Suspense } from "react";
import { PipelineBoard } from "@/components/deals/pipeline-board";
import { PipelineToolbar } from "@/components/deals/pipeline-toolbar";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Pipeline board" };

export default async function PipelineBoardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { me, org } = await loadOrg(slug);
  return (
    <>
      <PageHeader
        title="Pipeline board"
        description={
          org.permissions.includes("deals.write")
            ? "Drag a deal you own to another stage, or use its “Move to…” menu. With the keyboard: focus a card's handle, press space, choose a stage with the arrow keys, press space again."
            : "Deals by stage, read only."
        }
        actions={
          <Suspense>
            <PipelineToolbar
              slug={slug}
              orgId={org.id}
              view="board"
              canWrite={org.permissions.includes("deals.write")}
              canImport={org.permissions.includes("imports.run")}
            />
          </Suspense>
        }
      />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <PipelineBoard slug={slug} userId={me.user.id} role={org.role} />
      </Suspense>
    </>
  );
}
