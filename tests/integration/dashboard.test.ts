import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { accounts, deals, invitations, memberships, teamMembers, teams } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import type { Role } from "@/server/authz/permissions";
import { createOrg, createUser, type TestOrg } from "../helpers/fixtures";
import { describeOrgAccess, useWorld } from "../helpers/world";

type Stage = (typeof deals.stage.enumValues)[number];

/** Inserts a customer account and one deal per entry (privileged connection, as an import would). */
async function addDeals(
  db: Database,
  orgId: string,
  entries: { owner: string; team: string | null; amount: string; stage: Stage; currency?: string }[],
) {
  const accountId = crypto.randomUUID();
  await db.insert(accounts).values({ orgId, id: accountId, name: `Customer ${accountId.slice(0, 6)}` });
  if (entries.length === 0) return;
  await db.insert(deals).values(
    entries.map((entry, i) => ({
      orgId,
      id: crypto.randomUUID(),
      accountId,
      name: `Deal ${i}`,
      amount: entry.amount,
      currency: entry.currency ?? "USD",
      stage: entry.stage,
      ownerId: entry.owner,
      teamId: entry.team,
      disqualifiedReason: entry.stage === "disqualified" ? "No problem we can solve" : null,
    })),
  );
}

async function addMember(
  db: Database,
  orgId: string,
  name: string,
  role: Role,
  seat?: { teamId: string; isManager?: boolean },
) {
  const user = await createUser(db, name);
  await db.insert(memberships).values({ orgId, id: crypto.randomUUID(), userId: user.id, role });
  if (seat)
    await db
      .insert(teamMembers)
      .values({ orgId, teamId: seat.teamId, userId: user.id, isManager: seat.isManager ?? false });
  return user;
}

describe("dashboard router", () => {
  const world = useWorld();

  /**
   * Pipeline org:  Sales (managed by `manager`) ─ East (rep, viewer, managed by eastLead)   Outside (rep3)
   *                Sales also holds rep2.
   */
  let org: TestOrg;
  let rep2: { id: string };
  let rep3: { id: string };
  let eastLead: { id: string };
  let idleManager: { id: string };
  let outsideTeamId: string;

  beforeAll(async () => {
    const db = world.db;
    org = await createOrg(db, "Pipeline");
    outsideTeamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: outsideTeamId, name: "Outside", parentTeamId: null });
    rep2 = await addMember(db, org.id, "Second Rep", "rep", { teamId: org.rootTeamId });
    rep3 = await addMember(db, org.id, "Third Rep", "rep", { teamId: outsideTeamId });
    eastLead = await addMember(db, org.id, "East Lead", "manager", { teamId: org.subTeamId, isManager: true });
    idleManager = await addMember(db, org.id, "Idle Manager", "manager");

    await addDeals(db, org.id, [
      { owner: org.rep.id, team: org.subTeamId, amount: "1000.25", stage: "prospecting" },
      { owner: org.rep.id, team: org.subTeamId, amount: "234.25", stage: "proposal" },
      { owner: org.rep.id, team: org.subTeamId, amount: "5000.00", stage: "closed_won" },
      { owner: org.rep.id, team: org.subTeamId, amount: "700.00", stage: "disqualified" },
      { owner: rep2.id, team: org.rootTeamId, amount: "2000.00", stage: "negotiation" },
      { owner: rep2.id, team: org.rootTeamId, amount: "50.00", stage: "closed_lost" },
      { owner: rep3.id, team: outsideTeamId, amount: "300.10", stage: "proposal" },
    ]);
    await db.insert(invitations).values([
      {
        orgId: org.id,
        id: crypto.randomUUID(),
        email: "pending@pipeline.test",
        role: "rep",
        tokenHash: hashToken("pending-token"),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedBy: org.admin.id,
      },
      {
        orgId: org.id,
        id: crypto.randomUUID(),
        email: "expired@pipeline.test",
        role: "rep",
        tokenHash: hashToken("expired-token"),
        expiresAt: new Date(Date.now() - 1000),
        invitedBy: org.admin.id,
      },
      {
        orgId: org.id,
        id: crypto.randomUUID(),
        email: "revoked@pipeline.test",
        role: "rep",
        tokenHash: hashToken("revoked-token"),
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: new Date(),
        invitedBy: org.admin.id,
      },
    ]);
    // Another organization's big deal must never show up.
    await addDeals(db, world.other.id, [
      { owner: world.other.rep.id, team: world.other.subTeamId, amount: "99999.99", stage: "proposal" },
    ]);
  });

  const summaryOf = (user: { id: string }) => world.api(user, org.id).dashboard.summary();

  describeOrgAccess(world, [{ procedure: "dashboard.summary", call: (api) => api.dashboard.summary() }]);

  it("a rep sees only their own open deals", async () => {
    expect(await summaryOf(org.rep)).toEqual({
      role: "rep",
      scope: "own",
      openDeals: 2,
      openPipeline: [{ currency: "USD", deals: 2, amount: "1234.50" }],
      byStage: [
        { stage: "prospecting", currency: "USD", deals: 1, amount: "1000.25" },
        { stage: "proposal", currency: "USD", deals: 1, amount: "234.25" },
      ],
      organization: null,
    });
    expect(await summaryOf(rep3)).toMatchObject({
      scope: "own",
      openDeals: 1,
      openPipeline: [{ currency: "USD", deals: 1, amount: "300.10" }],
    });
  });

  it("a manager sees the teams they manage and all their sub-teams", async () => {
    expect(await summaryOf(org.manager)).toEqual({
      role: "manager",
      scope: "teams",
      openDeals: 3,
      openPipeline: [{ currency: "USD", deals: 3, amount: "3234.50" }],
      byStage: [
        { stage: "prospecting", currency: "USD", deals: 1, amount: "1000.25" },
        { stage: "proposal", currency: "USD", deals: 1, amount: "234.25" },
        { stage: "negotiation", currency: "USD", deals: 1, amount: "2000.00" },
      ],
      organization: null,
    });
    // The manager of the sub-team sees that team only, not the parent.
    expect(await summaryOf(eastLead)).toMatchObject({
      scope: "teams",
      openDeals: 2,
      openPipeline: [{ currency: "USD", deals: 2, amount: "1234.50" }],
    });
  });

  it("a manager without teams sees nothing", async () => {
    const summary = await summaryOf(idleManager);
    expect(summary).toMatchObject({ scope: "teams", openDeals: 0, byStage: [], organization: null });
    expect(summary.openPipeline).toEqual([]);
  });

  it("a viewer sees the teams they belong to", async () => {
    expect(await summaryOf(org.viewer)).toMatchObject({
      role: "viewer",
      scope: "teams",
      openDeals: 2,
      openPipeline: [{ currency: "USD", deals: 2, amount: "1234.50" }],
      organization: null,
    });
  });

  it("an admin sees the whole organization, with its counts", async () => {
    expect(await summaryOf(org.admin)).toEqual({
      role: "admin",
      scope: "organization",
      openDeals: 4,
      openPipeline: [{ currency: "USD", deals: 4, amount: "3534.60" }],
      byStage: [
        { stage: "prospecting", currency: "USD", deals: 1, amount: "1000.25" },
        { stage: "proposal", currency: "USD", deals: 2, amount: "534.35" },
        { stage: "negotiation", currency: "USD", deals: 1, amount: "2000.00" },
      ],
      // admin, manager, rep, viewer + rep2, rep3, eastLead, idleManager; Sales, East, Outside; one pending invitation.
      organization: { activeMembers: 8, teams: 3, pendingInvitations: 1 },
    });
  });

  it("a manager's view follows the team tree as it changes", async () => {
    const admin = world.api(org.admin, org.id);
    await admin.teams.move({ teamId: outsideTeamId, parentTeamId: org.subTeamId });
    try {
      expect(await summaryOf(org.manager)).toMatchObject({
        openDeals: 4,
        openPipeline: [{ currency: "USD", deals: 4, amount: "3534.60" }],
      });
      expect(await summaryOf(eastLead)).toMatchObject({
        openDeals: 3,
        openPipeline: [{ currency: "USD", deals: 3, amount: "1534.60" }],
      });
    } finally {
      await admin.teams.move({ teamId: outsideTeamId, parentTeamId: null });
    }
  });

  it("sums money exactly, as decimal strings", async () => {
    const cents = await createOrg(world.db, "Cents");
    await addDeals(world.db, cents.id, [
      { owner: cents.rep.id, team: cents.subTeamId, amount: "0.10", stage: "prospecting" },
      { owner: cents.rep.id, team: cents.subTeamId, amount: "0.20", stage: "prospecting" },
      { owner: cents.rep.id, team: cents.subTeamId, amount: "999999999999.99", stage: "proposal" },
      { owner: cents.rep.id, team: cents.subTeamId, amount: "999999999999.99", stage: "proposal" },
    ]);
    const summary = await world.api(cents.rep, cents.id).dashboard.summary();
    expect(summary.openPipeline).toEqual([{ currency: "USD", deals: 4, amount: "2000000000000.28" }]);
    expect(summary.byStage).toEqual([
      { stage: "prospecting", currency: "USD", deals: 2, amount: "0.30" },
      { stage: "proposal", currency: "USD", deals: 2, amount: "1999999999999.98" },
    ]);
  });

  it("computes the sums in SQL: the same number of statements for 7 deals and for 60", async () => {
    const statementsFor = async (user: { id: string }, orgId: string) => {
      world.handle.resetQueryCount();
      await world.api(user, orgId).dashboard.summary();
      return world.handle.queryCount();
    };
    const grows = await createOrg(world.db, "Grows");
    await addDeals(world.db, grows.id, [
      { owner: grows.rep.id, team: grows.subTeamId, amount: "1.00", stage: "proposal" },
    ]);
    const before = {
      admin: await statementsFor(grows.admin, grows.id),
      manager: await statementsFor(grows.manager, grows.id),
    };
    await addDeals(
      world.db,
      grows.id,
      Array.from({ length: 59 }, (_, i) => ({
        owner: grows.rep.id,
        team: i % 2 ? grows.subTeamId : grows.rootTeamId,
        amount: "2.50",
        stage: "discovery" as const,
      })),
    );
    expect(await statementsFor(grows.admin, grows.id)).toBe(before.admin);
    expect(await statementsFor(grows.manager, grows.id)).toBe(before.manager);
    expect((await world.api(grows.admin, grows.id).dashboard.summary()).openPipeline).toEqual([
      { currency: "USD", deals: 60, amount: "148.50" },
    ]);
  });

  it("never adds amounts of different currencies (USD 100 + EUR 900 is not 1,000)", async () => {
    const mixed = await createOrg(world.db, "Mixed");
    await addDeals(world.db, mixed.id, [
      { owner: mixed.rep.id, team: mixed.subTeamId, amount: "100.00", stage: "proposal" },
      { owner: mixed.rep.id, team: mixed.subTeamId, amount: "900.00", stage: "proposal", currency: "EUR" },
    ]);
    const summary = await world.api(mixed.admin, mixed.id).dashboard.summary();
    expect(summary.openDeals).toBe(2);
    expect(summary.openPipeline).toEqual([
      { currency: "EUR", deals: 1, amount: "900.00" },
      { currency: "USD", deals: 1, amount: "100.00" },
    ]);
    expect(summary.byStage).toEqual([
      { stage: "proposal", currency: "EUR", deals: 1, amount: "900.00" },
      { stage: "proposal", currency: "USD", deals: 1, amount: "100.00" },
    ]);
  });
});
