/**
 * Tools for the security tests: enumerate the tRPC router at run time (so procedures added later are covered
 * without editing any test), derive each caller's expected answer from the procedure's meta and the
 * permissions table, build inputs from each procedure's zod schema, and run calls in transactions that are rolled
 * back. The data of one organization (and looking for it in answers) is in security-data.ts.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "@/server/authz/permissions";
import {
  createContext,
  ORG_HEADER,
  ORG_NOT_FOUND_MESSAGE,
  ROLE_FORBIDDEN_MESSAGE,
  SESSION_ENDED_MESSAGE,
  SIGN_IN_MESSAGE,
  type ProcedureAccess,
} from "@/server/trpc/init";
import { appRouter, createCaller } from "@/server/trpc/root";
import { passes, sampleInput } from "./zod-samples";

// ---------------------------------------------------------------------------------------------------------
// The router, enumerated

export interface ProcedureInfo {
  /** "members.changeRole" */
  path: string;
  type: "query" | "mutation" | "subscription";
  /** As declared; undefined or malformed for an unclassified procedure (which the matrix test reports). */
  meta: unknown;
  /** The procedure's input schemas (several `.input()` calls are merged by tRPC); empty when it takes none. */
  inputs: z.ZodType[];
}

interface RawProcedure {
  _def: { type: ProcedureInfo["type"]; meta?: unknown; inputs: unknown[] };
}

/** Every procedure of the app router, read from `appRouter._def.procedures` when called. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, RawProcedure> }).procedures;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      meta: procedure._def.meta,
      inputs: procedure._def.inputs as z.ZodType[],
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The meta if it is a valid classification, else a reason why not. */
export function classify(meta: unknown): { ok: true; access: ProcedureAccess } | { ok: false; reason: string } {
  if (!meta || typeof meta !== "object") return { ok: false, reason: "no meta" };
  const access = (meta as { access?: unknown }).access;
  if (access === "public" || access === "authed") return { ok: true, access: { access } };
  if (access === "org") {
    const permission = (meta as { permission?: unknown }).permission;
    if (typeof permission === "string" && permission in PERMISSIONS)
      return { ok: true, access: { access, permission: permission as Permission } };
    return { ok: false, reason: `org procedure with unknown permission ${JSON.stringify(permission)}` };
  }
  return { ok: false, reason: `unknown access ${JSON.stringify(access)}` };
}

export function accessOf(procedure: ProcedureInfo): ProcedureAccess {
  const result = classify(procedure.meta);
  if (!result.ok) throw new Error(`${procedure.path} is not classified: ${result.reason}`);
  return result.access;
}

// ---------------------------------------------------------------------------------------------------------
// Calling

export type Caller = ReturnType<typeof createCaller>;

export function callerAs(
  db: Database,
  user: { id: string } | null,
  orgHeader?: string | null,
  sessionVersion = 1,
): Caller {
  const headers = new Headers();
  if (orgHeader) headers.set(ORG_HEADER, orgHeader);
  return createCaller(
    createContext({
      db,
      session: user ? { userId: user.id, sessionVersion, sessionId: crypto.randomUUID() } : null,
      headers,
    }),
  );
}

/** Calls `path` on a caller; a subscription's stream is closed at once (only its authorization is exercised). */
export async function callPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  if (typeof target !== "function") throw new Error(`no procedure at ${path}`);
  const result: unknown = await (target as (input: unknown) => Promise<unknown>)(input);
  if (result && typeof result === "object" && Symbol.asyncIterator in result) {
    await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    return "[subscription]";
  }
  return result;
}

export type Outcome =
  { ok: true; data: unknown } | { ok: false; code: TRPCError["code"]; message: string; error: TRPCError };

export async function settle(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message, error };
    throw error;
  }
}

export function describeOutcome(outcome: Outcome): string {
  return outcome.ok ? "success" : `${outcome.code} "${outcome.message}"`;
}

class Rollback extends Error {}

/**
 * Runs `fn` in a transaction that is always rolled back, so calls never change the shared test data. The
 * procedures' own transactions become savepoints inside it. `fn` gets the transaction.
 */
export async function rolledBack<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  let value: T | undefined;
  try {
    await db.transaction(async (tx) => {
      value = await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return value as T;
}

/**
 * Calls a procedure inside `tx` in a savepoint of its own (a failed statement cannot poison `tx`), then
 * returns to the privileged role so that `tx` can check the database afterwards.
 */
export async function callInSavepoint(
  tx: Database,
  as: { user: { id: string } | null; orgHeader?: string | null; sessionVersion?: number },
  path: string,
  input: unknown,
): Promise<Outcome> {
  const outcome = await settle(
    tx.transaction((sp) =>
      callPath(callerAs(sp as unknown as Database, as.user, as.orgHeader, as.sessionVersion), path, input),
    ),
  );
  // withTenant's `set_config('role', …, true)` outlives a released savepoint: back to the privileged role.
  await tx.execute(sql`reset role`);
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------
// Expected answers

export type Relation =
  | { kind: "anonymous" }
  | { kind: "stale-session" }
  /** Signed in, not an active member of the organization named in the request (another org's member, a stranger, a deactivated member). */
  | { kind: "outsider" }
  | { kind: "member"; role: Role };

/**
 * Checks an outcome against the authorization table. `strictForbidden`: an allowed role must not be
 * refused with FORBIDDEN at all (used with empty input, where no handler rule can apply); otherwise only
 * the role gate's FORBIDDEN is a failure (a handler may refuse a record, e.g. a rep editing another's deal).
 */
export function checkExpected(
  procedure: ProcedureInfo,
  relation: Relation,
  outcome: Outcome,
  strictForbidden: boolean,
): string | null {
  const access = accessOf(procedure);
  const got = describeOutcome(outcome);
  const fail = (expected: string) =>
    `${procedure.path} as ${relationLabel(relation)}: expected ${expected}, got ${got}`;
  const code = outcome.ok ? null : outcome.code;
  const message = outcome.ok ? null : outcome.message;
  if (access.access === "public") {
    // A session is never required (a handler may still refuse a wrong password with UNAUTHORIZED).
    if (code === "UNAUTHORIZED" && (message === SIGN_IN_MESSAGE || message === SESSION_ENDED_MESSAGE))
      return fail("no sign-in gate");
    return code === "INTERNAL_SERVER_ERROR" ? fail("no INTERNAL_SERVER_ERROR") : null;
  }
  if (relation.kind === "anonymous")
    return code === "UNAUTHORIZED" && message === SIGN_IN_MESSAGE ? null : fail(`UNAUTHORIZED "${SIGN_IN_MESSAGE}"`);
  if (relation.kind === "stale-session")
    return code === "UNAUTHORIZED" && message === SESSION_ENDED_MESSAGE
      ? null
      : fail(`UNAUTHORIZED "${SESSION_ENDED_MESSAGE}"`);
  if (access.access === "authed") {
    return code === "UNAUTHORIZED" || code === "FORBIDDEN" || code === "INTERNAL_SERVER_ERROR"
      ? fail("anything but UNAUTHORIZED/FORBIDDEN/INTERNAL_SERVER_ERROR")
      : null;
  }
  if (relation.kind === "outsider")
    return code === "NOT_FOUND" && message === ORG_NOT_FOUND_MESSAGE
      ? null
      : fail(`NOT_FOUND "${ORG_NOT_FOUND_MESSAGE}"`);
  if (!can(relation.role, access.permission))
    return code === "FORBIDDEN" && message === ROLE_FORBIDDEN_MESSAGE
      ? null
      : fail(`FORBIDDEN (no ${access.permission})`);
  if (code === "UNAUTHORIZED") return fail(`not UNAUTHORIZED (${relation.role} has ${access.permission})`);
  if (code === "NOT_FOUND" && message === ORG_NOT_FOUND_MESSAGE)
    return fail(`not the organization's NOT_FOUND (${relation.role} is a member)`);
  if (code === "FORBIDDEN" && (strictForbidden || message === ROLE_FORBIDDEN_MESSAGE))
    return fail(`not FORBIDDEN (${relation.role} has ${access.permission})`);
  if (code === "INTERNAL_SERVER_ERROR") return fail("no INTERNAL_SERVER_ERROR");
  return null;
}

function relationLabel(relation: Relation): string {
  return relation.kind === "member" ? relation.role : relation.kind;
}

/** Input for an "empty" call: nothing when the procedure takes no input, else an empty object. */
export function emptyInput(procedure: ProcedureInfo): unknown {
  return procedure.inputs.length === 0 ? undefined : {};
}

export { ROLES };

// ---------------------------------------------------------------------------------------------------------
// Inputs from zod schemas

/** Chooses the uuid to put in a field (`field` is the nearest object key, `path` the whole path). */
export type UuidChooser = Parameters<typeof sampleInput>[1];

/** The procedure's plausible input (several input schemas are merged like tRPC merges them). */
export function sampleProcedureInput(procedure: ProcedureInfo, uuid: UuidChooser): unknown {
  if (procedure.inputs.length === 0) return undefined;
  const parts = procedure.inputs.map((schema) => sampleInput(schema, uuid));
  if (parts.length === 1) return parts[0];
  return Object.assign({}, ...parts.filter((part) => part && typeof part === "object"));
}

/** The uuid field paths of a procedure's input (e.g. ["teamId", "cursor.id"]). */
export function uuidFields(procedure: ProcedureInfo): string[] {
  const fields = new Set<string>();
  sampleProcedureInput(procedure, (_field, path) => {
    fields.add(path);
    return "00000000-0000-0000-0000-000000000000";
  });
  return [...fields];
}

/** Whether the input passes the procedure's schemas (so the handler, not zod, answers). */
export function inputIsValid(procedure: ProcedureInfo, input: unknown): boolean {
  return procedure.inputs.every((schema) => passes(schema, input));
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes as data

export function answerOf(outcome: Outcome): unknown {
  return outcome.ok ? outcome.data : { code: outcome.code, message: outcome.message };
}

// ---------------------------------------------------------------------------------------------------------
// Assertions

/** Fails once with every problem listed (a matrix failure names each procedure and caller at fault). */
export function expectNoProblems(problems: readonly string[], what: string): void {
  expect(problems, `${what}:\n  ${problems.join("\n  ")}`).toEqual([]);
}
