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
import { OPEN_STAGES as OPEN_STAGE_LIST } from "../server/domain/vocabulary";
import { eq, sql, type InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { hashPassword } from "../server/auth/password";
import { embeddedDataDir, openDatabase, type Database } from "./client";
import * as s from "./schema";
import { seedIntegrations } from "./seed-integrations";
import { seedPlans } from "./seed-plans";
import { seedReviews } from "./seed-reviews";
import {
  ACTIVE_STRATEGY,
  ARCHIVED_STRATEGY,
  BUSINESS_GOALS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  DEAL_KINDS,
  DISQUALIFY_REASONS,
  EXEC_TITLES,
  FIRST_NAMES,
  HOW_WE_SERVE,
  IT_TITLES,
  LAST_NAMES,
  OPS_MANAGER_TITLES,
  OPS_VP_TITLES,
  PEOPLE,
  PERSONAL_WINS,
  PROBLEMS,
  PROCUREMENT_TITLES,
  PRODUCTS_BY_INDUSTRY,
  TEAMS,
  type BuyingRole,
  type ContactSlot,
  type DemoPerson,
  type DemoRole,
  type Industry,
  type ObjectiveKey,
  type Product,
  type Region,
  type Segment,
  type StrategySeed,
  type TeamKey,
} from "./seed-data";

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
// Deterministic randomness

/** mulberry32: a tiny, fast, seeded 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    const last = options[options.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

const uuid = () => crypto.randomUUID();

const DAY_MS = 86_400_000;
/** A 'YYYY-MM-DD' date between two dates, both inclusive. */
function dateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((b - a) / DAY_MS);
  return new Date(a + rng.int(0, days) * DAY_MS).toISOString().slice(0, 10);
}

const money = (n: number) => n.toFixed(2);
const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

// "Today" for the demo: the seed's dates are fixed so that the data is the same on every run.
const TODAY = "2026-11-26";
const YESTERDAY = "2026-11-25";

// ---------------------------------------------------------------------------------------------------
// Row types

type Insert<T extends PgTable> = InferInsertModel<T>;

interface Rows {
  users: Insert<typeof s.users>[];
  organizations: Insert<typeof s.organizations>[];
  memberships: Insert<typeof s.memberships>[];
  teams: Insert<typeof s.teams>[];
  teamMembers: Insert<typeof s.teamMembers>[];
  strategies: Insert<typeof s.strategies>[];
  objectives: Insert<typeof s.objectives>[];
  objectiveFocus: Insert<typeof s.objectiveFocus>[];
  goals: Insert<typeof s.goals>[];
  goalObjectiveLinks: Insert<typeof s.goalObjectiveLinks>[];
  accounts: Insert<typeof s.accounts>[];
  contacts: Insert<typeof s.contacts>[];
  deals: Insert<typeof s.deals>[];
  dealObjectives: Insert<typeof s.dealObjectives>[];
  dealGoals: Insert<typeof s.dealGoals>[];
  stakeholders: Insert<typeof s.stakeholders>[];
  accountPlans: Insert<typeof s.accountPlans>[];
  planCollaborators: Insert<typeof s.planCollaborators>[];
  planProblems: Insert<typeof s.planProblems>[];
  planSteps: Insert<typeof s.planSteps>[];
  planComments: Insert<typeof s.planComments>[];
  auditEvents: Insert<typeof s.auditEvents>[];
}

interface SeededObjective {
  id: string;
  key: ObjectiveKey;
  focus: StrategySeed["objectives"][number]["focus"];
}

interface SeededGoal {
  id: string;
  category: Insert<typeof s.goals>["category"];
  links: ObjectiveKey[];
  /** An account goal about one named account only advances deals with that account. */
  accountName?: string;
}

interface SeededAccount {
  id: string;
  name: string;
  industry: Industry;
  segment: Segment;
  region: Region;
  ownerKey: string;
  team: TeamKey;
  contacts: { id: string; slot: ContactSlot }[];
}

interface GoalSeed {
  category: Insert<typeof s.goals>["category"];
  title: string;
  target: number | null;
  unit: string;
  /** current value as a share of the target (ignored without a target) */
  progress: number;
  importance: number;
  visibility: "private" | "manager" | "team";
  links: [ObjectiveKey, number][];
  accountName?: string;
}

const OPEN_STAGES = new Set<string>(OPEN_STAGE_LIST);

// ---------------------------------------------------------------------------------------------------
// The generator (pure apart from UUIDs)

function buildDemo(passwordHash: string): { orgId: string; rows: Rows } {
  const rng = new Rng(20_261_126);
  const orgId = uuid();
  const rows: Rows = {
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
  };

  // --- People and teams -----------------------------------------------------------------------------
  const userId = new Map<string, string>();
  const membershipId = new Map<string, string>();
  for (const p of PEOPLE) {
    const id = uuid();
    userId.set(p.key, id);
    rows.users.push({ id, email: p.email.toLowerCase(), name: p.name, passwordHash });
    const mId = uuid();
    membershipId.set(p.key, mId);
    rows.memberships.push({ orgId, id: mId, userId: id, role: p.role, status: "active" });
  }
  const user = (key: string): string => {
    const id = userId.get(key);
    if (!id) throw new Error(`unknown demo person ${key}`);
    return id;
  };
  const person = (key: string): DemoPerson => {
    const p = PEOPLE.find((x) => x.key === key);
    if (!p) throw new Error(`unknown demo person ${key}`);
    return p;
  };

  const teamId = new Map<TeamKey, string>();
  for (const t of TEAMS) teamId.set(t.key, uuid());
  const team = (key: TeamKey): string => {
    const id = teamId.get(key);
    if (!id) throw new Error(`unknown team ${key}`);
    return id;
  };
  // TEAMS lists parents before children, so one insert satisfies the self-reference.
  for (const t of TEAMS)
    rows.teams.push({ orgId, id: team(t.key), name: t.name, parentTeamId: t.parent ? team(t.parent) : null });
  for (const p of PEOPLE) {
    for (const m of p.teams)
      rows.teamMembers.push({ orgId, teamId: team(m.team), userId: user(p.key), isManager: m.isManager });
  }

  const reps = PEOPLE.filter((p) => p.role === "rep");
  const homeTeam = (p: DemoPerson): TeamKey => {
    const first = p.teams[0];
    if (!first) throw new Error(`${p.key} has no team`);
    return first.team;
  };
  const repsByTeam = new Map<TeamKey, DemoPerson[]>();
  for (const r of reps) repsByTeam.set(homeTeam(r), [...(repsByTeam.get(homeTeam(r)) ?? []), r]);

  // --- Strategies -------------------------------------------------------------------------------------
  const objectiveByKey = new Map<ObjectiveKey, SeededObjective>();
  const strategyId = new Map<string, string>();
  for (const st of [ARCHIVED_STRATEGY, ACTIVE_STRATEGY]) {
    const sId = uuid();
    strategyId.set(st.name, sId);
    rows.strategies.push({
      orgId,
      id: sId,
      name: st.name,
      startsOn: st.startsOn,
      endsOn: st.endsOn,
      status: st.status,
    });
    st.objectives.forEach((o, position) => {
      const oId = uuid();
      objectiveByKey.set(o.key, { id: oId, key: o.key, focus: o.focus });
      rows.objectives.push({
        orgId,
        id: oId,
        strategyId: sId,
        title: o.title,
        description: o.description,
        weight: o.weight,
        ownerId: user(o.owner),
        position,
      });
      for (const f of o.focus)
        rows.objectiveFocus.push({ orgId, id: uuid(), objectiveId: oId, dimension: f.dimension, value: f.value });
    });
  }
  const objective = (key: ObjectiveKey): SeededObjective => {
    const o = objectiveByKey.get(key);
    if (!o) throw new Error(`unknown objective ${key}`);
    return o;
  };
  const activeStrategyId = strategyId.get(ACTIVE_STRATEGY.name) ?? "";
  const archivedStrategyId = strategyId.get(ARCHIVED_STRATEGY.name) ?? "";
  const activeObjectives = ACTIVE_STRATEGY.objectives.map((o) => objective(o.key));

  // --- Goals --------------------------------------------------------------------------------------------
  const activeGoals = new Map<string, SeededGoal[]>(); // by person key
  const addGoal = (ownerKey: string, strategy: string, g: GoalSeed) => {
    const id = uuid();
    const current =
      g.target === null
        ? 0
        : g.unit === "USD"
          ? Math.round((g.target * g.progress) / 1000) * 1000
          : Math.round(g.target * g.progress);
    rows.goals.push({
      orgId,
      id,
      userId: user(ownerKey),
      strategyId: strategy,
      category: g.category,
      title: g.title,
      target: g.target === null ? null : money(g.target),
      unit: g.unit,
      currentValue: money(current),
      importance: g.importance,
      visibility: g.visibility,
    });
    for (const [key, strength] of g.links)
      rows.goalObjectiveLinks.push({ orgId, goalId: id, objectiveId: objective(key).id, strength });
    if (strategy === activeStrategyId) {
      activeGoals.set(ownerKey, [
        ...(activeGoals.get(ownerKey) ?? []),
        { id, category: g.category, links: g.links.map(([k]) => k), accountName: g.accountName },
      ]);
    }
  };

  const goalsFor = (p: DemoPerson, index: number): GoalSeed[] => {
    if (p.key === "riley") {
      // Fixed, so that the shared review's snapshot matches the goals it describes.
      return [
        {
          category: "quota",
          title: "Close $1.2M of new bookings in H2",
          target: 1_200_000,
          unit: "USD",
          progress: 0.62,
          importance: 3,
          visibility: "manager",
          links: [
            ["winMfg", 2],
            ["emea", 1],
          ],
        },
        {
          category: "account",
          title: "Land Granite Peak as a multi-site Vision QA customer",
          target: 1,
          unit: "deals",
          progress: 0,
          importance: 3,
          visibility: "team",
          links: [["winMfg", 3]],
          accountName: "Granite Peak Manufacturing",
        },
        {
          category: "other",
          title: "Open 3 new EMEA accounts from the Rotterdam lead list",
          target: 3,
          unit: "deals",
          progress: 0.34,
          importance: 2,
          visibility: "team",
          links: [["emea", 3]],
        },
        {
          category: "promotion",
          title: "Make Senior Account Executive by the January review",
          target: null,
          unit: "",
          progress: 0,
          importance: 3,
          visibility: "private",
          links: [],
        },
      ];
    }
    const team = homeTeam(p);
    if (team === "enterpriseEast" || team === "enterpriseWest") {
      const quota = rng.pick([1_000_000, 1_200_000, 1_500_000]);
      const out: GoalSeed[] = [
        {
          category: "quota",
          title: `Close $${quota / 1_000_000}M of new bookings in H2`,
          target: quota,
          unit: "USD",
          progress: rng.float(0.4, 0.9),
          importance: 3,
          visibility: "manager",
          links: [["winMfg", 2], team === "enterpriseEast" ? ["emea", 1] : ["fleet", 1]],
        },
        {
          category: "account",
          title: "Land two new enterprise manufacturing logos",
          target: 2,
          unit: "deals",
          progress: rng.pick([0, 0.5]),
          importance: 3,
          visibility: "team",
          links: [["winMfg", 3]],
        },
        {
          category: "skill",
          title: "Get certified to demo Fleet Analytics end to end",
          target: 100,
          unit: "%",
          progress: rng.float(0.3, 0.9),
          importance: rng.int(1, 2),
          visibility: "manager",
          links: index % 3 === 2 ? [] : [["fleet", 2]],
        },
      ];
      if (index % 2 === 0) {
        out.push({
          category: "promotion",
          title: "Promotion to Senior Account Executive",
          target: null,
          unit: "",
          progress: 0,
          importance: 3,
          visibility: "private",
          links: [],
        });
      } else if (team === "enterpriseWest") {
        out.push({
          category: "other",
          title: "Attach Fleet Analytics to every robot deployment",
          target: 4,
          unit: "deals",
          progress: rng.float(0.2, 0.6),
          importance: 2,
          visibility: "team",
          links: [["fleet", 3]],
        });
      }
      return out;
    }
    // Mid-Market
    const quota = rng.pick([500_000, 650_000, 750_000]);
    const out: GoalSeed[] = [
      {
        category: "quota",
        title: `Hit the $${quota / 1000}K H2 quota`,
        target: quota,
        unit: "USD",
        progress: rng.float(0.45, 0.95),
        importance: 3,
        visibility: "manager",
        links: [
          ["healthcare", 1],
          ["fleet", 1],
        ],
      },
      {
        category: "commission",
        title: "Reach the 120% commission accelerator",
        target: 120,
        unit: "%",
        progress: rng.float(0.55, 0.9),
        importance: 2,
        visibility: "private",
        links: index % 2 === 0 ? [["healthcare", 1]] : [],
      },
      {
        category: "account",
        title: "Win three hospital or pharmacy networks",
        target: 3,
        unit: "deals",
        progress: rng.pick([0, 0.34, 0.67]),
        importance: 3,
        visibility: "team",
        links: [["healthcare", 3]],
      },
    ];
    out.push(
      index % 2 === 0
        ? {
            category: "other",
            title: "Attach Fleet Analytics to four mid-market deals",
            target: 4,
            unit: "deals",
            progress: rng.float(0.2, 0.8),
            importance: 2,
            visibility: "team",
            links: [["fleet", 2]],
          }
        : {
            category: "skill",
            title: "Lift discovery-to-proposal conversion to 40%",
            target: 40,
            unit: "%",
            progress: rng.float(0.6, 0.9),
            importance: 1,
            visibility: "manager",
            links: [],
          },
    );
    return out;
  };

  reps.forEach((p, i) => {
    for (const g of goalsFor(p, i)) addGoal(p.key, activeStrategyId, g);
    // The previous period: one closed-out quota goal each.
    const enterprise = homeTeam(p) !== "midMarket";
    addGoal(p.key, archivedStrategyId, {
      category: "quota",
      title: enterprise ? "Close $1M of new bookings in H1" : "Hit the $500K H1 quota",
      target: enterprise ? 1_000_000 : 500_000,
      unit: "USD",
      progress: rng.float(0.75, 1.2),
      importance: 3,
      visibility: "manager",
      links: [enterprise ? ["visionQa", 2] : ["midMarket", 3]],
    });
  });
  const managerGoals: Record<string, GoalSeed[]> = {
    maria: [
      {
        category: "quota",
        title: "Enterprise team: $6M of bookings in H2",
        target: 6_000_000,
        unit: "USD",
        progress: 0.58,
        importance: 3,
        visibility: "team",
        links: [
          ["winMfg", 3],
          ["emea", 2],
        ],
      },
      {
        category: "skill",
        title: "Join five executive-sponsor meetings with my reps",
        target: 5,
        unit: "",
        progress: 0.4,
        importance: 2,
        visibility: "team",
        links: [["winMfg", 1]],
      },
      {
        category: "account",
        title: "Three EMEA reference customers",
        target: 3,
        unit: "deals",
        progress: 0.34,
        importance: 2,
        visibility: "manager",
        links: [["emea", 3]],
      },
    ],
    james: [
      {
        category: "quota",
        title: "Mid-Market team: $2.6M of bookings in H2",
        target: 2_600_000,
        unit: "USD",
        progress: 0.66,
        importance: 3,
        visibility: "team",
        links: [
          ["healthcare", 2],
          ["fleet", 2],
        ],
      },
      {
        category: "account",
        title: "Two healthcare reference customers",
        target: 2,
        unit: "deals",
        progress: 0.5,
        importance: 3,
        visibility: "team",
        links: [["healthcare", 3]],
      },
      {
        category: "promotion",
        title: "Become Director of Sales, Americas",
        target: null,
        unit: "",
        progress: 0,
        importance: 2,
        visibility: "private",
        links: [],
      },
    ],
  };
  for (const [key, list] of Object.entries(managerGoals)) for (const g of list) addGoal(key, activeStrategyId, g);

  // --- Accounts and contacts ----------------------------------------------------------------------------
  const accountsList: SeededAccount[] = [];
  const contactDepth: number[] = [];
  const pushContact = (
    accountId: string,
    name: string,
    title: string,
    domain: string,
    reportsToId: string | null,
    depth: number,
  ) => {
    const id = uuid();
    const local = slugify(name).replace(/-/g, ".");
    rows.contacts.push({ orgId, id, accountId, name, title, email: `${local}@${domain}`, reportsToId });
    contactDepth.push(depth);
    return id;
  };
  const addAccount = (a: Omit<SeededAccount, "id" | "contacts">, domain: string): SeededAccount => {
    const seeded: SeededAccount = { ...a, id: uuid(), contacts: [] };
    rows.accounts.push({
      orgId,
      id: seeded.id,
      name: a.name,
      domain,
      industry: a.industry,
      segment: a.segment,
      region: a.region,
      ownerId: user(a.ownerKey),
      teamId: team(a.team),
    });
    accountsList.push(seeded);
    return seeded;
  };

  // The flagship account, with its fixed buying committee (it carries the demo account plan).
  const granite = addAccount(
    {
      name: "Granite Peak Manufacturing",
      industry: "Manufacturing",
      segment: "Enterprise",
      region: "NA",
      ownerKey: "riley",
      team: "enterpriseEast",
    },
    "granitepeak-mfg.example",
  );
  {
    const domain = "granitepeak-mfg.example";
    const cfo = pushContact(granite.id, "Eleanor Voss", "CFO", domain, null, 0);
    const vp = pushContact(granite.id, "Rajesh Iyer", "VP Operations", domain, cfo, 1);
    const it = pushContact(granite.id, "Karin Lindqvist", "Head of IT", domain, cfo, 1);
    const plant = pushContact(granite.id, "Mateo Ruiz", "Plant Manager", domain, vp, 2);
    const buyer = pushContact(granite.id, "Priscilla Grant", "Procurement Lead", domain, cfo, 1);
    granite.contacts.push(
      { id: cfo, slot: "exec" },
      { id: vp, slot: "opsVp" },
      { id: it, slot: "it" },
      { id: plant, slot: "opsManager" },
      { id: buyer, slot: "procurement" },
    );
  }

  const industryWeights: Record<TeamKey, [Industry, number][]> = {
    enterpriseEast: [
      ["Manufacturing", 45],
      ["Healthcare", 10],
      ["Logistics", 15],
      ["Retail", 10],
      ["Energy", 10],
      ["Financial Services", 10],
    ],
    enterpriseWest: [
      ["Manufacturing", 40],
      ["Healthcare", 10],
      ["Logistics", 15],
      ["Retail", 10],
      ["Energy", 15],
      ["Financial Services", 10],
    ],
    midMarket: [
      ["Manufacturing", 15],
      ["Healthcare", 35],
      ["Logistics", 20],
      ["Retail", 15],
      ["Energy", 5],
      ["Financial Services", 10],
    ],
    sales: [],
    enterprise: [],
  };
  const segmentWeights: Record<TeamKey, [Segment, number][]> = {
    enterpriseEast: [
      ["Enterprise", 80],
      ["Mid-Market", 20],
    ],
    enterpriseWest: [
      ["Enterprise", 80],
      ["Mid-Market", 20],
    ],
    midMarket: [
      ["Mid-Market", 65],
      ["SMB", 35],
    ],
    sales: [],
    enterprise: [],
  };
  const regionWeights: Record<TeamKey, [Region, number][]> = {
    enterpriseEast: [
      ["NA", 55],
      ["EMEA", 45],
    ],
    enterpriseWest: [
      ["NA", 60],
      ["APAC", 40],
    ],
    midMarket: [
      ["NA", 60],
      ["EMEA", 25],
      ["APAC", 15],
    ],
    sales: [],
    enterprise: [],
  };

  const prefixes = rng.shuffle(COMPANY_PREFIXES);
  const ACCOUNT_COUNT = 60;
  for (let i = 0; i < ACCOUNT_COUNT - 1; i++) {
    const owner = reps[(i + 1) % reps.length];
    const prefix = prefixes[i];
    if (!owner || !prefix) throw new Error("not enough demo reps or company names");
    const teamKey = homeTeam(owner);
    const industry = rng.weighted(industryWeights[teamKey]);
    const name = `${prefix} ${rng.pick(COMPANY_SUFFIXES[industry])}`;
    const domain = `${slugify(name)}.example`;
    const account = addAccount(
      {
        name,
        industry,
        segment: rng.weighted(segmentWeights[teamKey]),
        region: rng.weighted(regionWeights[teamKey]),
        ownerKey: owner.key,
        team: teamKey,
      },
      domain,
    );

    // 2–5 contacts: an executive first, then a random part of the rest of the buying committee.
    const count = rng.int(2, 5);
    const slots: ContactSlot[] = [
      "exec",
      ...rng.shuffle<ContactSlot>(["opsVp", "it", "opsManager", "procurement"]).slice(0, count - 1),
    ];
    const usedNames = new Set<string>();
    const ids = new Map<ContactSlot, string>();
    // Parents first: exec, then the VP, so that reports_to always names an earlier contact.
    const order: ContactSlot[] = ["exec", "opsVp", "it", "procurement", "opsManager"];
    for (const slot of order.filter((x) => slots.includes(x))) {
      let contactName = "";
      do contactName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      while (usedNames.has(contactName));
      usedNames.add(contactName);
      const exec = ids.get("exec") ?? null;
      const vp = ids.get("opsVp") ?? null;
      let title: string;
      let reportsTo: string | null = null;
      let depth = 0;
      switch (slot) {
        case "exec":
          title = rng.pick(EXEC_TITLES);
          break;
        case "opsVp":
          title = rng.pick(OPS_VP_TITLES[industry]);
          reportsTo = exec;
          break;
        case "it":
          title = rng.pick(IT_TITLES);
          reportsTo = rng.chance(0.8) ? exec : null;
          break;
        case "procurement":
          title = rng.pick(PROCUREMENT_TITLES);
          reportsTo = rng.chance(0.5) ? exec : null;
          break;
        case "opsManager":
          title = rng.pick(OPS_MANAGER_TITLES[industry]);
          reportsTo = vp ?? exec;
          break;
      }
      depth = reportsTo === null ? 0 : reportsTo === vp ? 2 : 1;
      const id = pushContact(account.id, contactName, title, domain, reportsTo, depth);
      ids.set(slot, id);
      account.contacts.push({ id, slot });
    }
  }

  // --- Deals ---------------------------------------------------------------------------------------------
  const dealNames = new Set<string>();
  const matches = (o: SeededObjective, d: { industry: string; segment: string; region: string; product: string }) => {
    // Within a dimension any value matches; across dimensions all must match.
    const dims = new Map<string, string[]>();
    for (const f of o.focus) dims.set(f.dimension, [...(dims.get(f.dimension) ?? []), f.value]);
    return [...dims].every(([dim, values]) => values.includes(d[dim as keyof typeof d]));
  };

  interface DealSpec {
    account: SeededAccount;
    ownerKey: string;
    name: string;
    amount: number;
    stage: Insert<typeof s.deals>["stage"] & string;
    closeDate: string;
    product: Product;
    customerProblem: string;
    problemFit: "yes" | "partly" | "no" | "unknown";
    disqualifiedReason?: string;
    disqualifiedNote?: string;
  }

  const addStakeholder = (
    dealId: string,
    contactId: string,
    buyingRole: BuyingRole,
    influence: number,
    stance: "supporter" | "neutral" | "skeptic" | "opponent" | "unknown",
    personalWin: string,
    businessGoal: string,
    howWeServeIt: string,
  ) => {
    rows.stakeholders.push({
      orgId,
      id: uuid(),
      dealId,
      contactId,
      buyingRole,
      influence,
      stance,
      personalWin,
      businessGoal,
      howWeServeIt,
    });
  };

  const addDeal = (
    d: DealSpec,
    opts: { stakeholders: "generate" | "none"; noWins?: boolean } = { stakeholders: "generate" },
  ): string => {
    const id = uuid();
    const owner = person(d.ownerKey);
    rows.deals.push({
      orgId,
      id,
      accountId: d.account.id,
      name: d.name,
      amount: money(d.amount),
      currency: "USD",
      stage: d.stage,
      closeDate: d.closeDate,
      ownerId: user(d.ownerKey),
      teamId: team(homeTeam(owner)),
      product: d.product,
      customerProblem: d.customerProblem,
      problemFit: d.problemFit,
      disqualifiedReason: d.disqualifiedReason ?? null,
      disqualifiedNote: d.disqualifiedNote ?? null,
    });

    const attrs = {
      industry: d.account.industry,
      segment: d.account.segment,
      region: d.account.region,
      product: d.product,
    };
    const matched = activeObjectives.filter((o) => matches(o, attrs));
    // Explicit links: sometimes confirming a focus match, now and then a rep's own judgement.
    if (matched.length > 0 && rng.chance(0.2))
      rows.dealObjectives.push({ orgId, dealId: id, objectiveId: rng.pick(matched).id });
    else if (rng.chance(0.05))
      rows.dealObjectives.push({ orgId, dealId: id, objectiveId: rng.pick(activeObjectives).id });

    // Which of the owner's goals the deal advances.
    const open = OPEN_STAGES.has(d.stage);
    const matchedKeys = new Set(matched.map((o) => o.key));
    for (const g of activeGoals.get(d.ownerKey) ?? []) {
      const link =
        g.accountName !== undefined
          ? g.accountName === d.account.name
          : g.category === "quota"
            ? (open || d.stage === "closed_won") && rng.chance(0.35)
            : g.links.some((k) => matchedKeys.has(k)) && rng.chance(0.75);
      if (link) rows.dealGoals.push({ orgId, dealId: id, goalId: g.id });
    }

    if (opts.stakeholders === "generate") {
      const winKnown: Record<string, number> = {
        prospecting: 0.3,
        qualification: 0.5,
        discovery: 0.65,
        proposal: 0.8,
        negotiation: 0.85,
        closed_won: 0.9,
        closed_lost: 0.6,
        disqualified: 0.5,
      };
      const take = Math.min(d.account.contacts.length, rng.int(1, 4));
      for (const c of rng.shuffle(d.account.contacts).slice(0, take)) {
        let role: BuyingRole;
        switch (c.slot) {
          case "exec":
            role = rng.chance(0.9) ? "economic_buyer" : "decision_maker";
            break;
          case "opsVp":
            role = rng.weighted<BuyingRole>([
              ["decision_maker", 80],
              ["influencer", 20],
            ]);
            break;
          case "it":
            role = rng.chance(0.85) ? "technical_buyer" : "blocker";
            break;
          case "opsManager":
            role = rng.weighted<BuyingRole>([
              ["champion", 60],
              ["user", 30],
              ["influencer", 10],
            ]);
            break;
          case "procurement":
            role = rng.chance(0.65) ? "influencer" : "blocker";
            break;
        }
        const influence = {
          economic_buyer: rng.int(4, 5),
          decision_maker: rng.int(4, 5),
          champion: rng.int(2, 4),
          technical_buyer: rng.int(2, 4),
          influencer: rng.int(2, 3),
          user: rng.int(1, 2),
          blocker: rng.int(2, 4),
        }[role];
        const stance =
          role === "champion"
            ? rng.weighted([
                ["supporter", 85],
                ["neutral", 15],
              ] as const)
            : role === "blocker"
              ? rng.weighted([
                  ["skeptic", 50],
                  ["opponent", 50],
                ] as const)
              : d.stage === "closed_won"
                ? rng.weighted([
                    ["supporter", 70],
                    ["neutral", 30],
                  ] as const)
                : rng.weighted([
                    ["supporter", 35],
                    ["neutral", 35],
                    ["skeptic", 10],
                    ["unknown", 20],
                  ] as const);
        const known = !opts.noWins && rng.chance(winKnown[d.stage] ?? 0.5);
        const personalWin = known ? rng.pick(PERSONAL_WINS[role]) : "";
        const businessGoal = rng.chance(0.85) ? rng.pick(BUSINESS_GOALS[role]) : "";
        const howWeServeIt = known && rng.chance(0.7) ? rng.pick(HOW_WE_SERVE[role]) : "";
        addStakeholder(id, c.id, role, influence, stance, personalWin, businessGoal, howWeServeIt);
      }
    }
    return id;
  };

  // The flagship account's deals, written by hand.
  const contactOf = (a: SeededAccount, slot: ContactSlot): string => {
    const c = a.contacts.find((x) => x.slot === slot);
    if (!c) throw new Error(`${a.name} has no ${slot}`);
    return c.id;
  };
  const graniteMain = addDeal(
    {
      account: granite,
      ownerKey: "riley",
      name: "Granite Peak Manufacturing — Vision QA multi-site deployment",
      amount: 342_000,
      stage: "proposal",
      closeDate: "2026-12-18",
      product: "Vision QA",
      customerProblem:
        "Manual final inspection on six stamping lines misses 2–3% of defects; scrap, rework and warranty returns cost about $1.4M a year, and their largest automotive customer has put them on a quality watch list.",
      problemFit: "yes",
    },
    { stakeholders: "none" },
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "exec"),
    "economic_buyer",
    5,
    "neutral",
    "A cost-reduction story to show the board before the budget cycle",
    "Cut warranty cost by half in FY2027",
    "ROI model built on their own scrap data, reviewed with her before the Dec 9 budget meeting",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "opsVp"),
    "decision_maker",
    5,
    "supporter",
    "Promotion to SVP Operations once the new line is live",
    "Raise OEE from 71% to 80% on the stamping lines",
    "Staged rollout plan with a success metric he chose: defect escapes per 10k parts",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "opsManager"),
    "champion",
    4,
    "supporter",
    "Get his team off the manual inspection shifts",
    "Cut defect escapes in half",
    "Co-present the Dayton pilot results with him at their operations summit",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "it"),
    "technical_buyer",
    3,
    "skeptic",
    "",
    "Keep the plant network segmented and secure",
    "",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "procurement"),
    "influencer",
    2,
    "neutral",
    "Hit this year's savings target on the category",
    "Standard contract terms across sites",
    "Framework agreement that other plants can call off",
  );

  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Robotic Picking pilot (Charlotte DC)",
    amount: 118_500,
    stage: "discovery",
    closeDate: "2027-02-26",
    product: "Robotic Picking",
    customerProblem: "The new Charlotte distribution centre opens in Q2 without the budget for 40 seasonal pickers.",
    problemFit: "yes",
  });
  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Fleet Analytics expansion",
    amount: 86_000,
    stage: "qualification",
    closeDate: "2027-03-19",
    product: "Fleet Analytics",
    customerProblem:
      "Unplanned downtime on 140 AGVs and forklifts; they only learn about failures after a missed shipment.",
    problemFit: "partly",
  });
  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Vision QA pilot (Dayton line)",
    amount: 48_000,
    stage: "closed_won",
    closeDate: "2026-08-14",
    product: "Vision QA",
    customerProblem: "Quality escapes on the Dayton stamping line put a key automotive contract at risk.",
    problemFit: "yes",
  });

  // The rest, generated: every account gets at least one deal, larger accounts more.
  const GENERATED_DEALS = 228;
  const others = accountsList.filter((a) => a !== granite);
  const segmentWeight: Record<Segment, number> = { Enterprise: 3, "Mid-Market": 2, SMB: 1 };
  const weightedAccounts = others.map((a) => [a, segmentWeight[a.segment]] as const);
  const amountRange: Record<Segment, [number, number]> = {
    Enterprise: [60_000, 400_000],
    "Mid-Market": [20_000, 150_000],
    SMB: [5_000, 45_000],
  };
  for (let i = 0; i < GENERATED_DEALS; i++) {
    const account = i < others.length ? (others[i] as SeededAccount) : rng.weighted(weightedAccounts);
    const teammates = (repsByTeam.get(account.team) ?? []).filter((r) => r.key !== account.ownerKey);
    const ownerKey = teammates.length > 0 && rng.chance(0.1) ? rng.pick(teammates).key : account.ownerKey;
    const product = rng.pick(PRODUCTS_BY_INDUSTRY[account.industry]);
    let name = "";
    for (let attempt = 0; attempt < 12 && (name === "" || dealNames.has(name)); attempt++) {
      name = `${account.name} — ${product} ${rng.pick(DEAL_KINDS)}`;
    }
    for (let n = 2; dealNames.has(name); n++) name = `${account.name} — ${product} ${rng.pick(DEAL_KINDS)} ${n}`;
    dealNames.add(name);

    const [lo, hi] = amountRange[account.segment];
    const amount = Math.round(rng.float(lo, hi) / 500) * 500;
    const stage = rng.weighted([
      ["prospecting", 15],
      ["qualification", 15],
      ["discovery", 17],
      ["proposal", 15],
      ["negotiation", 10],
      ["closed_won", 12],
      ["closed_lost", 8],
      ["disqualified", 8],
    ] as const);
    const closed = !OPEN_STAGES.has(stage);
    const closeDate = closed ? dateBetween(rng, "2026-06-01", YESTERDAY) : dateBetween(rng, TODAY, "2027-03-31");

    let problemFit: DealSpec["problemFit"];
    let disqualifiedReason: string | undefined;
    let disqualifiedNote: string | undefined;
    if (stage === "disqualified") {
      const dq = rng.weighted(DISQUALIFY_REASONS.map((r, k) => [r, [45, 25, 20, 10][k] ?? 10] as const));
      disqualifiedReason = dq.reason;
      disqualifiedNote = rng.pick(dq.notes);
      problemFit = dq.reason === "No problem we can solve" ? "no" : rng.chance(0.5) ? "yes" : "partly";
    } else if (stage === "closed_won") {
      problemFit = "yes";
    } else if (stage === "closed_lost") {
      problemFit = rng.chance(0.6) ? "yes" : "partly";
    } else if (stage === "prospecting") {
      problemFit = rng.weighted([
        ["unknown", 50],
        ["yes", 35],
        ["partly", 13],
        ["no", 2],
      ] as const);
    } else {
      problemFit = rng.weighted([
        ["yes", 72],
        ["partly", 15],
        ["unknown", 10],
        ["no", 3],
      ] as const);
    }
    const problem = rng
      .pick(PROBLEMS[product])
      .replace("{cost}", () => `$${Math.round((amount * rng.float(2, 4)) / 1000)}K`);
    const customerProblem =
      problemFit === "unknown"
        ? `To confirm in discovery: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`
        : problem;

    addDeal(
      {
        account,
        ownerKey,
        name,
        amount,
        stage,
        closeDate,
        product,
        customerProblem,
        problemFit,
        disqualifiedReason,
        disqualifiedNote,
      },
      { stakeholders: "generate", noWins: disqualifiedReason === "No personal win for the decision maker" },
    );
  }

  // --- The account plan ----------------------------------------------------------------------------------
  const planId = uuid();
  rows.accountPlans.push({
    orgId,
    id: planId,
    accountId: granite.id,
    title: "Granite Peak Manufacturing — FY2027 joint plan",
    customerObjectives: [
      "1. Raise OEE on the Dayton and Greenville stamping lines from 71% to 80% by Q3 2027.",
      "2. Halve warranty returns caused by quality escapes, and get off the automotive customer's watch list.",
      "3. Open the Charlotte distribution centre in Q2 without hiring 40 seasonal pickers.",
    ].join("\n"),
    status: "active",
  });
  rows.planCollaborators.push(
    { orgId, planId, userId: user("riley"), access: "owner" },
    { orgId, planId, userId: user("maria"), access: "editor" },
    { orgId, planId, userId: user("priya"), access: "viewer" },
  );
  rows.planProblems.push(
    {
      orgId,
      id: uuid(),
      planId,
      problem: "Manual final inspection misses 2–3% of defects on the stamping lines",
      solution: "Vision QA on all six stamping lines, with defect images routed to the quality team",
      impact: "About $1.4M a year in scrap, rework and warranty returns",
      status: "addressed",
      position: 0,
    },
    {
      orgId,
      id: uuid(),
      planId,
      problem: "The Charlotte DC opens in Q2 without a budget for seasonal pickers",
      solution: "Robotic Picking pilot with 12 stations in the Charlotte DC",
      impact: "40 seasonal FTE at peak; same-day shipping promised to two retail customers",
      status: "open",
      position: 1,
    },
    {
      orgId,
      id: uuid(),
      planId,
      problem: "Unplanned downtime on 140 AGVs and forklifts",
      solution: "Fleet Analytics condition monitoring, attached to the robot rollout",
      impact: "9% fleet downtime; two missed customer shipments in Q3",
      status: "parked",
      position: 2,
    },
  );
  const steps: [string, "us" | "customer", string, string, "open" | "done", boolean][] = [
    ["Discovery workshop with plant leadership", "us", "Riley Chen", "2026-10-08", "done", true],
    ["Share six months of defect data from the Dayton line", "customer", "Mateo Ruiz", "2026-10-22", "done", true],
    ["Agree discount guardrails with the deal desk", "us", "Maria Alvarez", "2026-12-01", "open", false],
    ["Review the ROI model with the CFO", "us", "Riley Chen", "2026-12-04", "open", true],
    ["Security review of the Vision QA edge appliance", "customer", "Karin Lindqvist", "2026-12-11", "open", true],
    ["Board approval of the multi-site investment", "customer", "Eleanor Voss", "2027-01-20", "open", true],
  ];
  steps.forEach(([title, side, ownerName, dueOn, status, customerVisible], position) =>
    rows.planSteps.push({
      orgId,
      id: uuid(),
      planId,
      title,
      side,
      ownerName,
      dueOn,
      status,
      customerVisible,
      position,
    }),
  );
  rows.planComments.push(
    {
      orgId,
      id: uuid(),
      planId,
      authorId: user("riley"),
      body: "Rajesh confirmed the Dayton pilot numbers internally. He wants the ROI model before the December 9 budget meeting.",
      createdAt: new Date("2026-11-23T14:12:00Z"),
    },
    {
      orgId,
      id: uuid(),
      planId,
      authorId: user("maria"),
      body: "Good. Let's hold any discount until the security review is through — Karin is the real risk on this deal, and her win is still unknown.",
      createdAt: new Date("2026-11-24T09:40:00Z"),
    },
  );

  // --- Audit log -------------------------------------------------------------------------------------------
  const admin = user("admin");
  const audit = (
    action: string,
    entityType: string,
    entityId: string,
    at: string,
    after: unknown,
    actorId = admin,
    before: unknown = null,
  ) =>
    rows.auditEvents.push({
      orgId,
      id: uuid(),
      actorId,
      action,
      entityType,
      entityId,
      before,
      after,
      at: new Date(at),
    });
  audit("organization.created", "organization", orgId, "2026-01-05T09:00:00Z", {
    name: DEMO_ORG.name,
    slug: DEMO_ORG.slug,
  });
  for (const [i, key] of ["maria", "james"].entries()) {
    audit("member.invited", "membership", membershipId.get(key) ?? "", `2026-01-05T09:${10 + i}:00Z`, {
      email: person(key).email,
      role: person(key).role,
    });
  }
  audit("member.invited", "membership", membershipId.get("riley") ?? "", "2026-01-07T11:00:00Z", {
    email: "rep@acme.test",
    role: "rep",
  });
  audit("strategy.activated", "strategy", archivedStrategyId, "2026-01-12T08:30:00Z", { status: "active" }, admin, {
    status: "draft",
  });
  audit("strategy.archived", "strategy", archivedStrategyId, "2026-07-01T08:00:00Z", { status: "archived" }, admin, {
    status: "active",
  });
  audit("strategy.activated", "strategy", activeStrategyId, "2026-07-01T08:01:00Z", { status: "active" }, admin, {
    status: "draft",
  });
  audit(
    "plan.created",
    "account_plan",
    planId,
    "2026-10-02T13:20:00Z",
    { title: "Granite Peak Manufacturing — FY2027 joint plan" },
    user("riley"),
  );
  // The flagship deal's timeline.
  const riley = user("riley");
  audit(
    "deal.created",
    "deal",
    graniteMain,
    "2026-09-03T10:15:00Z",
    {
      name: "Granite Peak Manufacturing — Vision QA multi-site deployment",
      stage: "qualification",
      amount: "280000.00",
      currency: "USD",
      ownerId: riley,
    },
    riley,
  );
  audit("deal.stage_changed", "deal", graniteMain, "2026-10-01T16:40:00Z", { stage: "discovery" }, riley, {
    stage: "qualification",
  });
  audit("deal.updated", "deal", graniteMain, "2026-11-02T09:05:00Z", { amount: "342000.00", currency: "USD" }, riley, {
    amount: "280000.00",
    currency: "USD",
  });
  audit("deal.stage_changed", "deal", graniteMain, "2026-11-12T14:20:00Z", { stage: "proposal" }, riley, {
    stage: "discovery",
  });

  // Parents before children for the self-referencing contacts (reports_to).
  rows.contacts = rows.contacts
    .map((c, i) => [c, contactDepth[i] ?? 0] as const)
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
