import type { ReactNode } from "react";
import { TRPCReactProvider } from "./provider";

/**
 * The layout of each section whose client components call tRPC (`export { TRPCLayout as default }`): the
 * provider, and with it TanStack Query and the tRPC client, load only there — not on the home or on pages drawn
 * on the server only (docs/home.md, JavaScript budget). Inside an organization it acts in the org layout's
 * OrgScope and shares its cache.
 */
export function TRPCLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
