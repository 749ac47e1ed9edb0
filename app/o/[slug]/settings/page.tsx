import { OrganizationNameForm, SignOutEverywhere } from "@/components/settings/settings-forms";
import { Card, PageHeader } from "@/components/ui";
import { loadOrg } from "../org-context";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        {org.permissions.includes("org.update") ? (
          <Card title="Organization">
            <OrganizationNameForm name={org.name} />
          </Card>
        ) : null}
        <Card title="Your sessions">
          <SignOutEverywhere />
        </Card>
      </div>
    </>
  );
}
