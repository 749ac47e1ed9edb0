import { InvitationsPanel } from "@/components/members/invitations-panel";
import { MembersTable } from "@/components/members/members-table";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { me, org } = await loadOrg(slug);
  const canManage = org.permissions.includes("members.manage");
  return (
    <>
      <PageHeader
        title="Members"
        description={
          canManage
            ? "Invite people, set their role and team, and end access when someone leaves."
            : "Everyone in your organization."
        }
      />
      <div className="space-y-6">
        {org.permissions.includes("invitations.manage") ? <InvitationsPanel /> : null}
        <MembersTable canManage={canManage} currentUserId={me.user.id} />
      </div>
    </>
  );
}
