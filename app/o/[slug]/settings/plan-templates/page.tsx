import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanTemplates } from "@/components/plans/plan-templates";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Plan templates" };

export default async function PlanTemplatesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  if (!org.permissions.includes("plans.templates.manage")) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${slug}/settings`} className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Plan templates"
        description="Ready-made mutual action plans. Whoever starts an account plan can start from one: its steps are copied into the plan, due so many days after the plan’s start."
      />
      <PlanTemplates />
    </>
  );
}
