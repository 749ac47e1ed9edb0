/** The demo seed's rows, built in memory before they are inserted (db/seed.ts), and what the builders share. */
import type { InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as s from "./schema";
import type { ContactSlot, Industry, Region, Segment } from "./seed-data-customers";
import type { DemoPerson, ObjectiveKey, TeamKey } from "./seed-data-people";
import type { StrategySeed } from "./seed-data-strategy";
import type { Rng } from "./seed-random";

export type Insert<T extends PgTable> = InferInsertModel<T>;

export interface Rows {
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

export interface SeededObjective {
  id: string;
  key: ObjectiveKey;
  focus: StrategySeed["objectives"][number]["focus"];
}

export interface SeededGoal {
  id: string;
  category: Insert<typeof s.goals>["category"];
  links: ObjectiveKey[];
  /** An account goal about one named account only advances deals with that account. */
  accountName?: string;
}

export interface SeededAccount {
  id: string;
  name: string;
  industry: Industry;
  segment: Segment;
  region: Region;
  ownerKey: string;
  team: TeamKey;
  contacts: { id: string; slot: ContactSlot }[];
}

/** What every builder writes to: the seeded PRNG, the organization and the rows so far. */
export interface Demo {
  rng: Rng;
  orgId: string;
  rows: Rows;
}

/** The people and teams (db/seed-people.ts), looked up by key. */
export interface People {
  user(key: string): string;
  person(key: string): DemoPerson;
  team(key: TeamKey): string;
  homeTeam(p: DemoPerson): TeamKey;
  reps: DemoPerson[];
  repsByTeam: Map<TeamKey, DemoPerson[]>;
  membershipId: Map<string, string>;
}
