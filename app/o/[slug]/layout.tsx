import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { loadOrg } from "./org-context";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { me, org } = await loadOrg(slug);
  return (
    <TRPCReactProvider orgId={org.id}>
      <AppShell user={me.user} organizations={me.organizations} org={org}>
        {children}
      </AppShell>
    </TRPCReactProvider>
  );
}
