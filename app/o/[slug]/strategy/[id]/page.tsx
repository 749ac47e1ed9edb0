import Link from "next/link";
import { notFound } from "next/navigation";
import { StrategyEditor } from "@/components/strategy/strategy-editor";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "../../org-context";

export const metadata = { title: "Strategy" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function StrategyDetailPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  if (!UUID.test(id)) notFound();
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
