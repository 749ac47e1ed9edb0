"use client";
import { createContext, useState, type ReactNode } from "react";

/**
 * The organization the client acts in, and the slot where the first tRPC provider below stores its query cache
 * and client (components/trpc/provider.tsx). The org layout renders this; the provider itself lives in the
 * layouts of the sections that call tRPC from the browser, so pages drawn on the server only (the home) load
 * neither TanStack Query nor the tRPC client. The slot keeps one cache for the organization across sections,
 * as a single provider in the org layout did; it goes away with the layout (another organization, signing out).
 */
export interface OrgScopeValue {
  orgId: string;
  clients?: unknown;
}

export const OrgScopeContext = createContext<OrgScopeValue | null>(null);

export function OrgScope({ orgId, children }: { orgId: string; children: ReactNode }) {
  const [scope] = useState<OrgScopeValue>(() => ({ orgId }));
  return <OrgScopeContext value={scope}>{children}</OrgScopeContext>;
}
