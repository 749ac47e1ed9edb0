/**
 * tRPC setup: one context, a procedure ladder (public → authed → org with a permission) and an error
 * formatter that returns zod field errors. Modeled on create-t3-app.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { can, type Permission, type Role } from "@/server/authz/permissions";
import { withTenant } from "@/server/db/tenant";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

export interface CreateContextOptions {
  db: Database;
  session: SessionClaims | null;
  headers: Headers;
}

/** The header that names the organization a request acts in (set by the client from the URL). */
export const ORG_HEADER = "x-tandem-org";

export function createContext({ db, session, headers }: CreateContextOptions) {
  const orgHeader = headers.get(ORG_HEADER);
  return {
    db,
    session,
    headers,
    orgId: orgHeader && z.uuid().safeParse(orgHeader).success ? orgHeader : null,
  };
}
export type Context = ReturnType<typeof createContext>;

/**
 * Every procedure says who may call it, so that tests can enumerate the router and derive the expected
 * answer for each caller from the permissions table (an unclassified procedure fails those tests).
 */
export type ProcedureAccess = { access: "public" } | { access: "authed" } | { access: "org"; permission: Permission };

const t = initTRPC.context<Context>().meta<ProcedureAccess>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.code === "BAD_REQUEST" && error.cause instanceof z.ZodError ? z.flattenError(error.cause) : null;
    return {
      ...shape,
      message: zodError ? describeZodError(error.cause as z.ZodError) : shape.message,
      data: { ...shape.data, zodError, stack: undefined },
    };
  },
});

/** "email: Invalid email address; password: Too small" — names each field and the reason. */
function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const publicProcedure = t.procedure.meta({ access: "public" });

/** Carries a failed handler result out of a transaction so that the transaction rolls back. */
class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super("rollback");
  }
}

/**
 * Signed in, with a session that is still current. The rest of the call runs in one transaction as the
 * application role, scoped to the user and to the organization named by the request (if any).
 */
export const authedProcedure = t.procedure.meta({ access: "authed" }).use(async ({ ctx, next }) => {
  const session = ctx.session;
  if (!session?.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  try {
    return await withTenant(ctx.db, { userId: session.userId, orgId: ctx.orgId ?? undefined }, async (tx) => {
      const [user] = await tx
        .select({ id: users.id, email: users.email, name: users.name, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, session.userId));
      if (!user || user.sessionVersion !== session.sessionVersion) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Please sign in again." });
      }
      const result = await next({ ctx: { db: tx, user } });
      if (!result.ok) throw new RollbackWith(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as never;
    throw error;
  }
});

export interface OrgMembership {
  orgId: string;
  role: Role;
}

/**
 * A member of the request's organization (active membership, read on every call) holding `permission`.
 * Another organization's id answers NOT_FOUND: its existence is not revealed.
 */
export function orgProcedure(permission: Permission) {
  return authedProcedure.meta({ access: "org", permission }).use(async ({ ctx, next }) => {
    const orgId = ctx.orgId;
    if (!orgId) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found." });
    const [membership] = await ctx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, ctx.user.id), eq(memberships.status, "active")));
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found." });
    if (!can(membership.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next({ ctx: { orgId, membership: { orgId, role: membership.role } satisfies OrgMembership } });
  });
}
