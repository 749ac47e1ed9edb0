/**
 * Arrangements for the account / deal / stakeholder / import tests: a strategy with focus rules, goals, a
 * second rep in a team the manager does not manage, accounts, contacts and deals — written on the
 * privileged connection, so the tests exercise only the procedure under test.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import type { Database } from "@/db/client";
import * as s from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { createUser, type TestOrg, type TestUser } from "../helpers/fixtures";
import { useWorld, type Caller, type World } from "../helpers/world";

export interface Pipeline {
  strategyId: string;
  objectives: { mfg: string; emea: string; idle: string };
  goals: { quota: string; account: string; skill: string };
  /** A rep in a root-level team "Partners" that the manager does not manage and the viewer is not in. */
  outsider: TestUser;
  partnersTeamId: string;
  accounts: { acme: string; globex: string };
  contacts: { acmeCfo: string; acmeOps: string; acmeIt: string; globexCeo: string };
  deals: { repOpen: string; repWon: string; outsiderOpen: string };
}

const today = () => new Date().toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export async function seedPipeline(db: Database, org: TestOrg): Promise<Pipeline> {
  const orgId = org.id;
  const id = () => crypto.randomUUID();
  const outsider = await createUser(db, `${org.slug} outsider`);
  await db.insert(s.memberships).values({ orgId, id: id(), userId: outsider.id, role: "rep" });
  const partnersTeamId = id();
  await db.insert(s.teams).values({ orgId, id: partnersTeamId, name: "Partners", parentTeamId: null });
  await db.insert(s.teamMembers).values({ orgId, teamId: partnersTeamId, userId: outsider.id, isManager: false });

  const strategyId = id();
  await db
    .insert(s.strategies)
    .values({ orgId, id: strategyId, name: "This half", startsOn: shift(-60), endsOn: shift(120), status: "active" });
  const objectives = { mfg: id(), emea: id(), idle: id() };
  await db.insert(s.objectives).values([
    { orgId, id: objectives.mfg, strategyId, title: "Win manufacturing", weight: 50, position: 0 },
    { orgId, id: objectives.emea, strategyId, title: "Land EMEA", weight: 30, position: 1 },
    { orgId, id: objectives.idle, strategyId, title: "Partners", weight: 20, position: 2 },
  ]);
  await db.insert(s.objectiveFocus).values([
    { orgId, id: id(), objectiveId: objectives.mfg, dimension: "industry", value: "Manufacturing" },
    { orgId, id: id(), objectiveId: objectives.emea, dimension: "region", value: "EMEA" },
  ]);
  const goals = { quota: id(), account: id(), skill: id() };
  await db.insert(s.goals).values([
    {
      orgId,
      id: goals.quota,
      userId: org.rep.id,
      strategyId,
      category: "quota",
      title: "Quota",
      target: "500000",
      unit: "USD",
      importance: 3,
    },
    {
      orgId,
      id: goals.account,
      userId: org.rep.id,
      strategyId,
      category: "account",
      title: "Land Acme",
      importance: 2,
    },
    { orgId, id: goals.skill, userId: org.rep.id, strategyId, category: "skill", title: "Demo skills", importance: 1 },
  ]);

  const accounts = { acme: id(), globex: id() };
  await db.insert(s.accounts).values([
    {
      orgId,
      id: accounts.acme,
      name: "Acme Manufacturing",
      domain: "acme.example",
      industry: "Manufacturing",
      segment: "Enterprise",
      region: "NA",
      ownerId: org.rep.id,
      teamId: org.subTeamId,
    },
    {
      orgId,
      id: accounts.globex,
      name: "Globex Retail",
      domain: "globex.example",
      industry: "Retail",
      segment: "SMB",
      region: "EMEA",
      ownerId: outsider.id,
      teamId: partnersTeamId,
    },
  ]);
  const contacts = { acmeCfo: id(), acmeOps: id(), acmeIt: id(), globexCeo: id() };
  await db.insert(s.contacts).values([
    { orgId, id: contacts.acmeCfo, accountId: accounts.acme, name: "Carla CFO", title: "CFO" },
    {
      orgId,
      id: contacts.acmeOps,
      accountId: accounts.acme,
      name: "Oscar Ops",
      title: "VP Operations",
      reportsToId: contacts.acmeCfo,
    },
    {
      orgId,
      id: contacts.acmeIt,
      accountId: accounts.acme,
      name: "Ida IT",
      title: "Head of IT",
      reportsToId: contacts.acmeCfo,
    },
    { orgId, id: contacts.globexCeo, accountId: accounts.globex, name: "Gus CEO", title: "CEO" },
  ]);
  const deals = { repOpen: id(), repWon: id(), outsiderOpen: id() };
  await db.insert(s.deals).values([
    {
      orgId,
      id: deals.repOpen,
      accountId: accounts.acme,
      name: "Acme vision rollout",
      amount: "100000.10",
      stage: "discovery",
      closeDate: shift(30),
      ownerId: org.rep.id,
      teamId: org.subTeamId,
      product: "Vision QA",
      customerProblem: "Defects escape",
      problemFit: "yes",
    },
    {
      orgId,
      id: deals.repWon,
      accountId: accounts.acme,
      name: "Acme pilot",
      amount: "20000.20",
      stage: "closed_won",
      closeDate: today(),
      ownerId: org.rep.id,
      teamId: org.subTeamId,
      problemFit: "yes",
    },
    {
      orgId,
      id: deals.outsiderOpen,
      accountId: accounts.globex,
      name: "Globex picking",
      amount: "50000.30",
      stage: "proposal",
      closeDate: shift(45),
      ownerId: outsider.id,
      teamId: partnersTeamId,
      problemFit: "partly",
    },
  ]);
  await db.insert(s.dealGoals).values({ orgId, dealId: deals.repOpen, goalId: goals.account });
  await db.insert(s.stakeholders).values({
    orgId,
    id: id(),
    dealId: deals.repOpen,
    contactId: contacts.acmeCfo,
    buyingRole: "economic_buyer",
    influence: 5,
  });
  return { strategyId, objectives, goals, outsider, partnersTeamId, accounts, contacts, deals };
}

/** The current version of a deal (privileged read). */
export async function versionOf(db: Database, dealId: string): Promise<number> {
  const [row] = await db.select({ version: s.deals.version }).from(s.deals).where(eq(s.deals.id, dealId));
  return row?.version ?? 0;
}

/** A reason of the organization's defaults, by label. */
export async function reasonId(db: Database, orgId: string, label: string): Promise<string> {
  const [row] = await db
    .select({ id: s.disqualificationReasons.id })
    .from(s.disqualificationReasons)
    .where(and(eq(s.disqualificationReasons.orgId, orgId), eq(s.disqualificationReasons.label, label)));
  if (!row) throw new Error(`no reason ${label}`);
  return row.id;
}

export interface DealsWorld {
  world: World;
  /** Filled in by the file's beforeAll, usable inside tests and hooks. */
  pipe: Pipeline;
  /** A caller acting as the member of `world.org` with this role. */
  as(role: Role): Caller;
  /** The rep creates a deal on Acme (amount 1000, closing 2026-12-01), with `extra` fields. */
  newDeal(name: string, extra?: Record<string, unknown>): ReturnType<Caller["deals"]["create"]>;
}

/** The world of the deals router tests: a fresh database with the pipeline seeded (see seedPipeline). */
export function useDealsWorld(): DealsWorld {
  const world = useWorld();
  const pipe = {} as Pipeline;
  beforeAll(async () => {
    Object.assign(pipe, await seedPipeline(world.db, world.org));
  });
  const as = (role: Role) => world.api(world.org[role]);
  const newDeal = (name: string, extra: Record<string, unknown> = {}) =>
    as("rep").deals.create({ accountId: pipe.accounts.acme, name, amount: "1000", closeDate: "2026-12-01", ...extra });
  return { world, pipe, as, newDeal };
}
