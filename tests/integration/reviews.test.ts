/**
 * reviews.*: the whole life of a review (start → notes and actions → share → acknowledge → actions done →
 * close), the record rules with their exact codes, version conflicts and a closed review's refusals.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deals, goals, notifications, teams } from "@/db/schema";
import { CLOSED_MESSAGE } from "@/server/domain/reviews/access";
import { StaleVersionError } from "@/server/domain/errors";
import { expectTRPCError } from "../helpers/expect-trpc";
import type { TestUser } from "../helpers/fixtures";
import { describeOrgAccess, lastAudit, useWorld } from "../helpers/world";
import {
  DEMO_OBJECTIVES,
  insertAccount,
  insertDeal,
  insertGoal,
  insertMember,
  insertStrategy,
} from "./alignment-fixtures";

describe("reviews router", () => {
  const world = useWorld();
  let strategyId: string;
  let goalId: string;
  let dealIds: { aligned: string; outside: string; disqualify: string };
  /** Manages the rep's sub-team: another of the rep's managers. */
  let subManager: TestUser;
  /** A team outside the org's root team: its manager and rep must see nothing of the rep's reviews. */
  let otherManager: TestUser;
  let otherRep: TestUser;
  let sharedReviewId: string;

  const start = () => world.api(world.org.manager).reviews.start({ subjectId: world.org.rep.id, strategyId });

  beforeAll(async () => {
    const { db, org } = world;
    ({ id: strategyId } = await insertStrategy(db, org.id, { objectives: DEMO_OBJECTIVES }));
    const objectiveIds = (await world.api(org.admin).strategy.get({ strategyId })).objectives.map((o) => o.id);
    goalId = await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Make senior AE",
      category: "promotion",
      links: [[objectiveIds[0]!, 3]],
    });
    const manufacturing = await insertAccount(db, org.id, { industry: "Manufacturing", segment: "Enterprise" });
    const retail = await insertAccount(db, org.id, { industry: "Retail", segment: "SMB" });
    dealIds = {
      aligned: await insertDeal(db, org.id, { accountId: manufacturing, ownerId: org.rep.id, amount: "50000" }),
      outside: await insertDeal(db, org.id, { accountId: retail, ownerId: org.rep.id, amount: "20000" }),
      disqualify: await insertDeal(db, org.id, { accountId: manufacturing, ownerId: org.rep.id, amount: "10000" }),
    };
    await db
      .update(deals)
      .set({ problemFit: "no" })
      .where(and(eq(deals.orgId, org.id), eq(deals.id, dealIds.disqualify)));
    subManager = await insertMember(db, org.id, "Sub Manager", "manager", { teamId: org.subTeamId, isManager: true });
    const otherTeamId = crypto.randomUUID();
    await db.insert(teams).values({ orgId: org.id, id: otherTeamId, name: "Elsewhere", parentTeamId: null });
    otherManager = await insertMember(db, org.id, "Other Manager", "manager", { teamId: otherTeamId, isManager: true });
    otherRep = await insertMember(db, org.id, "Other Rep", "rep", { teamId: otherTeamId });
    ({ id: sharedReviewId } = await start());
    await world.api(world.org.manager).reviews.share({ reviewId: sharedReviewId, version: 1 });
  });

  describeOrgAccess(world, [
    {
      procedure: "reviews.start",
      call: (api) => api.reviews.start({ subjectId: world.org.rep.id, strategyId }),
    },
    { procedure: "reviews.get", call: (api) => api.reviews.get({ reviewId: sharedReviewId }) },
    { procedure: "reviews.list", call: (api) => api.reviews.list({}) },
    { procedure: "reviews.myActions", call: (api) => api.reviews.myActions() },
    {
      procedure: "reviews.board",
      call: (api) => api.reviews.board({ teamId: world.org.rootTeamId }),
    },
    {
      procedure: "reviews.writeNotes",
      call: (api) => api.reviews.writeNotes({ reviewId: sharedReviewId, version: 99, section: "summary", text: "x" }),
    },
    {
      procedure: "reviews.acknowledge",
      call: (api) => api.reviews.acknowledge({ reviewId: sharedReviewId, version: 99 }),
    },
    {
      procedure: "reviews.setOverdueDays",
      call: (api) => api.reviews.setOverdueDays({ days: 60 }),
    },
  ]);

  it("a review's whole life: start, notes, actions, share, acknowledge, actions done, close, trend", async () => {
    const manager = world.api(world.org.manager);
    const rep = world.api(world.org.rep);
    const { id } = await start();
    expect((await lastAudit(world.db, world.org.id, "review.started"))?.entityId).toBe(id);

    // The draft: visible to the rep's managers, assembled live; the rep does not see it yet.
    const draft = await manager.reviews.get({ reviewId: id });
    expect(draft).toMatchObject({ status: "draft", relation: "manager", canManage: true, canRespond: false });
    expect(draft.snapshot?.deals.items.map((d) => d.id)).toEqual([
      dealIds.disqualify,
      dealIds.outside,
      dealIds.aligned,
    ]);
    expect(draft.snapshot?.deals.byGroup).toEqual({ disqualify: 1, outside_strategy: 1, other: 1 });
    expect(draft.snapshot?.goals.map((g) => g.title)).toEqual(["Make senior AE"]);
    expect(draft.snapshot?.pipelineMix.objectives.map((o) => o.targetShare)).toEqual([0.4, 0.25, 0.2, 0.15]);
    expect((await world.api(subManager).reviews.get({ reviewId: id })).relation).toBe("manager");
    await expectTRPCError(rep.reviews.get({ reviewId: id }), "NOT_FOUND");

    let { version } = await manager.reviews.writeNotes({
      reviewId: id,
      version: 1,
      section: "summary",
      text: "Good half.",
    });
    ({ version } = await manager.reviews.writeNotes({
      reviewId: id,
      version,
      section: "pipeline",
      text: "More EMEA.",
    }));
    const { id: repAction } = await manager.reviews.addAction({
      reviewId: id,
      text: "Link the promotion goal to EMEA",
      owner: "rep",
      dueOn: "2026-12-20",
      goalId,
    });
    const { id: managerAction } = await manager.reviews.addAction({
      reviewId: id,
      text: "Introduce the CFO",
      owner: "manager",
      dealId: dealIds.aligned,
    });
    expect((await lastAudit(world.db, world.org.id, "review.action_added"))?.after).toMatchObject({
      text: "Introduce the CFO",
    });

    ({ version } = await manager.reviews.share({ reviewId: id, version }));
    expect((await lastAudit(world.db, world.org.id, "review.shared"))?.entityId).toBe(id);
    const told = await rep.notifications.list({});
    expect(told.items[0]).toMatchObject({ kind: "review.shared", entityId: id, payload: { path: `/reviews/${id}` } });

    // The rep reads it, writes notes, acknowledges; the manager is told.
    const shared = await rep.reviews.get({ reviewId: id });
    expect(shared).toMatchObject({ status: "shared", relation: "subject", canManage: false, canRespond: true });
    expect(shared.managerNotes).toBe("Good half.");
    expect(shared.sectionNotes.pipeline).toBe("More EMEA.");
    expect(shared.actions.map((a) => [a.text, a.ownerRole, a.linkLabel])).toEqual([
      ["Link the promotion goal to EMEA", "rep", "Make senior AE"],
      ["Introduce the CFO", "manager", expect.stringMatching(/^Deal /)],
    ]);
    ({ version } = await rep.reviews.writeRepNotes({ reviewId: id, version, text: "Agreed." }));
    ({ version } = await rep.reviews.acknowledge({ reviewId: id, version }));
    expect((await lastAudit(world.db, world.org.id, "review.acknowledged"))?.actorId).toBe(world.org.rep.id);
    expect((await manager.notifications.list({})).items[0]).toMatchObject({
      kind: "review.acknowledged",
      entityId: id,
    });

    // The rep marks their own action done, not the manager's; it leaves their home card.
    expect((await rep.reviews.myActions()).map((a) => a.id)).toContain(repAction);
    await rep.reviews.setActionDone({ actionId: repAction, done: true });
    await expectTRPCError(rep.reviews.setActionDone({ actionId: managerAction, done: true }), "FORBIDDEN");
    expect((await rep.reviews.myActions()).map((a) => a.id)).not.toContain(repAction);
    expect((await lastAudit(world.db, world.org.id, "review.action_done"))?.after).toMatchObject({
      actionId: repAction,
    });

    // Closed: read-only for everyone.
    ({ version } = await manager.reviews.close({ reviewId: id, version }));
    expect((await lastAudit(world.db, world.org.id, "review.closed"))?.entityId).toBe(id);
    // Called one at a time: a refusal started before the previous one is awaited would reject unhandled.
    const refusals = [
      () => manager.reviews.writeNotes({ reviewId: id, version, section: "summary", text: "Late" }),
      () => manager.reviews.addAction({ reviewId: id, text: "Late", owner: "rep" }),
      () => manager.reviews.updateAction({ actionId: managerAction, version: 1, text: "Late", owner: "manager" }),
      () => manager.reviews.removeAction({ actionId: managerAction }),
      () => manager.reviews.close({ reviewId: id, version }),
      () => rep.reviews.setActionDone({ actionId: repAction, done: false }),
      () => rep.reviews.writeRepNotes({ reviewId: id, version, text: "Late" }),
      () => rep.reviews.acknowledge({ reviewId: id, version }),
    ];
    for (const refusal of refusals) {
      const error = await expectTRPCError(refusal(), "CONFLICT");
      expect(error.message).toBe(CLOSED_MESSAGE);
    }
    const closed = await rep.reviews.get({ reviewId: id });
    expect(closed).toMatchObject({ status: "closed", canRespond: false, repNotes: "Agreed." });

    const history = await rep.reviews.history({ subjectId: world.org.rep.id });
    expect(history.points.map((p) => p.reviewId)).toEqual([sharedReviewId, id]);
  });

  it("who may see a review: the rep's managers up the tree and admins; the rep once shared; nobody else", async () => {
    const { id: draftId } = await start();
    for (const reader of [world.org.admin, world.org.manager, subManager]) {
      expect((await world.api(reader).reviews.get({ reviewId: draftId })).id).toBe(draftId);
    }
    for (const outsider of [otherManager, otherRep, world.org.viewer, world.org.rep]) {
      await expectTRPCError(world.api(outsider).reviews.get({ reviewId: draftId }), "NOT_FOUND");
    }
    for (const outsider of [otherManager, otherRep, world.org.viewer]) {
      await expectTRPCError(world.api(outsider).reviews.get({ reviewId: sharedReviewId }), "NOT_FOUND");
      await expectTRPCError(world.api(outsider).reviews.history({ subjectId: world.org.rep.id }), "NOT_FOUND");
    }
    await expectTRPCError(
      world.api(world.other.admin, world.other.id).reviews.get({ reviewId: sharedReviewId }),
      "NOT_FOUND",
    );
    // Starting: only the rep's managers; another team's manager does not learn the person exists.
    await expectTRPCError(
      world.api(otherManager).reviews.start({ subjectId: world.org.rep.id, strategyId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      world.api(world.org.manager).reviews.start({ subjectId: world.org.manager.id, strategyId }),
      "BAD_REQUEST",
    );
    // The rep may not manage their own review (role gate), nor answer a review of someone else.
    await expectTRPCError(world.api(world.org.rep).reviews.share({ reviewId: draftId, version: 1 }), "FORBIDDEN");
    await expectTRPCError(
      world.api(otherRep).reviews.acknowledge({ reviewId: sharedReviewId, version: 1 }),
      "NOT_FOUND",
    );
    // A manager can see the review but not answer it as the rep.
    await expectTRPCError(
      world.api(world.org.manager).reviews.acknowledge({ reviewId: sharedReviewId, version: 2 }),
      "FORBIDDEN",
    );
    // Lists: the other team's manager sees none of these; the rep sees only shared ones.
    expect((await world.api(otherManager).reviews.list({})).items).toEqual([]);
    const repList = await world.api(world.org.rep).reviews.list({});
    expect(repList.items.every((item) => item.status !== "draft")).toBe(true);
    expect(repList.items.map((item) => item.id)).toContain(sharedReviewId);
    expect((await world.api(world.org.manager).reviews.list({})).items.map((item) => item.id)).toContain(draftId);
  });

  it("two managers editing one review: the second save is a CONFLICT carrying the current notes; nothing is lost", async () => {
    const { id } = await start();
    await world
      .api(world.org.manager)
      .reviews.writeNotes({ reviewId: id, version: 1, section: "goals", text: "First" });
    const error = await expectTRPCError(
      world.api(subManager).reviews.writeNotes({ reviewId: id, version: 1, section: "deals", text: "Second" }),
      "CONFLICT",
    );
    expect((error.cause as StaleVersionError<{ sectionNotes: { goals: string } }>).current.sectionNotes.goals).toBe(
      "First",
    );
    const review = await world.api(subManager).reviews.get({ reviewId: id });
    expect(review.sectionNotes).toMatchObject({ goals: "First", deals: "" });
  });

  it("actions link only to the rep's own goals and deals", async () => {
    const { id } = await start();
    const otherAccount = await insertAccount(world.db, world.org.id);
    const notTheirs = await insertDeal(world.db, world.org.id, {
      accountId: otherAccount,
      ownerId: otherRep.id,
      amount: "1000",
    });
    await expectTRPCError(
      world.api(world.org.manager).reviews.addAction({ reviewId: id, text: "x", owner: "rep", dealId: notTheirs }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      world
        .api(world.org.manager)
        .reviews.addAction({ reviewId: id, text: "x", owner: "rep", goalId, dealId: dealIds.aligned }),
      "BAD_REQUEST",
    );
  });

  it("the team's board: who was reviewed when, who is overdue (N days set by the organization)", async () => {
    const board = await world.api(world.org.manager).reviews.board({ teamId: world.org.rootTeamId });
    expect(board.overdueDays).toBe(90);
    const rep = board.rows.find((row) => row.userId === world.org.rep.id);
    expect(rep).toMatchObject({ overdue: false, daysSinceShared: 0 });
    expect(board.rows.some((row) => row.userId === world.org.viewer.id)).toBe(false);
    await expectTRPCError(world.api(otherManager).reviews.board({ teamId: world.org.rootTeamId }), "FORBIDDEN");
    await world.api(world.org.admin).reviews.setOverdueDays({ days: 30 });
    expect((await world.api(world.org.manager).reviews.board({ teamId: world.org.rootTeamId })).overdueDays).toBe(30);
    expect((await lastAudit(world.db, world.org.id, "organization.review_interval_changed"))?.after).toEqual({
      reviewOverdueDays: 30,
    });
  });

  it("a notification is only ever the rep's to read", async () => {
    const [row] = await world.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.orgId, world.org.id), eq(notifications.userId, world.org.rep.id)));
    expect(await world.api(world.org.manager).notifications.markRead({ ids: [row!.id] })).toEqual({ changed: 0 });
  });

  it("a draft shows its managers the rep's goals they may read and counts the private ones", async () => {
    const goal = (title: string, visibility: "private" | "team") =>
      insertGoal(world.db, world.org.id, { userId: world.org.rep.id, strategyId, title, visibility });
    const added = [await goal("Private ambition", "private"), await goal("Team ambition", "team")];
    try {
      const { id } = await start();
      for (const reader of [world.org.manager, subManager, world.org.admin]) {
        const { snapshot } = await world.api(reader).reviews.get({ reviewId: id });
        expect(snapshot?.goals.map((g) => g.title).sort()).toEqual(["Make senior AE", "Team ambition"]);
        expect(snapshot?.hiddenGoalCount).toBe(1);
      }
      // Actions link only to goals the manager may read: the private one is not found, on adding and on editing.
      const manager = world.api(world.org.manager);
      const [privateGoal, teamGoal] = added;
      await expectTRPCError(
        manager.reviews.addAction({ reviewId: id, text: "x", owner: "rep", goalId: privateGoal }),
        "NOT_FOUND",
      );
      const { id: actionId } = await manager.reviews.addAction({
        reviewId: id,
        text: "x",
        owner: "rep",
        goalId: teamGoal,
      });
      await expectTRPCError(
        manager.reviews.updateAction({ actionId, version: 1, text: "x", owner: "rep", goalId: privateGoal }),
        "NOT_FOUND",
      );
      await manager.reviews.removeAction({ actionId });
      // Shared, the snapshot is the one frozen with the sharing manager's eyes.
      await world.api(world.org.manager).reviews.share({ reviewId: id, version: 1 });
      const shared = await world.api(world.org.rep).reviews.get({ reviewId: id });
      expect(shared.snapshot?.goals.map((g) => g.title).sort()).toEqual(["Make senior AE", "Team ambition"]);
      expect(shared.snapshot?.hiddenGoalCount).toBe(1);
    } finally {
      await world.db.delete(goals).where(and(eq(goals.orgId, world.org.id), inArray(goals.id, added)));
    }
  });
});
