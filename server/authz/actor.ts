import type { ApiScope } from "./api-role";
import type { Role } from "./permissions";
import type { TeamScope } from "./team-tree";

/** Who is calling an organization procedure: set once on the context by orgProcedure (server/trpc/init.ts). */
export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
  /** Set when the caller is an API key: its scope, not the creator's role, bounds what it may do. */
  apiScope?: ApiScope;
  /** The teams whose records the caller may read, as the call's first statement (the gate) read them; scopeOf. */
  teamScope?: TeamScope;
}
