import type { Role } from "./permissions";

/** Who is calling an organization procedure: set once on the context by orgProcedure (server/trpc/init.ts). */
export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
}
