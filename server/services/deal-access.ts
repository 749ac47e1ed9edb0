/**
 * Who may see and edit accounts, contacts, deals and stakeholders (DESIGN.md "Roles and visibility"):
 * - admin: every record;
 * - manager: reads the records of the teams they manage and their sub-teams (plus teams they sit in) and
 *   their own; edits their own;
 * - rep: reads and edits their own deals and accounts, and reads the accounts of their own deals;
 * - viewer: reads the records of the teams they belong to and their sub-teams; writes nothing.
 * A record the caller may not see answers NOT_FOUND; one they may see but not edit answers FORBIDDEN.
 *
 * The conditions are SQL fragments on the `deals` / `accounts` tables, used inside queries so that lists
 * never load rows the caller may not see. Raw fragments name the tables explicitly (see the Drizzle pitfall
 * in docs/architecture.md).
 */
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, SelectedFields } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { accounts, deals, memberships, teamMembers, teams, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { allows, assertCan } from "@/server/authz/record-rules";
import type { TeamScope } from "@/server/authz/team-tree";
import { scopeOf } from "./scope";
import { badRequest, notFound } from "@/server/domain/errors";

export interface Visibility {
  actor: Actor;
  scope: TeamScope;
  /** Condition on `deals` rows the actor may read. */
  deals: SQL;
  /** Condition on `accounts` rows the actor may read. */
  accounts: SQL;
  /** Whether the actor may read a deal with this owner and team. */
  canReadDeal(deal: { ownerId: string; teamId: string | null }): boolean;
}

const teamIn = (column: AnyPgColumn, teamIds: string[]): SQL =>
  teamIds.length > 0 ? inArray(column, teamIds) : sql`false`;

/** The visibility of one caller; no query when the call's gate read its team scope (orgProcedure: scopeOf). */
export async function visibilityOf(db: Database, actor: Actor): Promise<Visibility> {
  // Reps read their own records only (not their teams'), so they need no team scope.
  const scope: TeamScope =
    actor.role === "admin"
      ? { kind: "all" }
      : actor.role === "rep"
        ? { kind: "teams", teamIds: [] }
        : await scopeOf(db, actor);
  if (actor.role === "admin") {
    return { actor, scope, deals: sql`true`, accounts: sql`true`, canReadDeal: () => true };
  }
  const ownDeals = eq(deals.ownerId, actor.userId);
  const ownDealOnAccount = sql`exists (select 1 from deals d where d.org_id = accounts.org_id and d.account_id = accounts.id and d.owner_id = ${actor.userId})`;
  if (actor.role === "rep") {
    return {
      actor,
      scope,
      deals: ownDeals,
      accounts: or(eq(accounts.ownerId, actor.userId), ownDealOnAccount)!,
      canReadDeal: (deal) => deal.ownerId === actor.userId,
    };
  }
  const teamIds = scope.kind === "teams" ? scope.teamIds : [];
  const teamDealOnAccount =
    teamIds.length > 0
      ? sql`exists (select 1 from deals d where d.org_id = accounts.org_id and d.account_id = accounts.id and d.team_id in (${sql.join(
          teamIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`
      : sql`false`;
  return {
    actor,
    scope,
    deals: or(ownDeals, teamIn(deals.teamId, teamIds))!,
    accounts: or(
      eq(accounts.ownerId, actor.userId),
      teamIn(accounts.teamId, teamIds),
      ownDealOnAccount,
      teamDealOnAccount,
    )!,
    canReadDeal: (deal) => deal.ownerId === actor.userId || (deal.teamId !== null && teamIds.includes(deal.teamId)),
  };
}

/** The `columns` of one deal or account (`key`) if `visible`, the visibility's condition, admits it; else NOT_FOUND. */
async function findVisible<S extends SelectedFields>(
  db: Database,
  table: typeof deals | typeof accounts,
  columns: S,
  visible: SQL,
  key: { orgId: string; id: string },
  missing: [field: string, message: string],
) {
  const [row] = await db
    .select(columns)
    .from(table)
    .where(and(eq(table.orgId, key.orgId), eq(table.id, key.id), visible));
  if (!row) notFound(...missing);
  return row;
}

/**
 * A deal the actor may read, or NOT_FOUND. Loads the columns the access checks need (one query); callers
 * that need to edit ask the record rules afterwards (findEditableDeal).
 */
export function findReadableDeal(db: Database, visibility: Visibility, dealId: string, field = "dealId") {
  const columns = {
    id: deals.id,
    ownerId: deals.ownerId,
    teamId: deals.teamId,
    accountId: deals.accountId,
    stage: deals.stage,
    version: deals.version,
    name: deals.name,
  };
  return findVisible(db, deals, columns, visibility.deals, { orgId: visibility.actor.orgId, id: dealId }, [
    field,
    "Deal not found.",
  ]);
}

export async function findEditableDeal(db: Database, visibility: Visibility, dealId: string, field = "dealId") {
  const deal = await findReadableDeal(db, visibility, dealId, field);
  assertCan(visibility.actor, "deal.edit", deal, field);
  return deal;
}

export function findReadableAccount(db: Database, visibility: Visibility, accountId: string, field = "accountId") {
  const columns = { id: accounts.id, ownerId: accounts.ownerId, teamId: accounts.teamId, name: accounts.name };
  return findVisible(db, accounts, columns, visibility.accounts, { orgId: visibility.actor.orgId, id: accountId }, [
    field,
    "Account not found.",
  ]);
}

export async function findEditableAccount(db: Database, visibility: Visibility, accountId: string) {
  const account = await findReadableAccount(db, visibility, accountId);
  assertCan(visibility.actor, "account.edit", account, "accountId");
  return account;
}

/**
 * Whether the actor may add and edit contacts of an account: those who may edit the account, and those who
 * own a deal on it (they need to put the buying committee on their deal).
 */
export async function assertCanWriteContacts(
  db: Database,
  visibility: Visibility,
  accountId: string,
  field = "accountId",
) {
  const account = await findReadableAccount(db, visibility, accountId, field);
  if (allows(visibility.actor, "account.edit", account)) return account;
  const [own] = await db
    .select({ ownerId: deals.ownerId })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, visibility.actor.orgId),
        eq(deals.accountId, accountId),
        eq(deals.ownerId, visibility.actor.userId),
      ),
    )
    .limit(1);
  assertCan(
    visibility.actor,
    "account.writeContacts",
    { ownerId: account.ownerId, coOwnerIds: own ? [own.ownerId] : [] },
    field,
  );
  return account;
}

/**
 * The team a member's records belong to: their first plain (non-manager) team seat by name, else the first
 * team they manage, else none. Deals and accounts take their owner's team, so that managers see them.
 */
export async function homeTeamOf(db: Database, orgId: string, userId: string): Promise<string | null> {
  const [seat] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.orgId, teamMembers.orgId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .orderBy(teamMembers.isManager, teams.name, teams.id)
    .limit(1);
  return seat?.teamId ?? null;
}

/** An active member who may own deals and accounts (not a viewer); NOT_FOUND or BAD_REQUEST naming the field. */
export async function assertPossibleOwner(db: Database, orgId: string, userId: string, field = "ownerId") {
  const [member] = await db
    .select({ role: memberships.role, status: memberships.status, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member) notFound(field, "Member not found.");
  if (member.status !== "active") badRequest(field, "This member is deactivated.");
  if (member.role === "viewer") badRequest(field, "A viewer cannot own deals or accounts.");
  return member;
}

/** Every member's home team (see homeTeamOf), in one query: for imports that create many records. */
export async function homeTeams(db: Database, orgId: string): Promise<Map<string, string>> {
  const seats = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.orgId, teamMembers.orgId), eq(teams.id, teamMembers.teamId)))
    .where(eq(teamMembers.orgId, orgId))
    .orderBy(teamMembers.isManager, teams.name, teams.id);
  const home = new Map<string, string>();
  for (const seat of seats) if (!home.has(seat.userId)) home.set(seat.userId, seat.teamId);
  return home;
}
