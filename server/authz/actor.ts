import type { ApiScope } from "./api-role";
import type { Role } from "./permissions";

/** Who is calling an organization procedure: set once on the context by orgProcedure (server/trpc/init.ts). */
export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
  /** Set when the caller is an API key: its scope, not the creator's role, bounds what it may do. */
  apiScope?: ApiScope;
}
