"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { use, useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";
import { OrgScopeContext, type OrgScopeValue } from "./org-scope";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** The org header must match server/trpc/init.ts ORG_HEADER (not imported: that module is server-only). */
const ORG_HEADER = "x-tandem-org";

interface Clients {
  queryClient: QueryClient;
  trpcClient: ReturnType<typeof createTRPCClient<AppRouter>>;
}

function makeClients(orgId: string | undefined): Clients {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Live plan streams over server-sent events; EventSource sends no headers, so the organization travels
        // in the connection params (server/trpc/init.ts withConnectionParams).
        true: httpSubscriptionLink({
          url: "/api/trpc",
          transformer: superjson,
          connectionParams: () => (orgId ? { org: orgId } : {}),
        }),
        false: httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          // The server refuses batches over 50 calls (server/trpc/http.ts MAX_BATCH_SIZE).
          maxItems: 20,
          headers: () => (orgId ? { [ORG_HEADER]: orgId } : {}),
        }),
      }),
    ],
  });
  return { queryClient, trpcClient };
}

/** The organization's shared cache and client (made by the first provider, or call, that needs them). */
export function scopeClients(scope: OrgScopeValue): Clients {
  scope.clients ??= makeClients(scope.orgId);
  return scope.clients as Clients;
}

/**
 * TanStack Query + tRPC for client components. Rendered by the layouts of the pages that call tRPC from the
 * browser (docs/home.md, JavaScript budget), not by the root or org layout. Inside an organization (OrgScope)
 * it acts in that organization and shares one cache with the organization's other sections; `orgId` overrides.
 */
export function TRPCReactProvider({ orgId, children }: { orgId?: string; children: ReactNode }) {
  const scope = use(OrgScopeContext);
  const [{ queryClient, trpcClient }] = useState(() => (orgId || !scope ? makeClients(orgId) : scopeClients(scope)));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
