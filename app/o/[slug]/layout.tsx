import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { OrgScope } from "@/components/trpc/org-scope";
import { loadOrg } from "@/server/trpc/org-context";

type Caller = Awaited<ReturnType<typeof loadOrg>>["caller"];

/**
 * The bell's first count, rendered with the page (the bell refreshes it in the browser). A failure shows no
 * unread notification rather than failing the page, as the browser's query did before.
 */
async function unreadCount(caller: Caller): Promise<number> {
  try {
    return (await caller.notifications.unreadCount()).count;
  } catch (error) {
    unstable_rethrow(error);
    return 0;
  }
}

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
  const { me, org, caller } = await loadOrg(slug);
  return (
    <OrgScope orgId={org.id}>
      <AppShell user={me.user} organizations={me.organizations} org={org} unread={await unreadCount(caller)}>
        {children}
      </AppShell>
    </OrgScope>
  );
}
