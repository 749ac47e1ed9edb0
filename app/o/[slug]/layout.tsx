import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { OrgScope } from "@/components/trpc/org-scope";
import { loadOrg } from "@/server/trpc/org-context";

/**
 * The organization's shell. No tRPC provider here: the sections that call tRPC from the browser have it in their
 * layout (components/trpc/trpc-layout.tsx), so the home loads no TanStack Query (docs/home.md, JavaScript budget).
 */
export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  // The bell's first count comes with the user (me.get in loadOrg); the bell refreshes it in the browser.
  const { me, org } = await loadOrg(slug);
  return (
    <OrgScope orgId={org.id}>
      <AppShell user={me.user} organizations={me.organizations} org={org} unread={me.unread ?? 0}>
        {children}
      </AppShell>
    </OrgScope>
  );
}
