import { notFound } from "next/navigation";
import { PlanView } from "@/components/plans/plan-view";
import { isUuid } from "@/server/domain/ids";
import { orRedirect } from "@/server/trpc/server";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Account plan" };

export default async function PlanPage({ params }: { params: Promise<{ slug: string; planId: string }> }) {
  const { slug, planId } = await params;
  if (!isUuid(planId)) notFound();
  const { caller, me } = await loadOrg(slug);
  const [plan, members] = await Promise.all([
    orRedirect(caller.plans.get({ planId })),
    orRedirect(caller.members.list({ status: "active", limit: 100 })),
  ]);
  return <PlanView slug={slug} initial={plan} members={members} meId={me.user.id} />;
}
