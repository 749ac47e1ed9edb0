/**
 * tRPC setup: one context, a procedure ladder (public → authed → org with a permission) and an error
 * formatter that returns zod field errors. Modeled on create-t3-app.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { and, eq, sql, type SQL } from "drizzle-orm";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, revokedSessions, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { scopeFromTree } from "@/server/authz/team-tree";
import { memberCan, type ApiPrincipal, type ApiScope } from "@/server/authz/api-role";
import { type Permission, type Role } from "@/server/authz/permissions";
import { noteDatabaseFailure } from "@/server/db";
import { abandonDuringOutage, noteDatabaseAnswered } from "@/server/db/outage";
import { runWhereItBelongs, type ReplicaSet } from "@/server/db/replicas";
import { isDatabaseUnavailable, isInvalidInputData, isStatementTimeout } from "@/server/db/errors";
import { APP_ROLE, withTenantAndFirst, type TenantScope } from "@/server/db/tenant";
import { recordApiWrite } from "@/server/services/api-keys";
import { scopeTeamsJson, type ScopeTeams } from "@/server/services/scope";
import { AppError, type ErrorIssue, StaleVersionError } from "@/server/domain/errors";
import { withUserSlot } from "./user-slots";
import { syncParsing } from "./sync-parse";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  /** Names this one session, so that signing out can revoke it (revoked_sessions). */
  sessionId: string;
}

export interface CreateContextOptions {
  db: Database;
  session: SessionClaims | null;
  headers: Headers;
  /** Set only by the REST handler (server/api/handler.ts) once it has checked the request's API key. */
  apiKey?: ApiPrincipal | null;
  /** Read replicas for query procedures (server/db/replicas.ts); none by default. */
  replicas?: ReplicaSet | null;
}

/** The header that names the organization a request acts in (set by the client from the URL). */
export const ORG_HEADER = "x-tandem-org";

/** Made once: building a zod schema costs about 20 times checking a value with it, on every request. */
const uuidSchema = z.uuid();

export function createContext({ db, session, headers, apiKey = null, replicas = null }: CreateContextOptions) {
  const orgHeader = headers.get(ORG_HEADER);
  return {
    db,
    replicas,
    apiKey,
    // Claims come from our own signed cookie; a malformed session id is treated as no session at all.
    session: session && uuidSchema.safeParse(session.sessionId).success ? session : null,
    headers,
    orgId: orgHeader && uuidSchema.safeParse(orgHeader).success ? orgHeader : null,
  };
}
export type Context = ReturnType<typeof createContext>;

/**
 * A subscription (server-sent events: EventSource cannot send headers) names its organization in its connection
 * params instead of ORG_HEADER (components/trpc/provider.tsx).
 */
export function withConnectionParams(
  ctx: Context,
  params: Record<string, string | undefined> | null | undefined,
): Context {
  const org = params?.org;
  if (ctx.orgId || !org || !uuidSchema.safeParse(org).success) return ctx;
  return { ...ctx, orgId: org };
}

/**
 * Every procedure says who may call it, so that tests can enumerate the router and derive the expected
 * answer for each caller from the permissions table (an unclassified procedure fails those tests).
 */
export type ProcedureAccess =
  { access: "public" } | ({ access: "authed" } & PlanChoice) | ({ access: "org"; permission: Permission } & PlanChoice);

/**
 * How the statements of a signed-in call are planned (docs/performance.md "Plans for key lookups"). By default for
 * their parameters on every execution (a custom plan). "keyed": once per connection (a generic plan), for a procedure
 * whose every statement looks up by key — one record, one person — so that its plan cannot depend on the values;
 * planning such a statement costs more than running it. Also for one that sets the mode itself (planStatementsAs)
 * before its statements that do not look up by key, once it knows their size (home.get). The gate's own statement
 * is always planned once.
 */
interface PlanChoice {
  plans?: "keyed";
}

/** The answers of the gates below; tests tell a gate's refusal from a handler's by them. */
export const SIGN_IN_MESSAGE = "Please sign in.";
export const SESSION_ENDED_MESSAGE = "Your session has ended. Please sign in again.";
export const ORG_NOT_FOUND_MESSAGE = "Organization not found.";
export const ROLE_FORBIDDEN_MESSAGE = "Your role does not allow this.";
export const API_KEY_MESSAGE = "The API key is not valid (unknown, revoked, expired, or its creator is no admin).";
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable. Please try again in a moment.";
export const STATEMENT_TIMEOUT_MESSAGE =
  "This request took too long and was stopped. Narrow it down (a filter, fewer rows) and try again.";
const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side.";

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta<ProcedureAccess>>()
  .create({
    transformer: superjson,
    // Live plan streams: a ping keeps proxies from closing a quiet stream, the client reconnects when pings stop,
    // and every stream ends after 10 minutes so that its access is checked again on the automatic reconnect.
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 40_000 },
      maxDurationMs: 10 * 60_000,
    },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodIssues = error.code === "BAD_REQUEST" && cause instanceof z.ZodError ? cause : null;
      const zodError = zodIssues ? z.flattenError(zodIssues) : null;
      // An unexpected error's message may quote SQL and its parameters (drizzle does): never send it out.
      const message = zodIssues
        ? describeZodError(zodIssues)
        : error.code === "INTERNAL_SERVER_ERROR"
          ? INTERNAL_ERROR_MESSAGE
          : shape.message;
      // A stale save answers with the record as it is now, so the client can show what changed.
      const current = error.code === "CONFLICT" && cause instanceof StaleVersionError ? cause.current : undefined;
      const details = cause instanceof AppError ? cause.details : undefined;
      const data = {
        ...shape.data,
        zodError,
        issues: issuesOf(error.code, cause, message),
        ...(current === undefined ? {} : { current }),
        ...(details === undefined ? {} : { details }),
      };
      delete data.stack; // never send a stack trace
      return { ...shape, message, data };
    },
  });

/** "email: Invalid email address; password: Too small" — names each field and the reason. */
function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}

/** A tRPC error's problems for people, as the client reads them (server actions that call a procedure use it). */
export function errorIssues(error: TRPCError): ErrorIssue[] {
  return issuesOf(error.code, error.cause, error.message);
}

/** The error's problems with their full field paths, so that clients never parse the message. */
function issuesOf(code: TRPCError["code"], cause: unknown, message: string): ErrorIssue[] {
  if (code === "BAD_REQUEST" && cause instanceof z.ZodError) {
    return cause.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  }
  if (cause instanceof AppError) return [{ path: cause.field ?? "", message: cause.message }];
  return [{ path: "", message }];
}

/** The tRPC error for an application error; its message names the field first, like zod errors. */
export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.wireMessage, cause: error });
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/**
 * Database failures that are not the handler's fault become clear answers instead of a 500:
 * the database being unreachable (stopped, restarting, network) → SERVICE_UNAVAILABLE (HTTP 503, retry);
 * a statement that ran past the tenant statement_timeout (server/db/tenant.ts) → TIMEOUT (HTTP 408);
 * a value Postgres refuses (out of range, NUL byte…) → BAD_REQUEST. Outermost, so it sees every error.
 */
const databaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) noteDatabaseAnswered(); // ends an outage seen earlier (server/db/outage.ts)
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR") return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw toTRPCError(cause);
  if (isDatabaseUnavailable(cause)) {
    noteDatabaseFailure(cause);
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause });
  }
  if (isStatementTimeout(cause)) {
    throw new TRPCError({ code: "TIMEOUT", message: STATEMENT_TIMEOUT_MESSAGE, cause });
  }
  if (isInvalidInputData(cause)) {
    throw toTRPCError(new AppError("BAD_REQUEST", "A value is not accepted by the database.", "input"));
  }
  return result;
});

/**
 * Strings Postgres cannot store: U+0000 (refused in text and jsonb) and unpaired UTF-16 surrogates (refused in
 * jsonb, e.g. an audit diff, and silently mangled in text). Any of them anywhere in the raw input (keys
 * included) answers BAD_REQUEST naming the field, instead of a database error — for every procedure.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function rejectUnstorableText(getRawInput: () => Promise<unknown>): Promise<void> {
  const found = unstorablePath(await getRawInput(), [], 0);
  if (found) throw new AppError("BAD_REQUEST", found.reason, found.path.join(".") || "input");
}

function reasonOf(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === "\u0000" ? "Contains a NUL character" : "Contains an invalid character (unpaired surrogate)";
}

function unstorablePath(
  value: unknown,
  path: (string | number)[],
  depth: number,
): { path: (string | number)[]; reason: string } | null {
  if (typeof value === "string") {
    const reason = reasonOf(value);
    return reason ? { path, reason } : null;
  }
  if (!value || typeof value !== "object" || depth > 64) return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) {
    const keyReason = typeof key === "string" ? reasonOf(key) : null;
    if (keyReason) return { path: [...path, key], reason: keyReason };
    const found = unstorablePath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

const baseProcedure = syncParsing(t.procedure).use(databaseErrors);

export const publicProcedure = baseProcedure.meta({ access: "public" }).use(async ({ getRawInput, next }) => {
  await rejectUnstorableText(getRawInput);
  return next();
});

interface GateRow {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
  revoked: boolean;
  role: Role | null;
  /** What the team scope of a member other than an admin is made of (scopeTeamsJson). */
  teams: ScopeTeams | null;
  planMode: string;
}

/**
 * The gate of a signed-in call in one statement, sent with the tenant scope (withTenantAndFirst): the user, whether
 * this session was revoked and, for an organization procedure, the user's active role there and what the caller's
 * team scope is made of (scopeTeamsJson: a round trip fewer for every call that needs it — lists, boards, totals,
 * plans). It reads as the application role under row-level security, like
 * the statements it replaced; `current_user` makes it fail closed (no row: UNAUTHORIZED) should it ever run before
 * the scope is set.
 */
export function gateStatement(
  userId: string,
  session: SessionClaims | null,
  memberOf: string | null,
  setPlanMode: SQL = sql`null`,
): SQL {
  // The active role, read once (a lateral join) for the select list and the team scope's JSON.
  const member = memberOf
    ? sql`left join lateral (select m.role from ${memberships} m
        where m.org_id = ${memberOf} and m.user_id = ${userId} and m.status = 'active') mr on true`
    : sql``;
  const role = memberOf ? sql`mr.role` : sql`null`;
  const teams = memberOf ? scopeTeamsJson(memberOf, userId, role) : sql`null`;
  // `setPlanMode` (from withTenantAndFirst) sets how the call's own statements are planned once the gate has run.
  return sql`select u.id, u.email, u.name, u.session_version as "sessionVersion",
      exists (select 1 from ${revokedSessions} r where r.session_id = ${session?.sessionId ?? null}) as revoked,
      ${role} as role, ${teams} as teams, ${setPlanMode} as "planMode"
    from ${users} u ${member} where u.id = ${userId} and current_user = ${APP_ROLE}`;
}

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
export const authedProcedure = baseProcedure
  .meta({ access: "authed" })
  .use(async ({ ctx, meta, path, type, getRawInput, next }) => {
    const { session, apiKey } = ctx;
    // An API key (docs/api.md) acts as the admin who created it, in the key's organization only.
    const userId = apiKey?.userId ?? session?.userId;
    if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_MESSAGE });
    const orgId = apiKey ? apiKey.orgId : (ctx.orgId ?? undefined);
    // An organization procedure's membership is read in the gate's statement (checked by orgProcedure).
    const memberOf = meta?.access === "org" && orgId ? orgId : null;
    const keyed = meta?.access !== "public" && meta?.plans === "keyed";
    const scope: TenantScope = { userId, orgId, plans: keyed ? "generic" : "custom" };
    const gateOf = (setPlanMode: SQL) => gateStatement(userId, session, memberOf, setPlanMode);
    try {
      // At most USER_DB_CONCURRENCY transactions per user at once (user-slots.ts): one user cannot take the pool.
      // A key has its own slots, so an integration cannot starve its creator's own pages.
      const startedAt = Date.now();
      const call = { replicas: ctx.replicas, primary: ctx.db, userId, type };
      const causeOf = (error: unknown) => (error instanceof RollbackWith ? error.result.error.cause : error);
      return await withUserSlot(apiKey?.keyId ?? userId, () =>
        // A query may read from a replica (server/db/replicas.ts). Bounded while the database is down, so that a
        // hung query neither hangs the call nor keeps its slot.
        runWhereItBelongs(
          call,
          (db) =>
            abandonDuringOutage(
              withTenantAndFirst(db, scope, gateOf, async (tx, rows) => {
                const [row] = rows as GateRow[];
                if (!row) throw new TRPCError({ code: "UNAUTHORIZED", message: SESSION_ENDED_MESSAGE });
                const { role, teams, revoked, id, email, name, sessionVersion } = row;
                const user = { id, email, name, sessionVersion };
                if (!apiKey && (revoked || user.sessionVersion !== session?.sessionVersion)) {
                  throw new TRPCError({ code: "UNAUTHORIZED", message: SESSION_ENDED_MESSAGE });
                }
                const gate: OrgGate | null = memberOf ? { orgId: memberOf, role, teams } : null;
                // Organization procedures check their input after the membership gate (see orgProcedure).
                if (meta?.access !== "org") await rejectUnstorableText(getRawInput);
                // `connection` is the pool itself, only for work that outlives this call's transaction (a subscription's
                // stream, server/services/plan-live.ts); such work opens its own tenant transactions with withTenant.
                const result = await next({ ctx: { db: tx, connection: ctx.db, user, gate } });
                if (!result.ok) throw new RollbackWith(result);
                // A key's write is audited in the write's own transaction: both commit, or neither (docs/api.md).
                if (apiKey && type === "mutation") {
                  await recordApiWrite(tx, apiKey, {
                    procedure: path,
                    input: await getRawInput(),
                    output: result.data,
                  });
                }
                return result;
              }),
              startedAt,
            ),
          causeOf,
        ),
      );
    } catch (error) {
      if (error instanceof RollbackWith) return error.result as never;
      throw error;
    }
  });

/** The membership read by authedProcedure's gate statement for an organization procedure (null: not a member). */
interface OrgGate {
  orgId: string;
  role: Role | null;
  teams: ScopeTeams | null;
}

export interface OrgMembership {
  orgId: string;
  role: Role;
  apiScope?: ApiScope;
}

/**
 * A member of the request's organization (active membership, read on every call) holding `permission`.
 * Another organization's id answers NOT_FOUND: its existence is not revealed.
 */
export function orgProcedure(permission: Permission, options: PlanChoice = {}) {
  return authedProcedure.meta({ access: "org", permission, ...options }).use(async ({ ctx, getRawInput, next }) => {
    const apiKey = ctx.apiKey;
    const orgId = apiKey ? apiKey.orgId : ctx.orgId;
    if (!orgId) throw new TRPCError({ code: "NOT_FOUND", message: ORG_NOT_FOUND_MESSAGE });
    // Read with the session in the gate's statement; looked up here only if the gate did not (never in practice).
    const gate = ctx.gate?.orgId === orgId ? ctx.gate : null;
    const membership = gate
      ? gate.role && { role: gate.role }
      : (
          await ctx.db
            .select({ role: memberships.role })
            .from(memberships)
            .where(
              and(eq(memberships.orgId, orgId), eq(memberships.userId, ctx.user.id), eq(memberships.status, "active")),
            )
        )[0];
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: ORG_NOT_FOUND_MESSAGE });
    // A key's creator must still be an active admin; the key's scope decides, not the creator's role.
    if (apiKey && membership.role !== "admin") throw new TRPCError({ code: "UNAUTHORIZED", message: API_KEY_MESSAGE });
    const member: OrgMembership = { orgId, role: membership.role, ...(apiKey && { apiScope: apiKey.scope }) };
    if (!memberCan(member, permission)) throw new TRPCError({ code: "FORBIDDEN", message: ROLE_FORBIDDEN_MESSAGE });
    await rejectUnstorableText(getRawInput);
    // The team scope from the gate's teams (an admin's is everything); scopeOf reads it for an actor without one.
    const teams = gate?.teams;
    const teamScope =
      member.role === "admin" || teams ? scopeFromTree(member.role, teams?.tree ?? [], teams?.seats ?? []) : undefined;
    const actor: Actor = { ...member, userId: ctx.user.id, ...(teamScope && { teamScope }) };
    return next({ ctx: { orgId, actor, membership: member } });
  });
}
