import Link from "next/link";
import { notFound } from "next/navigation";
import { StrategyEditor } from "@/components/strategy/strategy-editor";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";
import { isUuid } from "@/server/domain/ids";

export const metadata = { title: "Strategy" };

export default async function StrategyDetailPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  if (!isUuid(id)) notFound();
  const { org, caller } = await loadOrg(slug);
  const strategy = await orRedirect(caller.strategy.get({ strategyId: id }));
  const canManage = org.permissions.includes("strategy.manage");
  // The heading is rendered by the editor, so that it follows a rename without a reload.
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/strategy`} className="text-brand-700 hover:underline">
          ← All strategies
        </Link>
      </p>
      <StrategyEditor slug={slug} strategyId={id} canManage={canManage} initial={strategy} />
    </>
  );
}
