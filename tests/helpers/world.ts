/**
 * Shared set-up for the router tests: one fresh database per test file holding two organizations, plus the
 * standard access checks every organization procedure must pass.
 */
import { getErrorShape, type TRPCError } from "@trpc/server";
import { and, asc, eq, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db/client";
import { auditEvents, memberships } from "@/db/schema";
import { can, ROLES, type Role } from "@/server/authz/permissions";
import type { ProcedureAccess } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "./db";
import { expectTRPCError } from "./expect-trpc";
import { callerFor, createOrg, createUser, type TestOrg, type TestUser } from "./fixtures";

export type Caller = ReturnType<typeof callerFor>;

export interface World {
  handle: TestDatabase;
  /** The privileged connection (bypasses row-level security): for arranging data and checking results. */
  db: Database;
  /** The organization under test: one member per role, a root team managed by `manager`, a sub-team. */
  org: TestOrg;
  /** Another organization, whose members must never reach `org`. */
  other: TestOrg;
  /** An admin of `org` whose membership is deactivated. */
  deactivated: TestUser;
  /** A caller acting as `user` in `org` (or in `orgId`). */
  api(user: { id: string } | null, orgId?: string): Caller;
}

/** Registers beforeAll/afterAll that build the world; its fields are usable inside tests and hooks. */
export function useWorld(): World {
  const world = {} as World;
  beforeAll(async () => {
    const handle = await createTestDatabase();
    const db = handle.db;
    const org = await createOrg(db, "Initech");
    const other = await createOrg(db, "Umbrella");
    const deactivated = await createUser(db, "Dee Activated");
    await db
      .insert(memberships)
      .values({ orgId: org.id, id: crypto.randomUUID(), userId: deactivated.id, role: "admin", status: "deactivated" });
    Object.assign(world, {
      handle,
      db,
      org,
      other,
      deactivated,
      api: (user: { id: string } | null, orgId = org.id) => callerFor(db, user, orgId),
    } satisfies World);
  });
  afterAll(async () => {
    await world.handle?.close();
  });
  return world;
}

export interface AccessCase {
  /** e.g. "members.changeRole" */
  procedure: string;
  /** Calls the procedure with input that would succeed for an allowed member of `org`. */
  call: (api: Caller) => Promise<unknown>;
}

/** The roles the permissions table refuses for an organization procedure (from its meta). */
function refusedRoles(label: string): Role[] {
  // A case may name a variant of its procedure: "audit.list (filtered)".
  const procedure = label.replace(/ \(.*\)$/, "");
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { meta?: unknown } }> })
    .procedures;
  const meta = procedures[procedure]?._def.meta as ProcedureAccess | undefined;
  if (meta?.access !== "org") throw new Error(`${procedure} is not an organization procedure`);
  return ROLES.filter((role) => !can(role, meta.permission));
}

/**
 * The checks every organization procedure must pass: signed out → UNAUTHORIZED; stale session →
 * UNAUTHORIZED; a member of another organization, no organization, or a deactivated member → NOT_FOUND;
 * a role without the permission (as the permissions table says) → FORBIDDEN.
 */
export function describeOrgAccess(world: World, cases: readonly AccessCase[]): void {
  describe.each(cases)("access to $procedure", ({ procedure, call }) => {
    const forbidden = refusedRoles(procedure);
    it("signed out → UNAUTHORIZED", async () => {
      await expectTRPCError(call(world.api(null)), "UNAUTHORIZED");
    });

    it("a session older than the user's last sign-out everywhere → UNAUTHORIZED", async () => {
      await expectTRPCError(call(callerFor(world.db, world.org.admin, world.org.id, 2)), "UNAUTHORIZED");
    });

    it("an admin of another organization → NOT_FOUND", async () => {
      await expectTRPCError(call(world.api(world.other.admin)), "NOT_FOUND");
    });

    it("without an organization → NOT_FOUND", async () => {
      await expectTRPCError(call(callerFor(world.db, world.org.admin)), "NOT_FOUND");
    });

    it("a deactivated member → NOT_FOUND", async () => {
      await expectTRPCError(call(world.api(world.deactivated)), "NOT_FOUND");
    });

    if (forbidden.length > 0) {
      it.each(forbidden)("a %s → FORBIDDEN", async (role) => {
        await expectTRPCError(call(world.api(world.org[role])), "FORBIDDEN");
      });
    }
  });
}

/** The error shape a client receives (through the app's error formatter). */
export function clientErrorShape(error: TRPCError) {
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
}

/** Asserts BAD_REQUEST whose client message names `field` ("field: reason"); returns the message. */
export async function expectBadRequest(call: Promise<unknown>, field: string): Promise<string> {
  const error = await expectTRPCError(call, "BAD_REQUEST");
  const { message } = clientErrorShape(error);
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(message).toMatch(new RegExp(`(^|; )${escaped}: \\S`));
  return message;
}

/** The audit log of an organization, oldest first (read on the privileged connection). */
export async function auditLog(db: Database, orgId: string, where?: SQL) {
  return db
    .select({
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), where))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/** The last audit event of an organization with this action. */
export async function lastAudit(db: Database, orgId: string, action: string) {
  return (await auditLog(db, orgId, eq(auditEvents.action, action))).at(-1);
}

/** One value from a raw query on the privileged connection. */
export async function scalar<T>(db: Database, query: SQL): Promise<T> {
  const [row] = await selectRows<{ value: T }>(db, query);
  return row?.value as T;
}
