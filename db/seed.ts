/**
 * Demo data: one realistic organization, "Acme Robotics", for newcomers, demos and end-to-end tests.
 *
 * `seedDemo(db)` fills an empty, migrated database on the privileged connection (row-level security does
 * not apply to it). The data is generated from a seeded PRNG, so every run produces the same organization
 * (names, amounts, stages, links); only the UUIDs differ. Rows are built in memory first and then
 * inserted in batches inside one transaction, so the whole seed takes a few seconds even on PGlite.
 *
 * Run directly to seed the app's database (DATABASE_URL, or the embedded PGlite under .data/):
 *   npx tsx db/seed.ts
 */
import { eq, sql } from "drizzle-orm";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { hashPassword } from "../server/auth/password";
import { embeddedDataDir, openDatabase, type Database } from "./client";
import * as s from "./schema";
import { buildAccountPlan } from "./seed-account-plan";
import { buildAccounts } from "./seed-accounts";
import { buildAuditLog } from "./seed-audit";
import { PEOPLE, type DemoPerson, type DemoRole } from "./seed-data-people";
import { dealBuilder } from "./seed-deal-builder";
import { buildDeals } from "./seed-deals";
import { seedIntegrations } from "./seed-integrations";
import { buildPeople } from "./seed-people";
import { seedPlans } from "./seed-plans";
import { Rng, uuid } from "./seed-random";
import { seedReviews } from "./seed-reviews";
import type { Demo, Rows } from "./seed-rows";
import { buildStrategies } from "./seed-strategy";

export const DEMO_PASSWORD = "tandem-demo-2026";
export const DEMO_ORG = { name: "Acme Robotics", slug: "acme-robotics" } as const;

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  label: string;
}

const toDemoUser = (p: DemoPerson): DemoUser => ({ email: p.email, name: p.name, role: p.role, label: p.label });

/** The sign-ins to show newcomers: one per role, plus both managers. All use DEMO_PASSWORD. */
export const DEMO_USERS: DemoUser[] = PEOPLE.filter((p) =>
  ["admin@acme.test", "maria@acme.test", "james@acme.test", "rep@acme.test", "viewer@acme.test"].includes(p.email),
).map(toDemoUser);

/** Every member of the demo organization (DEMO_USERS and the other reps). All use DEMO_PASSWORD. */
export const ALL_DEMO_USERS: DemoUser[] = PEOPLE.map(toDemoUser);

export interface DemoSummary {
  orgId: string;
  users: number;
  teams: number;
  accounts: number;
  contacts: number;
  goals: number;
  deals: number;
  stakeholders: number;
}

// ---------------------------------------------------------------------------------------------------
// The generator (pure apart from UUIDs)

function buildDemo(passwordHash: string): { orgId: string; rows: Rows } {
  const orgId = uuid();
  const demo: Demo = {
    rng: new Rng(20_261_126),
    orgId,
    rows: {
      users: [],
      organizations: [{ id: orgId, name: DEMO_ORG.name, slug: DEMO_ORG.slug }],
      memberships: [],
      teams: [],
      teamMembers: [],
      strategies: [],
      objectives: [],
      objectiveFocus: [],
      goals: [],
      goalObjectiveLinks: [],
      accounts: [],
      contacts: [],
      deals: [],
      dealObjectives: [],
      dealGoals: [],
      stakeholders: [],
      accountPlans: [],
      planCollaborators: [],
      planProblems: [],
      planSteps: [],
      planComments: [],
      auditEvents: [],
    },
  };
  const people = buildPeople(demo, passwordHash);
  const strategies = buildStrategies(demo, people);
  const accounts = buildAccounts(demo, people);
  const graniteMain = buildDeals(demo, people, accounts, dealBuilder(demo, people, strategies));
  const planId = buildAccountPlan(demo, people, accounts.granite);
  buildAuditLog(demo, people, strategies, { planId, graniteMain });

  // Parents before children for the self-referencing contacts (reports_to).
  const { rows } = demo;
  rows.contacts = rows.contacts
    .map((c, i) => [c, accounts.contactDepth[i] ?? 0] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([c]) => c);
  return { orgId, rows };
}

// ---------------------------------------------------------------------------------------------------
// Insertion

const BATCH = 500;

/** Runs `insert` once per batch of rows: no per-row round trips, and well under the bind-parameter limit. */
async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Fills an empty, migrated database with the Acme Robotics demo organization (privileged connection). */
export async function seedDemo(db: Database): Promise<DemoSummary> {
  const existing = await db
    .select({ id: s.organizations.id })
    .from(s.organizations)
    .where(eq(s.organizations.slug, DEMO_ORG.slug));
  if (existing.length > 0)
    throw new Error(`The demo organization "${DEMO_ORG.slug}" already exists; seed an empty database.`);

  // argon2 is deliberately slow: hash once, reuse for every demo user.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { orgId, rows: r } = buildDemo(passwordHash);

  await db.transaction(async (tx) => {
    await inBatches(r.users, (b) => tx.insert(s.users).values(b));
    await inBatches(r.organizations, (b) => tx.insert(s.organizations).values(b));
    // Every organization gets the default disqualification reasons (a trigger, migration 0004): link the
    // disqualified deals to theirs.
    const reasons = await tx
      .select({ id: s.disqualificationReasons.id, label: s.disqualificationReasons.label })
      .from(s.disqualificationReasons)
      .where(eq(s.disqualificationReasons.orgId, orgId));
    const reasonId = new Map(reasons.map((reason) => [reason.label, reason.id]));
    for (const deal of r.deals) {
      if (deal.disqualifiedReason) {
        deal.disqualifiedReasonId = reasonId.get(deal.disqualifiedReason);
        if (!deal.disqualifiedReasonId)
          throw new Error(`no default disqualification reason "${deal.disqualifiedReason}"`);
      }
    }
    await inBatches(r.memberships, (b) => tx.insert(s.memberships).values(b));
    await inBatches(r.teams, (b) => tx.insert(s.teams).values(b));
    await inBatches(r.teamMembers, (b) => tx.insert(s.teamMembers).values(b));
    await inBatches(r.strategies, (b) => tx.insert(s.strategies).values(b));
    await inBatches(r.objectives, (b) => tx.insert(s.objectives).values(b));
    await inBatches(r.objectiveFocus, (b) => tx.insert(s.objectiveFocus).values(b));
    await inBatches(r.goals, (b) => tx.insert(s.goals).values(b));
    await inBatches(r.goalObjectiveLinks, (b) => tx.insert(s.goalObjectiveLinks).values(b));
    await inBatches(r.accounts, (b) => tx.insert(s.accounts).values(b));
    await inBatches(r.contacts, (b) => tx.insert(s.contacts).values(b));
    await inBatches(r.deals, (b) => tx.insert(s.deals).values(b));
    await inBatches(r.dealObjectives, (b) => tx.insert(s.dealObjectives).values(b));
    await inBatches(r.dealGoals, (b) => tx.insert(s.dealGoals).values(b));
    await inBatches(r.stakeholders, (b) => tx.insert(s.stakeholders).values(b));
    await inBatches(r.accountPlans, (b) => tx.insert(s.accountPlans).values(b));
    await inBatches(r.planCollaborators, (b) => tx.insert(s.planCollaborators).values(b));
    await inBatches(r.planProblems, (b) => tx.insert(s.planProblems).values(b));
    await inBatches(r.planSteps, (b) => tx.insert(s.planSteps).values(b));
    await inBatches(r.planComments, (b) => tx.insert(s.planComments).values(b));
    await seedPlans(tx, orgId);
    await inBatches(r.auditEvents, (b) => tx.insert(s.auditEvents).values(b));
    await seedReviews(tx, orgId);
    await seedIntegrations(tx, orgId);
  });
  // A bulk load leaves the planner without statistics until autovacuum gets round to it (PGlite has no
  // autovacuum at all); without them the score views pick quadratic plans.
  await db.execute(sql`analyze`);

  return {
    orgId,
    users: r.users.length,
    teams: r.teams.length,
    accounts: r.accounts.length,
    contacts: r.contacts.length,
    goals: r.goals.length,
    deals: r.deals.length,
    stakeholders: r.stakeholders.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// CLI: `npx tsx db/seed.ts`

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || undefined; // empty means embedded, as in the app
  const dataDir = url ? undefined : embeddedDataDir();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const handle = openDatabase({ url, dataDir });
  try {
    await handle.migrate();
    const existing = await handle.db
      .select({ id: s.organizations.id })
      .from(s.organizations)
      .where(eq(s.organizations.slug, DEMO_ORG.slug));
    if (existing.length > 0) {
      console.log(`Demo organization "${DEMO_ORG.name}" is already there; nothing to do.`);
    } else {
      const started = Date.now();
      const summary = await seedDemo(handle.db);
      console.log(
        `Seeded "${DEMO_ORG.name}" in ${((Date.now() - started) / 1000).toFixed(1)}s: ${summary.users} users, ${summary.teams} teams, ` +
          `${summary.accounts} accounts, ${summary.contacts} contacts, ${summary.deals} deals, ${summary.stakeholders} stakeholders.`,
      );
    }
    console.log(`\nSign in with any of these (password: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(20)} ${u.name.padEnd(16)} ${u.label}`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
