/**
 * Promise 1, tampering: a member of one organization tries to reach another organization's records by
 * putting that organization's record ids (and its id) into inputs and headers.
 *
 * Both organizations are the fully populated demo organization (seeded twice), so every table holds records
 * on both sides. For every procedure (enumerated at run time), inputs are generated from its zod schema with
 * every uuid field filled with ids of records of the *victim* organization — by field name, one field at a
 * time next to the attacker's own ids (a child record whose parent is elsewhere, and the reverse), and
 * every table's ids in turn — plus the organization id smuggled into the input and the header. The attacker
 * acts as admin and as rep of their own organization. No answer may contain any id, name or email of the
 * victim, and no call may change any of the victim's rows.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, newTally, writeTally } from "../helpers/security-summary";
import type { Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedTwoDemoOrgs, type DemoOrg } from "../helpers/demo-orgs";
import {
  accessOf,
  answerOf,
  callInSavepoint,
  describeOutcome,
  expectNoProblems,
  listProcedures,
  rolledBack,
  sampleProcedureInput,
  uuidFields,
  type ProcedureInfo,
  type UuidChooser,
} from "../helpers/security";
import {
  changedTables,
  idChooser,
  leaksIn,
  readOrgData,
  secretsOf,
  snapshotOrg,
  type OrgData,
} from "../helpers/security-data";
import { transactionWrote } from "../helpers/transaction-writes";
import { ORG_NOT_FOUND_MESSAGE } from "@/server/trpc/init";

const procedures = listProcedures();

describe("tampering with ids, organization ids and headers", () => {
  let handle: TestDatabase;
  let db: Database;
  let victim: DemoOrg;
  let attacker: DemoOrg;
  let victimData: OrgData;
  let attackerData: OrgData;
  let secrets: Map<string, string>;
  let victimSnapshot: Record<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    ({ victim, attacker } = await seedTwoDemoOrgs(db));
    victimData = await readOrgData(db, victim.id);
    attackerData = await readOrgData(db, attacker.id);
    secrets = secretsOf(victimData, attackerData);
    victimSnapshot = await snapshotOrg(db, victim.id);
  }, 120_000);

  const tally = newTally("security-tampering");
  afterAll(async () => {
    writeTally(tally);
    await handle?.close();
  });

  it("the victim has records in many tables, and many recognizable strings (the test is not vacuous)", () => {
    const filled = [...victimData.ids.entries()].filter(([, ids]) => ids.length > 0).map(([table]) => table);
    expect(filled).toEqual(
      expect.arrayContaining(
        ["teams", "memberships", "invitations", "users"].filter(
          (t) => t !== "invitations" || victimData.ids.get("invitations")?.length,
        ),
      ),
    );
    expect(filled.length).toBeGreaterThanOrEqual(8);
    expect(secrets.size).toBeGreaterThan(100);
    expect([...secrets.values()].some((origin) => origin.startsWith("users.email"))).toBe(true);
  });

  it("a write is seen even in a savepoint rolled back (changes are checked only after a call that wrote)", async () => {
    const seen = await rolledBack(db, async (tx) => {
      const before = await transactionWrote(tx);
      await tx
        .transaction(async (sp) => {
          await sp.execute(sql`update organizations set name = name where id = ${attacker.id}`);
          throw new Error("roll the savepoint back");
        })
        .catch(() => undefined);
      return { before, after: await transactionWrote(tx) };
    });
    expect(seen).toEqual({ before: false, after: true });
  });

  interface Variant {
    label: string;
    input: unknown;
  }

  function variants(procedure: ProcedureInfo, thorough: boolean): Variant[] {
    const fromVictim = idChooser(victimData);
    const fromAttacker = idChooser(attackerData);
    const out: Variant[] = [{ label: "every id from the victim", input: sampleProcedureInput(procedure, fromVictim) }];
    const fields = uuidFields(procedure);
    if (fields.length > 1) {
      for (const field of fields) {
        const mixed: UuidChooser = (name, path) => (path === field ? fromVictim(name, path) : fromAttacker(name, path));
        out.push({ label: `only ${field} from the victim`, input: sampleProcedureInput(procedure, mixed) });
        const reverse: UuidChooser = (name, path) =>
          path === field ? fromAttacker(name, path) : fromVictim(name, path);
        out.push({ label: `all but ${field} from the victim`, input: sampleProcedureInput(procedure, reverse) });
      }
    }
    if (thorough && fields.length > 0) {
      for (const [table, ids] of victimData.ids) {
        if (ids[0])
          out.push({
            label: `every id = a victim ${table} id`,
            input: sampleProcedureInput(procedure, idChooser(victimData, table)),
          });
      }
    }
    // The organization id smuggled into the input, next to the attacker's own plausible values.
    const own = sampleProcedureInput(procedure, fromAttacker);
    const smuggled = { orgId: victim.id, org_id: victim.id, organizationId: victim.id };
    out.push({
      label: "victim's org id in the input",
      input:
        own && typeof own === "object" && !Array.isArray(own)
          ? { ...own, ...smuggled }
          : own === undefined
            ? smuggled
            : own,
    });
    return out;
  }

  async function attempt(
    procedure: ProcedureInfo,
    as: { id: string },
    asLabel: string,
    orgHeader: string,
    variant: Variant,
    problems: string[],
  ) {
    const { outcome, changed } = await rolledBack(db, async (tx) => {
      const outcome = await callInSavepoint(tx, { user: as, orgHeader }, procedure.path, variant.input);
      // The fingerprint scans every table: taken only when the call wrote (tests/helpers/transaction-writes.ts).
      const changed =
        procedure.type !== "query" && (await transactionWrote(tx))
          ? changedTables(victimSnapshot, await snapshotOrg(tx, victim.id))
          : [];
      return { outcome, changed };
    });
    count(tally, { procedure: procedure.path, caller: `other org's ${asLabel}`, outcome, foreign: true });
    const where = `${procedure.path} as attacker ${asLabel}, ${variant.label}`;
    if (!outcome.ok && outcome.code === "INTERNAL_SERVER_ERROR")
      problems.push(`${where} → INTERNAL_SERVER_ERROR: ${outcome.error.cause?.message ?? outcome.message}`);
    const leaks = leaksIn(answerOf(outcome), secrets, variant.input);
    if (leaks.length > 0)
      problems.push(`${where} → ${describeOutcome(outcome)} leaked the victim's ${leaks.slice(0, 5).join(", ")}`);
    if (changed.length > 0)
      problems.push(`${where} → ${describeOutcome(outcome)} changed the victim's ${changed.join(", ")}`);
    return outcome;
  }

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s: the victim's ids in the input reach nothing of the victim",
    async (_path, procedure) => {
      const problems: string[] = [];
      for (const variant of variants(procedure, true))
        await attempt(procedure, attacker.members.admin, "admin", attacker.id, variant, problems);
      for (const variant of variants(procedure, false))
        await attempt(procedure, attacker.members.rep, "rep", attacker.id, variant, problems);
      expectNoProblems(problems, procedure.path);
    },
  );

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s: naming the victim in the header (alone or with one's own org) → NOT_FOUND",
    async (_path, procedure) => {
      const problems: string[] = [];
      const access = accessOf(procedure);
      const input = sampleProcedureInput(procedure, idChooser(victimData));
      for (const header of [victim.id, `${attacker.id}, ${victim.id}`, `${victim.id},${attacker.id}`]) {
        const outcome = await attempt(
          procedure,
          attacker.members.admin,
          "admin",
          header,
          { label: `header "${header}"`, input },
          problems,
        );
        if (
          access.access === "org" &&
          !(!outcome.ok && outcome.code === "NOT_FOUND" && outcome.message === ORG_NOT_FOUND_MESSAGE)
        ) {
          problems.push(
            `${procedure.path} with header "${header}": expected the organization's NOT_FOUND, got ${describeOutcome(outcome)}`,
          );
        }
      }
      expectNoProblems(problems, procedure.path);
    },
  );
});
