import { beforeAll, describe, expect, it } from "vitest";
import { reviewActions, reviews, teams } from "@/db/schema";
import {
  byName,
  HOME_REVIEWS_DUE_ROWS,
  HOME_TEAM_ROWS,
  keepEnds,
  reviewDue,
  reviewsDueFirst,
} from "@/server/domain/home";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, useWorld } from "../helpers/world";
import {
  DEMO_OBJECTIVES,
  insertAccount,
  insertDeal,
  insertGoal,
  insertMember,
  insertStrategy,
} from "./alignment-fixtures";

/**
 * home.get (issue 13). Initech: Sales (managed by `manager`) ─ East (rep, viewer); Outside (outsider, a rep the
 * manager does not manage). Strategy: the demo's four objectives, manufacturing first (40%).
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("home router", () => {
  const world = useWorld();
  let strategyId: string;
  let mfg: string;
  let objectiveIds: string[];
  let outsideTeamId: string;
  let outsider: { id: string };
  let reviewId: string;

  beforeAll(async () => {
    const { db, org } = world;
    const strategy = await insertStrategy(db, org.id, { objectives: DEMO_OBJECTIVES });
    strategyId = strategy.id;
    mfg = strategy.objectiveIds[0]!;
    objectiveIds = strategy.objectiveIds;
    outsideTeamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: outsideTeamId, name: "Outside", parentTeamId: null });
    outsider = await insertMember(db, org.id, "Outside Rep", "rep", { teamId: outsideTeamId });
    const factory = await insertAccount(db, org.id, { industry: "Manufacturing" });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Make quota",
      category: "quota",
      unit: "USD",
      target: "100000",
      links: [[mfg, 3]],
    });
    // Closed won in the period: 25,000 of the 100,000 quota; one open deal on manufacturing; one open EUR deal.
    await insertDeal(db, org.id, {
      accountId: factory,
      ownerId: org.rep.id,
      teamId: org.subTeamId,
      amount: "25000.00",
      stage: "closed_won",
      closeDate: "2026-08-01",
    });
    await insertDeal(db, org.id, {
      accountId: factory,
      ownerId: org.rep.id,
      teamId: org.subTeamId,
      amount: "40000.00",
    });
    await insertDeal(db, org.id, {
      accountId: factory,
      ownerId: org.rep.id,
      teamId: org.subTeamId,
      amount: "10000.00",
      currency: "EUR",
    });
    await insertDeal(db, org.id, {
      accountId: factory,
      ownerId: outsider.id,
      teamId: outsideTeamId,
      amount: "77777.00",
    });
    reviewId = crypto.randomUUID();
    await db.insert(reviews).values({
      orgId: org.id,
      id: reviewId,
      subjectId: org.rep.id,
      reviewerId: org.manager.id,
      strategyId,
      status: "shared",
      score: 30,
      sharedAt: new Date(Date.now() - 80 * DAY),
    });
    await db.insert(reviewActions).values({
      orgId: org.id,
      id: crypto.randomUUID(),
      reviewId,
      text: "Find the economic buyer at the factory",
      ownerId: org.rep.id,
      dueOn: "2026-10-15",
    });
  });

  describeOrgAccess(world, [{ procedure: "home.get", call: (api) => api.home.get() }]);

  it("a rep sees their quota attainment from closed-won deals, their pipeline per currency, their actions and next review", async () => {
    const home = await world.api(world.org.rep).home.get();
    expect(home.role).toBe("rep");
    expect(home.me?.goals).toEqual([
      expect.objectContaining({ title: "Make quota", currentValue: "25000.00", attainment: 25 }),
    ]);
    expect(home.openPipeline).toEqual([
      { currency: "EUR", deals: 1, amount: "10000.00" },
      { currency: "USD", deals: 1, amount: "40000.00" },
    ]);
    expect(home.reviewActions.map((a) => a.text)).toEqual(["Find the economic buyer at the factory"]);
    expect(home.scoreHistory).toEqual([expect.objectContaining({ reviewId, score: 30 })]);
    // Shared 80 days ago, the organization reviews every 90 days: due within the fortnight.
    expect(home.me?.nextReview).toEqual({ state: "due", dueOn: isoDay(Date.now() + 10 * DAY), lastReviewId: reviewId });
    expect(home.reps).toEqual([]);
    expect(home.setup).toBeNull();
    // Deals needing attention: the rep's own open deals only (no stakeholders yet: wins and buyer unknown).
    expect(home.attention.map((d) => d.ownerName)).not.toContain("Outside Rep");
  });

  it("a manager sees their subtree's reps with the change since the last review, never reps outside it", async () => {
    const home = await world.api(world.org.manager).home.get();
    expect(home.teams.map((t) => t.id)).toEqual([world.org.rootTeamId, world.org.subTeamId]);
    expect(home.team?.id).toBe(world.org.rootTeamId);
    const rep = home.reps.find((r) => r.userId === world.org.rep.id);
    expect(rep).toMatchObject({ lastReviewScore: 30, change: rep!.score - 30 });
    expect(rep!.cells.find((c) => c.objectiveId === mfg)).toMatchObject({ strength: 3 });
    expect(home.reps.map((r) => r.userId)).not.toContain(outsider.id);
    expect(JSON.stringify(home)).not.toContain("77777");
    expect(home.me).toBeNull();
    expect(home.setup).toBeNull();
  });

  it("a manager asking for a team outside their subtree → NOT_FOUND; a malformed team → BAD_REQUEST", async () => {
    await expectTRPCError(world.api(world.org.manager).home.get({ teamId: outsideTeamId }), "NOT_FOUND");
    await expectTRPCError(world.api(world.org.manager).home.get({ teamId: crypto.randomUUID() }), "NOT_FOUND");
    await expectBadRequest(world.api(world.org.manager).home.get({ teamId: "east" }), "teamId");
  });

  it("an admin sees the setup checklist, the whole organization's pipeline and reps, and recent audit events", async () => {
    const home = await world.api(world.org.admin).home.get();
    expect(home.setup).toMatchObject({ strategyActive: true, teams: 3, reps: 2, repsWithGoals: 1 });
    expect(home.openPipeline.find((p) => p.currency === "USD")).toEqual({
      currency: "USD",
      deals: 2,
      amount: "117777.00",
    });
    // Without a team chosen: the whole organization's reps, from every team (not the first root team's only).
    expect(home.team).toBeNull();
    expect(home.reps.map((r) => r.userId).sort()).toEqual([world.org.rep.id, outsider.id].sort());
    const outside = await world.api(world.org.admin).home.get({ teamId: outsideTeamId });
    expect(outside.reps.map((r) => r.userId)).toEqual([outsider.id]);
  });

  it("a viewer sees the team view of the teams they belong to, read-only", async () => {
    const home = await world.api(world.org.viewer).home.get();
    expect(home.teams.map((t) => t.id)).toEqual([world.org.subTeamId]);
    expect(home.reps.map((r) => r.userId)).toEqual([world.org.rep.id]);
    expect(home.setup).toBeNull();
  });

  it("another organization's admin sees none of Initech's figures", async () => {
    const other = world.api(world.other.admin, world.other.id);
    const home = await other.home.get();
    expect(JSON.stringify(home)).not.toMatch(/Make quota|77777|Outside Rep/);
    await expectTRPCError(other.home.get({ teamId: world.org.rootTeamId }), "NOT_FOUND");
  });

  it("issues the same number of SQL statements for 2 reps as for 12 reps with 60 deals", async () => {
    const teamId = crypto.randomUUID();
    await world.db
      .insert(teams)
      .values({ orgId: world.org.id, id: teamId, name: "Growing", parentTeamId: world.org.rootTeamId });
    const accountId = await insertAccount(world.db, world.org.id, { industry: "Manufacturing" });
    const addRep = async (i: number, deals: number) => {
      const user = await insertMember(world.db, world.org.id, `Grower ${i}`, "rep", { teamId });
      await insertGoal(world.db, world.org.id, { userId: user.id, strategyId, links: [[mfg, 1 + (i % 3)]] });
      for (let d = 0; d < deals; d++) {
        await insertDeal(world.db, world.org.id, { accountId, ownerId: user.id, teamId, amount: `${1000 + d}.00` });
      }
    };
    const count = async () => {
      world.handle.resetQueryCount();
      const home = await world.api(world.org.manager).home.get({ teamId });
      return { statements: world.handle.queryCount(), reps: home.reps.length };
    };
    await addRep(0, 2);
    await addRep(1, 3);
    const small = await count();
    for (let i = 2; i < 12; i++) await addRep(i, 5);
    const large = await count();
    expect(small.reps).toBe(2);
    expect(large.reps).toBe(12);
    expect(large.statements).toBe(small.statements);
    // The transaction (begin, commit), the tenant scope and the gate, then five statements of the home itself: the
    // context with the current strategy's objectives, the clock's roll, the plan mode, the people and the lists.
    expect(large.statements).toBe(9);
  });
  it("a large team sends its most and least aligned reps and the most urgent reviews, with the counts", async () => {
    const teamId = crypto.randomUUID();
    await world.db
      .insert(teams)
      .values({ orgId: world.org.id, id: teamId, name: "Large", parentTeamId: world.org.rootTeamId });
    const reps = HOME_TEAM_ROWS + 3;
    // Scores 0 (no goals) order by name: "Large 00" … "Large 22".
    const names = Array.from({ length: reps }, (_, i) => `Large ${String(i).padStart(2, "0")}`);
    for (const name of names) await insertMember(world.db, world.org.id, name, "rep", { teamId });
    const home = await world.api(world.org.manager).home.get({ teamId });
    const half = Math.ceil(HOME_TEAM_ROWS / 2);
    expect(home.repCount).toBe(reps);
    expect(home.reps.map((r) => r.name)).toEqual([
      ...names.slice(0, half),
      ...names.slice(reps - (HOME_TEAM_ROWS - half)),
    ]);
    // Never reviewed: every rep is due; the list holds the first few, the count all of them.
    expect(home.reviewsDue.count).toBe(reps);
    expect(home.reviewsDue.reps.map((r) => r.name)).toEqual(names.slice(0, HOME_REVIEWS_DUE_ROWS));
  });

  it("a large team's reviews due are the most urgent of all its reps (ties by name), the last shared review counting", async () => {
    const { db, org } = world;
    const teamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: teamId, name: "Reviewed", parentTeamId: org.rootTeamId });
    // Days since each rep's reviews were shared (null: never), against the default 90 days: 120 and 100 overdue
    // (two reps on the same day), 80 due within the window, 10 not due; a rep reviewed 200 days ago and again 10
    // days ago is not due. Names of mixed case: the order is the app's name order, not the bytes'.
    const shapes: [string, number[]][] = [
      ["zoe", [120]],
      ["Yann", [100]],
      ["xavier", [100]],
      ["Walt", [200, 10]],
      ["vera", [80]],
      ["Uma", [10]],
      ...["tom", "Sam", "rita", "Quinn", "paul", "Olga", "nina", "Mark", "lena"].map((name): [string, number[]] => [
        name,
        [],
      ]),
      ...Array.from({ length: 14 }, (_, i): [string, number[]] => [`Kept ${String(i).padStart(2, "0")}`, [5 + i]]),
    ];
    const people: { id: string; name: string; last: number | null; score: number | null }[] = [];
    for (const [i, [name, days]] of shapes.entries()) {
      const user = await insertMember(db, org.id, name, "rep", { teamId });
      for (const [k, ago] of days.entries()) {
        await db.insert(reviews).values({
          orgId: org.id,
          id: crypto.randomUUID(),
          subjectId: user.id,
          reviewerId: org.manager.id,
          strategyId,
          status: "shared",
          score: 40 + i + k,
          sharedAt: new Date(Date.now() - ago * DAY),
        });
      }
      people.push({
        id: user.id,
        name,
        last: days.at(-1) ?? null,
        score: days.length ? 40 + i + days.length - 1 : null,
      });
    }
    const today = isoDay(Date.now());
    const expected = reviewsDueFirst(
      people.map((p) => ({
        ...p,
        review: reviewDue(p.last === null ? null : new Date(Date.now() - p.last * DAY).toISOString(), 90, today),
      })),
    );
    const home = await world.api(org.manager).home.get({ teamId });
    expect(expected.map((p) => p.name).slice(0, 4)).toEqual(["zoe", "xavier", "Yann", "lena"]);
    expect(home.reviewsDue.count).toBe(expected.length);
    expect(home.reviewsDue.reps).toEqual(
      expected.slice(0, HOME_REVIEWS_DUE_ROWS).map((p) => ({ userId: p.id, name: p.name, review: p.review })),
    );
    // Every score is 0 (no goals): the ends in name order, each with its last review's score.
    const byNames = [...people].sort((a, b) => byName(a.name, b.name));
    expect(home.repCount).toBe(people.length);
    expect(home.reps.map((r) => [r.name, r.lastReviewScore])).toEqual(
      keepEnds(byNames, HOME_TEAM_ROWS).map((p) => [p.name, p.score]),
    );
  });

  it("the team view's scores and cells are the scorer's for every rep, whatever their goals and pipeline", async () => {
    const { db, org } = world;
    const teamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: teamId, name: "Mixed", parentTeamId: org.rootTeamId });
    const other = await insertStrategy(db, org.id, { objectives: DEMO_OBJECTIVES, status: "draft" });
    const [, care, fleet, emea] = objectiveIds;
    const plant = await insertAccount(db, org.id, { industry: "Manufacturing", segment: "Enterprise" });
    const clinic = await insertAccount(db, org.id, { industry: "Healthcare", region: "EMEA" });
    const shop = await insertAccount(db, org.id, { industry: "Retail" });
    // Each rep: goals (links to this strategy's objectives, or to another strategy's) and deals.
    const shapes: { goals: [string, number][][]; deals: [string, string, string?, string?][] }[] = [
      { goals: [], deals: [] },
      { goals: [[]], deals: [[shop, "1200.00"]] },
      {
        goals: [
          [
            [mfg, 2],
            [care!, 1],
          ],
          [],
        ],
        deals: [
          [plant, "5000.00"],
          [shop, "333.33"],
          [clinic, "12.34", "EUR"],
        ],
      },
      { goals: [[[other.objectiveIds[0]!, 3]], [[fleet!, 3]]], deals: [[shop, "800.00", "USD", "Fleet Analytics"]] },
      {
        goals: [
          [[mfg, 1]],
          [
            [care!, 3],
            [emea!, 2],
          ],
          [[fleet!, 1]],
        ],
        deals: [
          [clinic, "7000.00"],
          [plant, "3000.01"],
        ],
      },
      {
        goals: [[[emea!, 1]]],
        deals: [
          [clinic, "100.00"],
          [clinic, "200.00", "GBP"],
          [plant, "1.00"],
        ],
      },
    ];
    const reps: { id: string }[] = [];
    for (const [i, shape] of shapes.entries()) {
      const rep = await insertMember(db, org.id, `Mixed ${i}`, "rep", { teamId });
      reps.push(rep);
      for (const links of shape.goals) await insertGoal(db, org.id, { userId: rep.id, strategyId, links });
      for (const [accountId, amount, currency, product] of shape.deals)
        await insertDeal(db, org.id, { accountId, ownerId: rep.id, teamId, amount, currency, product });
    }
    const home = await world.api(org.manager).home.get({ teamId });
    expect(home.reps).toHaveLength(shapes.length);
    for (const rep of reps) {
      const { alignment } = await world.api(rep).goals.mine({ strategyId });
      const row = home.reps.find((r) => r.userId === rep.id)!;
      expect({ score: row.score, cells: row.cells }).toEqual({
        score: alignment.score,
        cells: alignment.objectives.map((o) => ({
          objectiveId: o.objectiveId,
          strength: o.strength,
          pipelineShare: o.pipelineShare,
        })),
      });
    }
  });
});
