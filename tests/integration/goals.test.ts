import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, goalObjectiveLinks, goals } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { auditLog, describeOrgAccess, expectBadRequest, lastAudit, scalar, useWorld } from "../helpers/world";
import {
  DEMO_OBJECTIVES,
  insertAccount,
  insertDeal,
  insertGoal,
  insertMember,
  insertStrategy,
} from "./alignment-fixtures";

describe("goals router", () => {
  const world = useWorld();
  const rep = () => world.api(world.org.rep);
  let strategyId: string;
  let objectiveIds: string[];
  let archivedId: string;
  let archivedObjectiveId: string;
  let draftId: string;
  let repGoalId: string;
  let otherOrgObjectiveId: string;

  beforeAll(async () => {
    ({ id: strategyId, objectiveIds } = await insertStrategy(world.db, world.org.id, {
      startsOn: "2026-07-01",
      endsOn: "2026-12-31",
      objectives: DEMO_OBJECTIVES,
    }));
    const archived = await insertStrategy(world.db, world.org.id, {
      status: "archived",
      startsOn: "2026-01-01",
      endsOn: "2026-06-30",
      objectives: [{ title: "Old", weight: 100 }],
    });
    archivedId = archived.id;
    archivedObjectiveId = archived.objectiveIds[0]!;
    draftId = (
      await insertStrategy(world.db, world.org.id, {
        status: "draft",
        startsOn: "2027-01-01",
        endsOn: "2027-06-30",
        objectives: [{ title: "Next", weight: 100 }],
      })
    ).id;
    otherOrgObjectiveId = (
      await insertStrategy(world.db, world.other.id, { objectives: [{ title: "Theirs", weight: 100 }] })
    ).objectiveIds[0]!;
    repGoalId = await insertGoal(world.db, world.org.id, {
      userId: world.org.rep.id,
      strategyId,
      title: "Seeded goal",
      links: [[objectiveIds[0]!, 1]],
    });
  });

  const goalCount = () =>
    scalar<number>(world.db, sql`select count(*)::int as value from goals where org_id = ${world.org.id}`);
  const newGoal = (extra: Record<string, unknown> = {}) => ({
    strategyId,
    category: "skill" as const,
    title: "Learn Fleet Analytics",
    ...extra,
  });

  describeOrgAccess(world, [
    { procedure: "goals.mine", call: (api) => api.goals.mine({ strategyId }) },
    { procedure: "goals.shared", call: (api) => api.goals.shared({ strategyId }) },
    { procedure: "goals.create", call: (api) => api.goals.create(newGoal()) },
    {
      procedure: "goals.update",
      call: (api) =>
        api.goals.update({ goalId: repGoalId, version: 1, category: "other", title: "Access", visibility: "manager" }),
    },
    { procedure: "goals.delete", call: (api) => api.goals.delete({ goalId: repGoalId }) },
  ]);

  describe("create, update, delete own goals", () => {
    it("a rep writes a goal linked to objectives, sees it with their score, and the score rises with a new link", async () => {
      const before = await rep().goals.mine({ strategyId });
      const created = await rep().goals.create({
        strategyId,
        category: "account",
        title: "  Land two hospital networks ",
        target: "2",
        unit: "deals",
        currentValue: 1,
        importance: 3,
        visibility: "team",
        links: [{ objectiveId: objectiveIds[1]!, strength: 3 }],
      });
      expect(created).toMatchObject({
        userId: world.org.rep.id,
        strategyId,
        category: "account",
        title: "Land two hospital networks",
        target: "2.00",
        unit: "deals",
        currentValue: "1.00",
        progressAutomatic: false,
        importance: 3,
        visibility: "team",
        version: 1,
        links: [{ objectiveId: objectiveIds[1], strength: 3 }],
      });
      const after = await rep().goals.mine({ strategyId });
      expect(after.goals.map((g) => g.id)).toContain(created.id);
      expect(after.strategy.id).toBe(strategyId);
      // Healthcare (25) is now central: coverage rises by 25/100, i.e. 10 points; focus stays at 100%.
      expect(after.alignment.components.coverage.points - before.alignment.components.coverage.points).toBe(10);
      expect(after.alignment.score).toBeGreaterThan(before.alignment.score);
      expect(after.alignment.objectives.find((o) => o.objectiveId === objectiveIds[1])?.strength).toBe(3);
    });

    it("updates fields and replaces links as of the version read; a stale version → CONFLICT with the current goal", async () => {
      const goal = await rep().goals.create(newGoal({ links: [{ objectiveId: objectiveIds[2]!, strength: 1 }] }));
      const updated = await rep().goals.update({
        goalId: goal.id,
        version: 1,
        category: "skill",
        title: "Certified on Fleet Analytics",
        target: "100",
        unit: "%",
        currentValue: "40.5",
        importance: 1,
        visibility: "private",
        links: [
          { objectiveId: objectiveIds[2]!, strength: 2 },
          { objectiveId: objectiveIds[3]!, strength: 1 },
        ],
      });
      expect(updated).toMatchObject({
        title: "Certified on Fleet Analytics",
        currentValue: "40.50",
        visibility: "private",
        version: 2,
        importance: 1,
      });
      expect(updated.links).toEqual([
        { objectiveId: objectiveIds[2], strength: 2 },
        { objectiveId: objectiveIds[3], strength: 1 },
      ]);
      const error = await expectTRPCError(
        rep().goals.update({
          goalId: goal.id,
          version: 1,
          category: "skill",
          title: "Overwrite",
          visibility: "private",
        }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: /);
      expect((error.cause as unknown as { current: { title: string; version: number } }).current).toMatchObject({
        title: "Certified on Fleet Analytics",
        version: 2,
      });
      const [row] = await world.db.select({ title: goals.title }).from(goals).where(eq(goals.id, goal.id));
      expect(row?.title).toBe("Certified on Fleet Analytics");
    });

    it("deletes an own goal with its links, audited — a private goal's title stays out of the audit log", async () => {
      const goal = await rep().goals.create(
        newGoal({
          title: "Secret promotion plan",
          category: "promotion",
          visibility: "private",
          links: [{ objectiveId: objectiveIds[0]!, strength: 2 }],
        }),
      );
      expect(await rep().goals.delete({ goalId: goal.id })).toEqual({ id: goal.id });
      expect(await world.db.select().from(goals).where(eq(goals.id, goal.id))).toEqual([]);
      expect(await world.db.select().from(goalObjectiveLinks).where(eq(goalObjectiveLinks.goalId, goal.id))).toEqual(
        [],
      );
      const event = await lastAudit(world.db, world.org.id, "goal.deleted");
      expect(event).toMatchObject({
        entityId: goal.id,
        actorId: world.org.rep.id,
        before: { category: "promotion", visibility: "private" },
      });
      expect(JSON.stringify(event)).not.toContain("Secret promotion plan");
    });

    it("a visibility change is a sharing change: audited with before/after; other edits are not audited", async () => {
      const goal = await rep().goals.create(
        newGoal({ title: "Close the Q3 gap", category: "account", visibility: "private" }),
      );
      const events = () =>
        auditLog(world.db, world.org.id, and(eq(auditEvents.entityType, "goal"), eq(auditEvents.entityId, goal.id)));
      const fields = { goalId: goal.id, category: "account" as const, title: "Close the Q3 gap" };
      // Private → team: the title is recorded (admins, who read the log, may now read the goal).
      let current = await rep().goals.update({ ...fields, version: goal.version, visibility: "team" });
      expect(await events()).toEqual([
        {
          action: "goal.visibility_changed",
          actorId: world.org.rep.id,
          entityType: "goal",
          entityId: goal.id,
          before: { visibility: "private" },
          after: { visibility: "team", strategyId, category: "account", title: "Close the Q3 gap" },
        },
      ]);
      // Edits that keep the visibility are not audited (DESIGN.md: sharing, not every goal edit).
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Close the Q3 gap fast",
        importance: 3,
        visibility: "team",
      });
      expect(await events()).toHaveLength(1);
      // Team → manager, then back to private: the last keeps the (new) title out of the log.
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Close the Q3 gap fast",
        visibility: "manager",
      });
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Secret stretch target",
        visibility: "private",
      });
      const log = await events();
      expect(log.map((e) => [e.before, e.after])).toEqual([
        [{ visibility: "private" }, { visibility: "team", strategyId, category: "account", title: "Close the Q3 gap" }],
        [
          { visibility: "team" },
          { visibility: "manager", strategyId, category: "account", title: "Close the Q3 gap fast" },
        ],
        [{ visibility: "manager" }, { visibility: "private", strategyId, category: "account" }],
      ]);
      expect(JSON.stringify(log)).not.toContain("Secret stretch target");
      // An update must say the visibility: leaving it out never shares a private goal by default.
      await expectBadRequest(rep().goals.update({ ...fields, version: current.version } as never), "visibility");
      expect(await events()).toHaveLength(3);
    });

    it("a refused update (stale version, another person's goal) records nothing", async () => {
      const goal = await rep().goals.create(newGoal({ title: "Untouched", visibility: "private" }));
      const count = () =>
        scalar<number>(
          world.db,
          sql`select count(*)::int as value from audit_events where org_id = ${world.org.id} and entity_id = ${goal.id}`,
        );
      await expectTRPCError(
        rep().goals.update({
          goalId: goal.id,
          version: goal.version + 1,
          category: "skill",
          title: "Untouched",
          visibility: "team",
        }),
        "CONFLICT",
      );
      await expectTRPCError(
        world.api(world.org.manager).goals.update({
          goalId: goal.id,
          version: goal.version,
          category: "skill",
          title: "Untouched",
          visibility: "team",
        }),
        "NOT_FOUND",
      );
      expect(await count()).toBe(0);
    });

    it("nobody edits or deletes another person's goal, nor another organization's (NOT_FOUND, untouched)", async () => {
      for (const user of [world.org.manager, world.org.admin]) {
        await expectTRPCError(
          world.api(user).goals.update({
            goalId: repGoalId,
            version: 1,
            category: "other",
            title: "Hijacked",
            visibility: "manager",
          }),
          "NOT_FOUND",
        );
        await expectTRPCError(world.api(user).goals.delete({ goalId: repGoalId }), "NOT_FOUND");
      }
      const theirStrategy = await insertStrategy(world.db, world.other.id, {
        startsOn: "2020-01-01",
        endsOn: "2020-06-30",
        objectives: [{ title: "X", weight: 100 }],
      });
      const theirGoal = await insertGoal(world.db, world.other.id, {
        userId: world.other.rep.id,
        strategyId: theirStrategy.id,
        title: "Theirs",
      });
      await expectTRPCError(
        rep().goals.update({ goalId: theirGoal, version: 1, category: "other", title: "Pwned", visibility: "manager" }),
        "NOT_FOUND",
      );
      await expectTRPCError(rep().goals.delete({ goalId: theirGoal }), "NOT_FOUND");
      const titles = await world.db
        .select({ title: goals.title })
        .from(goals)
        .where(sql`${goals.id} in (${repGoalId}, ${theirGoal})`);
      expect(titles.map((t) => t.title).sort()).toEqual(["Seeded goal", "Theirs"]);
    });

    it("goals are written only for an active strategy: archived → BAD_REQUEST; a draft is NOT_FOUND to a rep and BAD_REQUEST to an admin", async () => {
      await expectBadRequest(rep().goals.create(newGoal({ strategyId: archivedId })), "strategyId");
      await expectTRPCError(rep().goals.create(newGoal({ strategyId: draftId })), "NOT_FOUND");
      await expectBadRequest(world.api(world.org.admin).goals.create(newGoal({ strategyId: draftId })), "strategyId");
      const oldGoal = await insertGoal(world.db, world.org.id, {
        userId: world.org.rep.id,
        strategyId: archivedId,
        title: "Old goal",
      });
      await expectBadRequest(
        rep().goals.update({
          goalId: oldGoal,
          version: 1,
          category: "other",
          title: "Rewrite history",
          visibility: "manager",
        }),
        "goalId",
      );
      await expectBadRequest(rep().goals.delete({ goalId: oldGoal }), "goalId");
      // …and stays readable.
      expect((await rep().goals.mine({ strategyId: archivedId })).goals.map((g) => g.title)).toEqual(["Old goal"]);
    });
  });

  describe("bad input: BAD_REQUEST naming the field, nothing saved", () => {
    it("a negative target", async () => {
      const count = await goalCount();
      const message = await expectBadRequest(rep().goals.create(newGoal({ target: "-5" })), "target");
      expect(message).toMatch(/target: Must not be negative/);
      await expectBadRequest(rep().goals.create(newGoal({ target: -0.01 })), "target");
      await expectBadRequest(
        rep().goals.update({
          goalId: repGoalId,
          version: 1,
          category: "other",
          title: "X",
          target: "-1",
          visibility: "manager",
        }),
        "target",
      );
      expect(await goalCount()).toBe(count);
    });

    it("a link to another organization's objective", async () => {
      const count = await goalCount();
      await expectBadRequest(
        rep().goals.create(
          newGoal({
            links: [
              { objectiveId: objectiveIds[0]!, strength: 1 },
              { objectiveId: otherOrgObjectiveId, strength: 3 },
            ],
          }),
        ),
        "links.1.objectiveId",
      );
      expect(await goalCount()).toBe(count);
      // An update with such a link changes nothing either: not the title, not the existing links.
      await expectBadRequest(
        rep().goals.update({
          goalId: repGoalId,
          version: 1,
          category: "other",
          title: "Changed",
          links: [{ objectiveId: otherOrgObjectiveId, strength: 3 }],
          visibility: "manager",
        }),
        "links.0.objectiveId",
      );
      const [row] = await world.db
        .select({ title: goals.title, version: goals.version })
        .from(goals)
        .where(eq(goals.id, repGoalId));
      expect(row).toEqual({ title: "Seeded goal", version: 1 });
      expect(
        await world.db
          .select({ objectiveId: goalObjectiveLinks.objectiveId })
          .from(goalObjectiveLinks)
          .where(eq(goalObjectiveLinks.goalId, repGoalId)),
      ).toEqual([{ objectiveId: objectiveIds[0] }]);
    });

    it.each([
      ["mine", "strategyId", () => rep().goals.mine({ strategyId: "x" })],
      ["shared", "strategyId", () => rep().goals.shared({} as never)],
      [
        "update",
        "goalId",
        () => rep().goals.update({ goalId: "x", version: 1, category: "other", title: "X", visibility: "manager" }),
      ],
      [
        "update",
        "version",
        () =>
          rep().goals.update({ goalId: repGoalId, version: 0, category: "other", title: "X", visibility: "manager" }),
      ],
      [
        "update",
        "title",
        () =>
          rep().goals.update({ goalId: repGoalId, version: 1, category: "other", title: "  ", visibility: "manager" }),
      ],
      ["delete", "goalId", () => rep().goals.delete({ goalId: "x" })],
    ] as const)("%s → BAD_REQUEST naming %s", async (_procedure, field, call) => {
      await expectBadRequest(call(), field);
    });

    it("a link to another strategy's objective", async () => {
      await expectBadRequest(
        rep().goals.create(newGoal({ links: [{ objectiveId: archivedObjectiveId, strength: 2 }] })),
        "links.0.objectiveId",
      );
    });

    it.each([
      ["title", { title: "" }],
      ["title", { title: "x".repeat(201) }],
      ["category", { category: "yacht" }],
      ["target", { target: "12abc" }],
      ["target", { target: "1.234" }],
      ["currentValue", { currentValue: "-3" }],
      ["importance", { importance: 4 }],
      ["visibility", { visibility: "public" }],
      ["unit", { category: "quota", unit: "deals" }],
      ["links.0.strength", { links: [{ objectiveId: crypto.randomUUID(), strength: 4 }] }],
      ["links.0.objectiveId", { links: [{ objectiveId: "x", strength: 1 }] }],
      [
        "links.1.objectiveId",
        {
          links: [
            { objectiveId: "00000000-0000-4000-8000-000000000001", strength: 1 },
            { objectiveId: "00000000-0000-4000-8000-000000000001", strength: 2 },
          ],
        },
      ],
      ["strategyId", { strategyId: "x" }],
    ] as const)("create with bad %s", async (field, extra) => {
      const count = await goalCount();
      await expectBadRequest(rep().goals.create(newGoal(extra) as never), field);
      expect(await goalCount()).toBe(count);
    });
  });

  describe("quota progress", () => {
    it("sums the owner's closed-won deals with a close date in the period, in the goal's currency", async () => {
      const seller = await insertMember(world.db, world.org.id, "Quota Seller", "rep", { teamId: world.org.subTeamId });
      const accountId = await insertAccount(world.db, world.org.id);
      const deal = (
        amount: string,
        extra: Parameters<typeof insertDeal>[2] extends infer T ? Partial<T> : never = {},
      ) =>
        insertDeal(world.db, world.org.id, {
          accountId,
          ownerId: seller.id,
          amount,
          stage: "closed_won",
          closeDate: "2026-08-01",
          ...extra,
        });
      await deal("1000.25");
      await deal("2000.50", { closeDate: "2026-12-31" });
      await deal("999.00", { closeDate: "2026-06-30" }); // before the period
      await deal("500.00", { stage: "negotiation" }); // open
      await deal("700.00", { currency: "EUR" }); // another currency
      await insertDeal(world.db, world.org.id, {
        accountId,
        ownerId: world.org.rep.id,
        amount: "50000.00",
        stage: "closed_won",
        closeDate: "2026-09-01",
      }); // someone else's
      const api = world.api(seller);
      const quota = await api.goals.create({
        strategyId,
        category: "quota",
        title: "Close $10K",
        target: "10000",
        unit: "usd",
        currentValue: "123",
      });
      expect(quota).toMatchObject({ unit: "USD", currentValue: "3000.75", progressAutomatic: true });
      const euro = await api.goals.create({
        strategyId,
        category: "quota",
        title: "Close €1K",
        target: "1000",
        unit: "EUR",
      });
      expect(euro.currentValue).toBe("700.00");
      // Not stored: the column keeps what was entered; progress is computed at read time.
      const [row] = await world.db
        .select({ currentValue: goals.currentValue })
        .from(goals)
        .where(eq(goals.id, quota.id));
      expect(row?.currentValue).toBe("123.00");
      await deal("0.25", { closeDate: "2026-10-10" });
      expect((await api.goals.mine({ strategyId })).goals.find((g) => g.id === quota.id)?.currentValue).toBe("3001.00");
    });
  });

  describe("mine and shared", () => {
    it("mine shows only the caller's own goals; a viewer has none", async () => {
      const mine = await rep().goals.mine({ strategyId });
      expect(mine.goals.every((g) => g.userId === world.org.rep.id)).toBe(true);
      expect(mine.goals.length).toBeGreaterThan(0);
      const viewer = await world.api(world.org.viewer).goals.mine({ strategyId });
      expect(viewer.goals).toEqual([]);
      expect(viewer.alignment.score).toBe(0);
      expect(viewer.alignment.suggestions[0]?.kind).toBe("no_pipeline");
    });

    it("shared shows teammates' team-visible goals only — never manager-only or private ones, nor people outside the caller's teams", async () => {
      const mate = await insertMember(world.db, world.org.id, "Team Mate", "rep", { teamId: world.org.subTeamId });
      const outsider = await insertMember(world.db, world.org.id, "Far Away", "rep");
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "Shared with the team",
        visibility: "team",
      });
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "For my manager",
        visibility: "manager",
      });
      await insertGoal(world.db, world.org.id, {
        userId: mate.id,
        strategyId,
        title: "Just mine",
        visibility: "private",
      });
      await insertGoal(world.db, world.org.id, {
        userId: outsider.id,
        strategyId,
        title: "Outside",
        visibility: "team",
      });
      const shared = await rep().goals.shared({ strategyId });
      const titles = shared.flatMap((person) => person.goals.map((g) => g.title));
      expect(titles).toContain("Shared with the team");
      expect(titles).not.toContain("For my manager");
      expect(titles).not.toContain("Just mine");
      expect(titles).not.toContain("Outside");
      expect(shared.find((person) => person.userId === mate.id)).toMatchObject({
        name: "Team Mate",
        teamNames: ["Initech East"],
      });
      expect(shared.map((person) => person.userId)).not.toContain(world.org.rep.id);
      // The outsider shares a team with nobody.
      expect(await world.api(outsider).goals.shared({ strategyId })).toEqual([]);
    });

    it("another organization's strategy → NOT_FOUND", async () => {
      const theirs = await insertStrategy(world.db, world.other.id, {
        startsOn: "2021-01-01",
        endsOn: "2021-06-30",
        objectives: [{ title: "X", weight: 100 }],
      });
      await expectTRPCError(rep().goals.mine({ strategyId: theirs.id }), "NOT_FOUND");
      await expectTRPCError(rep().goals.shared({ strategyId: theirs.id }), "NOT_FOUND");
      await expectTRPCError(rep().goals.create(newGoal({ strategyId: theirs.id })), "NOT_FOUND");
    });

    it("issues the same number of SQL statements whatever the number of goals and deals", async () => {
      const seller = await insertMember(world.db, world.org.id, "Busy Seller", "rep", { teamId: world.org.subTeamId });
      const api = world.api(seller);
      const accountId = await insertAccount(world.db, world.org.id, { industry: "Healthcare" });
      const count = async () => {
        world.handle.resetQueryCount();
        await api.goals.mine({ strategyId });
        return world.handle.queryCount();
      };
      await insertGoal(world.db, world.org.id, { userId: seller.id, strategyId, links: [[objectiveIds[0]!, 2]] });
      await insertDeal(world.db, world.org.id, { accountId, ownerId: seller.id, amount: "10.00" });
      const few = await count();
      for (let i = 0; i < 10; i++) {
        await insertGoal(world.db, world.org.id, {
          userId: seller.id,
          strategyId,
          category: i % 2 ? "quota" : "skill",
          unit: "USD",
          links: [[objectiveIds[i % 4]!, 1 + (i % 3)]],
        });
        await insertDeal(world.db, world.org.id, {
          accountId,
          ownerId: seller.id,
          amount: `${100 + i}.00`,
          stage: i % 3 ? "proposal" : "closed_won",
        });
      }
      expect(await count()).toBe(few);
    });
  });

  it("links strength is kept per objective, strongest first", async () => {
    const goal = await rep().goals.create(
      newGoal({
        links: [
          { objectiveId: objectiveIds[3]!, strength: 1 },
          { objectiveId: objectiveIds[0]!, strength: 3 },
        ],
      }),
    );
    expect(goal.links.map((l) => l.strength)).toEqual([3, 1]);
    const stored = await world.db
      .select({ strength: goalObjectiveLinks.strength })
      .from(goalObjectiveLinks)
      .where(and(eq(goalObjectiveLinks.goalId, goal.id), eq(goalObjectiveLinks.objectiveId, objectiveIds[0]!)));
    expect(stored).toEqual([{ strength: 3 }]);
  });
});
