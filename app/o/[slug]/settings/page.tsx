import Link from "next/link";
import { ApiKeys } from "@/components/settings/api-keys";
import { Webhooks } from "@/components/settings/webhooks";
import { OrganizationNameForm, SignOutEverywhere } from "@/components/settings/settings-forms";
import { SsoSettings } from "@/components/settings/sso-settings";
import { Card, PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

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
        {org.permissions.includes("plans.templates.manage") ? (
          <Card title="Account plan templates">
            <p className="text-sm text-slate-600">
              Ready-made mutual action plans (e.g. “Enterprise pilot: 12 steps”) that an account plan can start from.{" "}
              <Link href={`/o/${slug}/settings/plan-templates`} className="font-medium text-brand-700 hover:underline">
                Manage plan templates
              </Link>
            </p>
          </Card>
        ) : null}
        {org.permissions.includes("integrations.manage") ? (
          <Card title="API keys">
            <ApiKeys />
          </Card>
        ) : null}
        {org.permissions.includes("integrations.manage") ? (
          <Card title="Webhooks">
            <Webhooks />
          </Card>
        ) : null}
        {org.permissions.includes("sso.manage") ? (
          <Card title="Single sign-on (SSO)">
            <SsoSettings />
          </Card>
        ) : null}
        <Card title="Your sessions">
          <SignOutEverywhere />
        </Card>
      </div>
    </>
  );
}
