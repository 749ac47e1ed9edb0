import { notFound } from "next/navigation";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  if (!org.permissions.includes("audit.read")) notFound();
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, and when: members, roles, invitations, teams, strategies, goal sharing, deals, accounts, contacts, disqualification reasons and imports. Newest first; filter by area, person, record or dates. Nobody can edit it."
      />
      <AuditLog />
    </>
  );
}
