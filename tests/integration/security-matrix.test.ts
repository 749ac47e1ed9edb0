/**
 * Promise 1 — no cross-tenant access, no privilege escalation: the authorization matrix.
 *
 * Every procedure of the router (enumerated at run time: a procedure added later is covered without editing
 * this file) is called by every kind of caller — signed out, with an ended session, a stranger, a deactivated
 * member, each role of another organization naming this one, each role of the organization itself — once
 * with empty input and once with plausible input holding ids of this organization's records. The expected
 * answer comes from the procedure's meta and the permissions table; no answer may carry the other side's data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, newTally, writeTally } from "../helpers/security-summary";
import type { Database } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { PERMISSIONS } from "@/server/authz/permissions";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createOrg, createUser, type TestOrg, type TestUser } from "../helpers/fixtures";
import {
  answerOf,
  callInSavepoint,
  checkExpected,
  classify,
  describeOutcome,
  emptyInput,
  expectNoProblems,
  listProcedures,
  rolledBack,
  ROLES,
  sampleProcedureInput,
  type ProcedureInfo,
  type Relation,
} from "../helpers/security";
import { idChooser, leaksIn, readOrgData, secretsOf, type OrgData } from "../helpers/security-data";

const procedures = listProcedures();

describe("authorization matrix", () => {
  let handle: TestDatabase;
  let db: Database;
  /** The organization every call names. */
  let target: TestOrg;
  /** Another organization: its members must get NOT_FOUND, and nothing of theirs may reach `target`'s members. */
  let other: TestOrg;
  let stranger: TestUser;
  let deactivated: TestUser;
  let targetData: OrgData;
  let otherData: OrgData;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    target = await createOrg(db, "Initech");
    other = await createOrg(db, "Umbrella");
    stranger = await createUser(db, "Stranger Danger");
    deactivated = await createUser(db, "Dee Activated");
    await db.insert(memberships).values({
      orgId: target.id,
      id: crypto.randomUUID(),
      userId: deactivated.id,
      role: "admin",
      status: "deactivated",
    });
    for (const org of [target, other]) {
      await db.insert(invitations).values({
        orgId: org.id,
        id: crypto.randomUUID(),
        email: `invitee.${org.slug}@example.test`,
        role: "rep",
        teamId: org.subTeamId,
        tokenHash: hashToken(crypto.randomUUID()),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedBy: org.admin.id,
      });
    }
    targetData = await readOrgData(db, target.id);
    otherData = await readOrgData(db, other.id);
  });

  const tally = newTally("security-matrix");
  afterAll(async () => {
    writeTally(tally);
    await handle?.close();
  });

  it("enumerates the router (the matrix is not vacuous)", () => {
    const paths = procedures.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "me.get",
        "org.current",
        "members.changeRole",
        "teams.create",
        "invitations.create",
        "audit.list",
        "sso.update",
      ]),
    );
    expect(paths.length).toBeGreaterThanOrEqual(20);
  });

  it("every procedure is classified: meta access public, authed, or org with a known permission", () => {
    const problems = procedures.flatMap((p) => {
      const result = classify(p.meta);
      return result.ok
        ? []
        : [`${p.path}: ${result.reason} (use publicProcedure, authedProcedure or orgProcedure(permission))`];
    });
    expectNoProblems(problems, "unclassified procedures");
  });

  it("every permission is granted to at least one role, and admins hold all of them", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, permission).toBeGreaterThan(0);
      expect(roles, permission).toContain("admin");
    }
  });

  interface CallerCase {
    label: string;
    user: { id: string } | null;
    orgHeader: string | null;
    sessionVersion?: number;
    relation: Relation;
    /** Data that must not appear in this caller's answers. */
    secrets: () => Map<string, string>;
  }

  function callerCases(): CallerCase[] {
    const none = () => new Map<string, string>();
    const targetSecrets = () => secretsOf(targetData, otherData);
    const otherSecrets = () => secretsOf(otherData, targetData);
    return [
      {
        label: "signed out",
        user: null,
        orgHeader: target.id,
        relation: { kind: "anonymous" },
        secrets: targetSecrets,
      },
      {
        label: "ended session",
        user: target.admin,
        orgHeader: target.id,
        sessionVersion: 2,
        relation: { kind: "stale-session" },
        secrets: none,
      },
      {
        label: "stranger",
        user: stranger,
        orgHeader: target.id,
        relation: { kind: "outsider" },
        secrets: targetSecrets,
      },
      {
        label: "deactivated admin",
        user: deactivated,
        orgHeader: target.id,
        relation: { kind: "outsider" },
        secrets: none,
      },
      {
        label: "member without an organization header",
        user: target.admin,
        orgHeader: null,
        relation: { kind: "outsider" },
        secrets: otherSecrets,
      },
      ...ROLES.map((role): CallerCase => ({
        label: `other org's ${role}`,
        user: other[role],
        orgHeader: target.id,
        relation: { kind: "outsider" },
        secrets: targetSecrets,
      })),
      ...ROLES.map((role): CallerCase => ({
        label: role,
        user: target[role],
        orgHeader: target.id,
        relation: { kind: "member", role },
        secrets: otherSecrets,
      })),
    ];
  }

  async function runMatrix(procedure: ProcedureInfo): Promise<string[]> {
    const problems: string[] = [];
    const inputs = [
      { label: "empty input", input: emptyInput(procedure), strictForbidden: true },
      {
        label: "plausible input",
        input: sampleProcedureInput(procedure, idChooser(targetData)),
        strictForbidden: false,
      },
    ];
    for (const { label: inputLabel, input, strictForbidden } of inputs) {
      if (inputLabel === "plausible input" && procedure.inputs.length === 0) continue;
      for (const caller of callerCases()) {
        const outcome = await rolledBack(db, (tx) => callInSavepoint(tx, caller, procedure.path, input));
        count(tally, {
          procedure: procedure.path,
          caller: caller.label,
          outcome,
          foreign: caller.relation.kind === "outsider",
        });
        const problem = checkExpected(procedure, caller.relation, outcome, strictForbidden);
        if (problem) problems.push(`${problem} [${caller.label}, ${inputLabel}]`);
        const leaks = leaksIn(answerOf(outcome), caller.secrets(), input);
        if (leaks.length > 0)
          problems.push(
            `${procedure.path} as ${caller.label} (${inputLabel}) → ${describeOutcome(outcome)} leaked: ${leaks.join(", ")}`,
          );
      }
    }
    return problems;
  }

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s answers every caller as the authorization table says",
    async (_path, procedure) => {
      expect(classify(procedure.meta).ok, `${procedure.path} has no valid access meta`).toBe(true);
      expectNoProblems(await runMatrix(procedure), procedure.path);
    },
  );
});
