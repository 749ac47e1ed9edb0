import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { ROLES } from "@/server/authz/permissions";
import { allows } from "@/server/authz/record-rules";
import { StaleVersionError } from "@/server/domain/errors";
import type { Json } from "@/components/audit/changes";
import { describeEvent } from "@/components/deals/deal-timeline";
import { expectTRPCError } from "../helpers/expect-trpc";
import { followPages } from "../helpers/pages";
import { auditLog, describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { reasonId, seedPipeline, versionOf, type Pipeline } from "./deals-fixtures";

describe("deals router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);
  const newDeal = (name: string, extra: Record<string, unknown> = {}) =>
    as("rep").deals.create({ accountId: pipe.accounts.acme, name, amount: "1000", closeDate: "2026-12-01", ...extra });

  describeOrgAccess(world, [
    { procedure: "deals.list", call: (api) => api.deals.list({}) },
    { procedure: "deals.totals", call: (api) => api.deals.totals({}) },
    { procedure: "deals.board", call: (api) => api.deals.board({}) },
    { procedure: "deals.export", call: (api) => api.deals.export({}) },
    { procedure: "deals.options", call: (api) => api.deals.options() },
    { procedure: "deals.get", call: (api) => api.deals.get({ dealId: pipe.deals.repOpen }) },
    { procedure: "deals.timeline", call: (api) => api.deals.timeline({ dealId: pipe.deals.repOpen }) },
    {
      procedure: "deals.create",
      call: (api) => api.deals.create({ accountId: pipe.accounts.acme, name: "Access" }),
    },
    {
      procedure: "deals.update",
      call: (api) => api.deals.update({ dealId: pipe.deals.repOpen, version: 1, name: "Access" }),
    },
    {
      procedure: "deals.move",
      call: (api) => api.deals.move({ dealId: pipe.deals.repOpen, version: 1, stage: "proposal" }),
    },
    {
      procedure: "deals.disqualify",
      call: async (api) =>
        api.deals.disqualify({
          dealId: pipe.deals.repOpen,
          version: 1,
          reasonId: await reasonId(world.db, world.org.id, "Outside strategy"),
        }),
    },
  ]);

  describe("record rules (server/authz/record-rules.ts) decide who may edit the rep's deal", () => {
    it.each(ROLES)("%s", async (role) => {
      const { id } = await newDeal(`Rules ${role}`);
      const editable = allows({ userId: world.org[role].id, role }, "deal.edit", { ownerId: world.org.rep.id });
      expect((await as(role).deals.get({ dealId: id })).canEdit).toBe(editable);
      const update = as(role).deals.update({ dealId: id, version: 1, name: `Renamed by ${role}` });
      if (editable) expect((await update).version).toBe(2);
      else await expectTRPCError(update, "FORBIDDEN");
    });
  });

  describe("visibility", () => {
    const visibleIds = async (role: "admin" | "manager" | "rep" | "viewer") =>
      new Set((await as(role).deals.list({ limit: 100 })).items.map((deal) => deal.id));

    it("reps see their own deals, managers their team tree, viewers their teams, admins all", async () => {
      const { repOpen, repWon, outsiderOpen } = pipe.deals;
      expect([...(await visibleIds("admin"))]).toEqual(expect.arrayContaining([repOpen, repWon, outsiderOpen]));
      const rep = await visibleIds("rep");
      expect(rep.has(repOpen) && rep.has(repWon) && !rep.has(outsiderOpen)).toBe(true);
      const manager = await visibleIds("manager");
      expect(manager.has(repOpen) && !manager.has(outsiderOpen)).toBe(true);
      const viewer = await visibleIds("viewer");
      expect(viewer.has(repOpen) && !viewer.has(outsiderOpen)).toBe(true);
      expect((await world.api(pipe.outsider).deals.list({})).items.map((deal) => deal.id)).toEqual([outsiderOpen]);
    });

    it("a deal the caller may not see → NOT_FOUND, one they may see but not edit → FORBIDDEN", async () => {
      await expectTRPCError(as("rep").deals.get({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
      await expectTRPCError(as("manager").deals.get({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
      expect((await as("manager").deals.get({ dealId: pipe.deals.repOpen })).canEdit).toBe(false);
      await expectTRPCError(
        as("manager").deals.update({ dealId: pipe.deals.repOpen, version: 1, name: "Mine now" }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        as("rep").deals.update({ dealId: pipe.deals.outsiderOpen, version: 1, name: "Mine now" }),
        "NOT_FOUND",
      );
      expect((await as("rep").deals.get({ dealId: pipe.deals.repOpen })).canEdit).toBe(true);
      expect((await as("admin").deals.get({ dealId: pipe.deals.outsiderOpen })).canEdit).toBe(true);
    });

    it("others see how many goals the owner keeps from them, never which (title, id, category, importance)", async () => {
      await world.db.insert(s.goals).values({
        orgId: world.org.id,
        id: crypto.randomUUID(),
        userId: world.org.rep.id,
        strategyId: pipe.strategyId,
        category: "promotion",
        title: "Secret promotion plan",
        importance: 3,
        visibility: "private",
      });
      const titles = async (role: "admin" | "manager" | "rep" | "viewer") =>
        (await as(role).deals.get({ dealId: pipe.deals.repOpen })).goals.map((g) => g.title);
      expect(await titles("rep")).toContain("Secret promotion plan");
      for (const role of ["admin", "manager", "viewer"] as const) {
        const deal = await as(role).deals.get({ dealId: pipe.deals.repOpen });
        expect(await titles(role)).not.toContain("Secret promotion plan");
        expect(deal.goals.map((g) => g.category)).not.toContain("promotion");
        expect(deal.hiddenGoals.total).toBeGreaterThanOrEqual(1);
      }
      // "manager" visibility: managers and admins read it, viewers do not.
      expect(await titles("manager")).toContain("Quota");
      expect(await titles("viewer")).not.toContain("Quota");
      const reasons = (await as("viewer").deals.get({ dealId: pipe.deals.repOpen })).alignment.reasons.join(" ");
      expect(reasons).not.toContain("Secret promotion plan");
      // The score counts every goal, whoever looks.
      expect((await as("viewer").deals.get({ dealId: pipe.deals.repOpen })).alignment.score).toBe(
        (await as("rep").deals.get({ dealId: pipe.deals.repOpen })).alignment.score,
      );
    });

    it("another organization's deal → NOT_FOUND, even for its admin id", async () => {
      const [foreign] = await world.db
        .select({ id: s.deals.id })
        .from(s.deals)
        .where(eq(s.deals.orgId, world.org.id))
        .limit(1);
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).deals.get({ dealId: foreign!.id }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).deals.update({ dealId: foreign!.id, version: 1, name: "x" }),
        "NOT_FOUND",
      );
      expect((await world.api(world.other.admin, world.other.id).deals.list({})).items).toEqual([]);
    });
  });

  describe("create", () => {
    it("creates a deal owned by the rep, in the rep's team, audited", async () => {
      const created = await newDeal("New pilot", {
        amount: "12345.67",
        currency: "EUR",
        product: "Vision QA",
        problemFit: "partly",
        goalIds: [pipe.goals.account],
        objectiveIds: [pipe.objectives.idle],
      });
      expect(created).toEqual({ id: expect.any(String), version: 1, stage: "prospecting" });
      const [row] = await world.db.select().from(s.deals).where(eq(s.deals.id, created.id));
      expect(row).toMatchObject({
        ownerId: world.org.rep.id,
        teamId: world.org.subTeamId,
        amount: "12345.67",
        currency: "EUR",
        problemFit: "partly",
        version: 1,
      });
      const detail = await as("rep").deals.get({ dealId: created.id });
      expect(detail.goals.find((g) => g.id === pipe.goals.account)).toMatchObject({ linked: true, advanced: true });
      expect(detail.objectives.find((o) => o.id === pipe.objectives.idle)).toMatchObject({
        matched: true,
        explicit: true,
      });
      expect(detail.objectives.find((o) => o.id === pipe.objectives.mfg)).toMatchObject({
        matched: true,
        explicit: false,
      });
      expect(await lastAudit(world.db, world.org.id, "deal.created")).toMatchObject({
        actorId: world.org.rep.id,
        entityType: "deal",
        entityId: created.id,
        after: { name: "New pilot", stage: "prospecting" },
      });
    });

    it("an admin may create a deal for a rep; a rep only for themselves", async () => {
      const { id } = await as("admin").deals.create({
        accountId: pipe.accounts.acme,
        name: "Assigned",
        ownerId: world.org.rep.id,
      });
      expect((await as("rep").deals.get({ dealId: id })).owner.id).toBe(world.org.rep.id);
      const error = await expectTRPCError(
        as("rep").deals.create({ accountId: pipe.accounts.acme, name: "For someone", ownerId: world.org.manager.id }),
        "FORBIDDEN",
      );
      expect(error.message).toMatch(/^ownerId: /);
      await expectBadRequest(
        as("admin").deals.create({ accountId: pipe.accounts.acme, name: "Viewer's", ownerId: world.org.viewer.id }),
        "ownerId",
      );
    });

    it.each([
      ["amount", { amount: "-5" }, "Must not be negative"],
      ["amount", { amount: "12.345" }, "Use at most 2 decimals"],
      ["amount", { amount: "lots" }, "Use a decimal amount"],
      ["currency", { currency: "usd" }, "3-letter ISO 4217"],
      ["currency", { currency: "XQZ" }, "Unknown currency code"],
      ["stage", { stage: "won" }, "Invalid option"],
      ["closeDate", { closeDate: "2026-02-30" }, "Use a date"],
      ["name", { name: "" }, "Required"],
      ["problemFit", { problemFit: "maybe" }, "Invalid option"],
      ["accountId", { accountId: "acme" }, "Invalid UUID"],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, patch, reason) => {
      const before = await world.db.$count(s.deals);
      const message = await expectBadRequest(newDeal("Bad", patch as Record<string, unknown>), field);
      expect(message).toContain(reason);
      expect(await world.db.$count(s.deals)).toBe(before);
    });

    it("an account without industry or region matches no focus rule on them (migration 0005)", async () => {
      const [bare] = await world.db
        .insert(s.accounts)
        .values({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          name: "Bare account",
          ownerId: world.org.rep.id,
          teamId: world.org.subTeamId,
        })
        .returning({ id: s.accounts.id });
      const { id } = await newDeal("On a bare account", { accountId: bare!.id });
      const detail = await as("rep").deals.get({ dealId: id });
      expect(detail.objectives.filter((o) => o.matched)).toEqual([]);
      expect(detail.alignment.flags).toContain("OUTSIDE_STRATEGY");
    });

    it("disqualified needs a reason, so it is not a starting stage", async () => {
      await expectBadRequest(newDeal("DQ", { stage: "disqualified" }), "stage");
    });

    it("an account of another organization or one the rep cannot see → NOT_FOUND; goals of someone else → BAD_REQUEST", async () => {
      const [foreign] = await world.db
        .insert(s.accounts)
        .values({ orgId: world.other.id, id: crypto.randomUUID(), name: "Foreign" })
        .returning({ id: s.accounts.id });
      await expectTRPCError(newDeal("X", { accountId: foreign!.id }), "NOT_FOUND");
      await expectTRPCError(newDeal("X", { accountId: pipe.accounts.globex }), "NOT_FOUND");
      const [otherGoal] = await world.db
        .insert(s.goals)
        .values({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          userId: world.org.manager.id,
          strategyId: pipe.strategyId,
          category: "other",
          title: "Manager's",
        })
        .returning({ id: s.goals.id });
      await expectBadRequest(newDeal("X", { goalIds: [otherGoal!.id] }), "goalIds");
      await expectTRPCError(newDeal("X", { objectiveIds: [crypto.randomUUID()] }), "NOT_FOUND");
    });

    it("new links go to objectives of an active strategy; a link the deal already has survives its strategy's archiving", async () => {
      const draftId = crypto.randomUUID();
      const draftObjective = crypto.randomUUID();
      await world.db.insert(s.strategies).values({
        orgId: world.org.id,
        id: draftId,
        name: "Next half (draft)",
        startsOn: "2030-01-01",
        endsOn: "2030-06-30",
        status: "draft",
      });
      await world.db.insert(s.objectives).values({
        orgId: world.org.id,
        id: draftObjective,
        strategyId: draftId,
        title: "Secret plan",
        weight: 100,
        position: 0,
      });
      await expectBadRequest(newDeal("X", { objectiveIds: [draftObjective] }), "objectiveIds");

      const { id } = await newDeal("Linked before archiving", { objectiveIds: [pipe.objectives.mfg] });
      const archivedId = crypto.randomUUID();
      const archivedObjective = crypto.randomUUID();
      await world.db.insert(s.strategies).values({
        orgId: world.org.id,
        id: archivedId,
        name: "Last half",
        startsOn: "2020-01-01",
        endsOn: "2020-06-30",
        status: "archived",
      });
      await world.db.insert(s.objectives).values({
        orgId: world.org.id,
        id: archivedObjective,
        strategyId: archivedId,
        title: "Old aim",
        weight: 100,
        position: 0,
      });
      await world.db
        .insert(s.dealObjectives)
        .values({ orgId: world.org.id, dealId: id, objectiveId: archivedObjective });
      const kept = await as("rep").deals.update({
        dealId: id,
        version: 1,
        name: "Still editable",
        objectiveIds: [pipe.objectives.mfg, archivedObjective],
      });
      expect(kept.version).toBe(2);
      await expectBadRequest(
        as("rep").deals.update({
          dealId: id,
          version: 2,
          objectiveIds: [pipe.objectives.mfg, archivedObjective, draftObjective],
        }),
        "objectiveIds",
      );
    });
  });

  describe("update and CONFLICT", () => {
    it("updates fields with the version, bumps it and audits what changed", async () => {
      const { id } = await newDeal("Editable");
      const result = await as("rep").deals.update({
        dealId: id,
        version: 1,
        name: "Edited",
        amount: "2000.50",
        closeDate: null,
        customerProblem: "Downtime",
      });
      expect(result).toEqual({ id, version: 2, stage: "prospecting" });
      const detail = await as("rep").deals.get({ dealId: id });
      expect(detail).toMatchObject({
        name: "Edited",
        amount: "2000.50",
        closeDate: null,
        customerProblem: "Downtime",
        version: 2,
      });
      expect(await lastAudit(world.db, world.org.id, "deal.updated")).toMatchObject({
        entityId: id,
        before: { name: "Edited".replace("Edited", "Editable"), amount: "1000.00", closeDate: "2026-12-01" },
        after: { name: "Edited", amount: "2000.50", closeDate: null, customerProblem: "Downtime" },
      });
      // The same amount written differently is no change.
      expect(await as("rep").deals.update({ dealId: id, version: 2, amount: "2000.5" })).toEqual({
        id,
        version: 2,
        stage: "prospecting",
      });
    });

    it("an amount change is audited with its currency, so the timeline can show it in that currency", async () => {
      const { id } = await newDeal("Euro deal", { amount: "100.00", currency: "EUR" });
      await as("rep").deals.update({ dealId: id, version: 1, amount: "250.00" });
      expect(await lastAudit(world.db, world.org.id, "deal.updated")).toMatchObject({
        before: { amount: "100.00", currency: "EUR" },
        after: { amount: "250.00", currency: "EUR" },
      });
      const timeline = await as("rep").deals.timeline({ dealId: id });
      const updated = timeline.items.find((item) => item.action === "deal.updated")!;
      expect(describeEvent(updated.action, updated.before as Json, updated.after as Json)).toBe(
        "changed amount: €100 → €250",
      );
    });

    it("a stale version → CONFLICT carrying the current record; nothing is overwritten", async () => {
      const { id } = await newDeal("Contested");
      await as("rep").deals.update({ dealId: id, version: 1, amount: "5000" });
      const error = await expectTRPCError(
        as("rep").deals.update({ dealId: id, version: 1, amount: "9999" }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: .*version 2/);
      expect(error.cause).toBeInstanceOf(StaleVersionError);
      expect((error.cause as StaleVersionError).current).toMatchObject({ id, amount: "5000.00", version: 2 });
      const [row] = await world.db
        .select({ amount: s.deals.amount, version: s.deals.version })
        .from(s.deals)
        .where(eq(s.deals.id, id));
      expect(row).toEqual({ amount: "5000.00", version: 2 });
      await expectTRPCError(as("rep").deals.move({ dealId: id, version: 1, stage: "proposal" }), "CONFLICT");
      await expectTRPCError(
        as("rep").deals.disqualify({
          dealId: id,
          version: 1,
          reasonId: await reasonId(world.db, world.org.id, "Outside strategy"),
        }),
        "CONFLICT",
      );
    });

    it("two concurrent saves of the same version: one wins, the other gets CONFLICT", async () => {
      const { id } = await newDeal("Race");
      const results = await Promise.allSettled([
        as("rep").deals.update({ dealId: id, version: 1, amount: "1" }),
        as("rep").deals.update({ dealId: id, version: 1, amount: "2" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(
        results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code),
      ).toEqual(["CONFLICT"]);
      expect(await versionOf(world.db, id)).toBe(2);
    });

    it("only an admin reassigns a deal; the owner change is audited with names and the team follows", async () => {
      const { id } = await newDeal("Handover", { goalIds: [pipe.goals.quota] });
      const error = await expectTRPCError(
        as("rep").deals.update({ dealId: id, version: 1, ownerId: pipe.outsider.id }),
        "FORBIDDEN",
      );
      expect(error.message).toMatch(/^ownerId: /);
      await as("admin").deals.update({ dealId: id, version: 1, ownerId: pipe.outsider.id });
      const [row] = await world.db
        .select({ ownerId: s.deals.ownerId, teamId: s.deals.teamId })
        .from(s.deals)
        .where(eq(s.deals.id, id));
      expect(row).toEqual({ ownerId: pipe.outsider.id, teamId: pipe.partnersTeamId });
      // The previous owner's goal no longer counts for the deal.
      expect(await world.db.$count(s.dealGoals, eq(s.dealGoals.dealId, id))).toBe(0);
      expect(await lastAudit(world.db, world.org.id, "deal.owner_changed")).toMatchObject({
        entityId: id,
        before: { ownerId: world.org.rep.id, ownerName: world.org.rep.name },
        after: { ownerId: pipe.outsider.id, ownerName: pipe.outsider.name },
      });
      // The rep no longer sees it.
      await expectTRPCError(as("rep").deals.get({ dealId: id }), "NOT_FOUND");
    });

    it("stage changes are audited; disqualified only through disqualify; moving an account keeps stakeholders consistent", async () => {
      const { id } = await newDeal("Stages");
      await as("rep").deals.update({ dealId: id, version: 1, stage: "qualification" });
      expect(await lastAudit(world.db, world.org.id, "deal.stage_changed")).toMatchObject({
        entityId: id,
        before: { stage: "prospecting" },
        after: { stage: "qualification" },
      });
      await expectBadRequest(as("rep").deals.update({ dealId: id, version: 2, stage: "disqualified" }), "stage");
      await as("rep").stakeholders.add({ dealId: id, contactId: pipe.contacts.acmeOps, buyingRole: "champion" });
      const [other] = await world.db
        .insert(s.accounts)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), name: "Second account", ownerId: world.org.rep.id })
        .returning({ id: s.accounts.id });
      await expectBadRequest(as("rep").deals.update({ dealId: id, version: 2, accountId: other!.id }), "accountId");
    });
  });

  describe("move, disqualify, reopen", () => {
    it("moves a deal (the kanban), audited; disqualified is refused without a reason", async () => {
      const { id } = await newDeal("Kanban");
      expect(await as("rep").deals.move({ dealId: id, version: 1, stage: "negotiation" })).toEqual({
        id,
        version: 2,
        stage: "negotiation",
      });
      expect(await lastAudit(world.db, world.org.id, "deal.stage_changed")).toMatchObject({
        entityId: id,
        after: { stage: "negotiation" },
      });
      await expectBadRequest(as("rep").deals.move({ dealId: id, version: 2, stage: "disqualified" }), "stage");
      await expectBadRequest(as("rep").deals.move({ dealId: id, version: 2, stage: "lost" as never }), "stage");
    });

    it("disqualifies with a reason and a note; the deal leaves the pipeline totals but stays reportable", async () => {
      const { id } = await newDeal("No problem here", { amount: "777.77", problemFit: "no" });
      const detail = await as("rep").deals.get({ dealId: id });
      expect(detail.alignment.score).toBe(0);
      expect(detail.alignment.flags).toContain("DISQUALIFY");
      expect(detail.suggestedDisqualification).toEqual({
        reasonId: await reasonId(world.db, world.org.id, "No problem we can solve"),
        label: "No problem we can solve",
      });

      const pipelineBefore = await as("rep").deals.totals({});
      await as("rep").deals.disqualify({
        dealId: id,
        version: 1,
        reasonId: detail.suggestedDisqualification!.reasonId,
        note: "They are fine as they are.",
      });
      const after = await as("rep").deals.get({ dealId: id });
      expect(after).toMatchObject({
        stage: "disqualified",
        disqualifiedReason: "No problem we can solve",
        disqualifiedNote: "They are fine as they are.",
        suggestedDisqualification: null,
      });
      const pipelineAfter = await as("rep").deals.totals({});
      const usd = (totals: typeof pipelineAfter) => totals.pipeline.find((row) => row.currency === "USD");
      expect(Number(usd(pipelineBefore)!.deals) - Number(usd(pipelineAfter)!.deals)).toBe(1);
      expect(pipelineAfter.byStage).toEqual(
        expect.arrayContaining([expect.objectContaining({ stage: "disqualified", currency: "USD" })]),
      );
      expect(await lastAudit(world.db, world.org.id, "deal.disqualified")).toMatchObject({
        entityId: id,
        before: { stage: "prospecting" },
        after: { stage: "disqualified", reason: "No problem we can solve", note: "They are fine as they are." },
      });

      // Reopening clears the reason and is audited as such.
      await as("rep").deals.move({ dealId: id, version: 2, stage: "qualification" });
      expect(await as("rep").deals.get({ dealId: id })).toMatchObject({
        stage: "qualification",
        disqualifiedReason: null,
        disqualifiedReasonId: null,
        disqualifiedNote: null,
      });
      expect(await lastAudit(world.db, world.org.id, "deal.reopened")).toMatchObject({
        entityId: id,
        before: { stage: "disqualified" },
        after: { stage: "qualification" },
      });
    });

    it("a reason of another organization → NOT_FOUND; an archived reason → BAD_REQUEST", async () => {
      const { id } = await newDeal("Reasons");
      const foreign = await reasonId(world.db, world.other.id, "Outside strategy");
      const error = await expectTRPCError(
        as("rep").deals.disqualify({ dealId: id, version: 1, reasonId: foreign }),
        "NOT_FOUND",
      );
      expect(error.message).toMatch(/^reasonId: /);
      const [archived] = await world.db
        .insert(s.disqualificationReasons)
        .values({ orgId: world.org.id, id: crypto.randomUUID(), label: "Old reason", archived: true })
        .returning({ id: s.disqualificationReasons.id });
      await expectBadRequest(
        as("rep").deals.disqualify({ dealId: id, version: 1, reasonId: archived!.id }),
        "reasonId",
      );
      await expectBadRequest(
        as("rep").deals.disqualify({ dealId: id, version: 1, reasonId: archived!.id, note: "x".repeat(2001) }),
        "note",
      );
    });
  });

  describe("list, filters, sort and keyset pagination", () => {
    let admin: ReturnType<typeof as>;
    beforeAll(async () => {
      admin = as("admin");
      // Thirty more deals with distinct amounts, for paging and sorting.
      await world.db.insert(s.deals).values(
        Array.from({ length: 30 }, (_, i) => ({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          accountId: pipe.accounts.globex,
          name: `Bulk ${String(i).padStart(2, "0")}`,
          amount: `${(i % 7) * 1000}.0${i % 10}`,
          stage: (["prospecting", "qualification", "discovery", "proposal", "negotiation"] as const)[i % 5],
          closeDate: i % 4 === 0 ? null : `2027-0${1 + (i % 6)}-1${i % 10}`,
          ownerId: pipe.outsider.id,
          teamId: pipe.partnersTeamId,
        })),
      );
    });

    const walk = async (input: Parameters<ReturnType<typeof as>["deals"]["list"]>[0]) =>
      (await followPages((cursor) => admin.deals.list({ ...input, limit: 7, cursor }), 50)).flat().map((d) => d.id);

    it.each([
      ["closeDate", "asc"],
      ["closeDate", "desc"],
      ["amount", "desc"],
      ["amount", "asc"],
      ["score", "desc"],
      ["name", "asc"],
      ["updatedAt", "desc"],
    ] as const)("keyset pages by %s %s visit every deal once, in order", async (by, dir) => {
      const all = (await admin.deals.list({ sort: { by, dir }, limit: 100 })).items;
      const paged = await walk({ sort: { by, dir } });
      expect(paged).toEqual(all.map((deal) => deal.id));
      expect(new Set(paged).size).toBe(paged.length);
      if (by === "amount") {
        const amounts = all.map((deal) => Number(deal.amount));
        expect(amounts).toEqual([...amounts].sort((a, b) => (dir === "asc" ? a - b : b - a)));
      }
    });

    it("filters by owner, team (with sub-teams), stage, objective, flag, close dates, amounts and search", async () => {
      const ids = async (filters: Record<string, unknown>) => (await admin.deals.list({ filters, limit: 100 })).items;
      expect((await ids({ ownerIds: [world.org.rep.id] })).every((d) => d.ownerId === world.org.rep.id)).toBe(true);
      const rootTeam = await ids({ teamId: world.org.rootTeamId });
      expect(rootTeam.map((d) => d.id)).toContain(pipe.deals.repOpen);
      expect(rootTeam.every((d) => d.teamId === world.org.subTeamId || d.teamId === world.org.rootTeamId)).toBe(true);
      expect((await ids({ stages: ["closed_won"] })).map((d) => d.id)).toContain(pipe.deals.repWon);
      expect((await ids({ stages: ["closed_won"] })).every((d) => d.stage === "closed_won")).toBe(true);
      const emea = await ids({ objectiveId: pipe.objectives.emea });
      expect(emea.length).toBeGreaterThanOrEqual(31);
      expect(emea.every((d) => d.accountName === "Globex Retail")).toBe(true);
      const noChampion = await ids({ flag: "NO_CHAMPION" });
      expect(noChampion.length).toBeGreaterThan(0);
      expect(noChampion.every((d) => d.flags.includes("NO_CHAMPION"))).toBe(true);
      const inRange = await ids({ closeFrom: "2027-02-01", closeTo: "2027-03-31" });
      expect(inRange.length).toBeGreaterThan(0);
      expect(inRange.every((d) => d.closeDate! >= "2027-02-01" && d.closeDate! <= "2027-03-31")).toBe(true);
      const amounts = await ids({ amountMin: "2000.00", amountMax: "3000.05" });
      expect(amounts.length).toBeGreaterThan(0);
      expect(amounts.every((d) => Number(d.amount) >= 2000 && Number(d.amount) <= 3000.05)).toBe(true);
      expect((await ids({ search: "globex" })).length).toBeGreaterThanOrEqual(31);
      expect(await ids({ search: "100%" })).toEqual([]);
    });

    it.each([
      ["filters.closeTo", { filters: { closeFrom: "2027-02-01", closeTo: "2027-01-01" } }],
      ["filters.amountMax", { filters: { amountMin: "10", amountMax: "9.99" } }],
      ["filters.amountMin", { filters: { amountMin: "-1" } }],
      ["filters.flag", { filters: { flag: "NOPE" } }],
      ["filters.stages.0", { filters: { stages: ["won"] } }],
      ["sort.by", { sort: { by: "color" } }],
      ["cursor.key", { sort: { by: "amount", dir: "asc" }, cursor: { key: "not-a-number", id: crypto.randomUUID() } }],
      ["limit", { limit: 1000 }],
    ] as const)("bad list input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin.deals.list(input as never), field);
    });

    it("issues a constant number of SQL statements, whatever the number of rows", async () => {
      const count = async (limit: number) => {
        world.handle.resetQueryCount();
        await admin.deals.list({ limit });
        return world.handle.queryCount();
      };
      expect(await count(2)).toBe(await count(100));
      const managerCount = async (limit: number) => {
        world.handle.resetQueryCount();
        await as("manager").deals.list({ limit });
        await as("manager").deals.board({ perStage: limit });
        await as("manager").deals.totals({});
        return world.handle.queryCount();
      };
      expect(await managerCount(1)).toBe(await managerCount(100));

      // …nor with the number of deals in scope.
      const before = await managerCount(50);
      await world.db.insert(s.deals).values(
        Array.from({ length: 120 }, (_, i) => ({
          orgId: world.org.id,
          id: crypto.randomUUID(),
          accountId: pipe.accounts.acme,
          name: `Bulk ${i}`,
          amount: `${1000 + i}.00`,
          stage: (["prospecting", "discovery", "proposal", "closed_won"] as const)[i % 4],
          ownerId: world.org.rep.id,
          teamId: world.org.subTeamId,
        })),
      );
      expect(await managerCount(50)).toBe(before);
      await world.db.delete(s.deals).where(and(eq(s.deals.orgId, world.org.id), like(s.deals.name, "Bulk %")));
    });
  });

  describe("totals, board and export", () => {
    it("sums per stage and currency in SQL, exactly", async () => {
      const totals = await world.api(pipe.outsider).deals.totals({ filters: { stages: ["proposal"] } });
      const proposal = totals.byStage.find((row) => row.stage === "proposal" && row.currency === "USD");
      const [expected] = await world.db
        .select({ sum: s.deals.amount })
        .from(s.deals)
        .where(
          and(eq(s.deals.orgId, world.org.id), eq(s.deals.ownerId, pipe.outsider.id), eq(s.deals.stage, "proposal")),
        )
        .limit(1);
      expect(expected).toBeDefined();
      expect(proposal!.amount).toMatch(/^\d+\.\d{2}$/);
      // 0.10 + 0.20 is 0.30 in SQL numeric, never 0.30000000000000004.
      const { id } = await as("rep").deals.create({
        accountId: pipe.accounts.acme,
        name: "Dime",
        amount: "0.10",
        currency: "CHF",
      });
      await as("rep").deals.create({
        accountId: pipe.accounts.acme,
        name: "Two dimes",
        amount: "0.20",
        currency: "CHF",
      });
      const chf = (await as("rep").deals.totals({})).pipeline.find((row) => row.currency === "CHF");
      expect(chf).toEqual({ currency: "CHF", deals: 2, amount: "0.30" });
      expect(id).toBeTruthy();
    });

    it("the board has a column per stage with the first deals by close date", async () => {
      const board = await as("admin").deals.board({ perStage: 3 });
      expect(board.columns.map((column) => column.stage)).toEqual([
        "prospecting",
        "qualification",
        "discovery",
        "proposal",
        "negotiation",
        "closed_won",
        "closed_lost",
        "disqualified",
      ]);
      for (const column of board.columns) {
        expect(column.items.length).toBeLessThanOrEqual(3);
        expect(column.items.every((deal) => deal.stage === column.stage)).toBe(true);
        expect(column.count).toBeGreaterThanOrEqual(column.items.length);
      }
      const prospecting = board.columns[0]!;
      expect(prospecting.count).toBeGreaterThan(3);
    });

    it("exports the filtered list", async () => {
      const exported = await as("rep").deals.export({ filters: { stages: ["closed_won"] } });
      expect(exported.truncated).toBe(false);
      expect(exported.items.map((deal) => deal.id)).toEqual([pipe.deals.repWon]);
    });
  });

  describe("options and timeline", () => {
    it("offers teams, objectives of active strategies and active reasons (owners: deal-owners.test.ts)", async () => {
      const options = await as("rep").deals.options();
      expect(options.objectives.map((o) => o.title)).toEqual(["Win manufacturing", "Land EMEA", "Partners"]);
      expect(options.reasons.map((r) => r.label)).toEqual([
        "No problem we can solve",
        "No personal win for the decision maker",
        "Outside strategy",
        "No budget this year",
        "Duplicate record",
      ]);
    });

    it("shows stage, disqualification, owner and stakeholder changes newest first, keyset-paginated", async () => {
      const { id } = await newDeal("Story");
      await as("rep").deals.move({ dealId: id, version: 1, stage: "discovery" });
      await as("rep").stakeholders.add({
        dealId: id,
        contactId: pipe.contacts.acmeCfo,
        buyingRole: "economic_buyer",
        influence: 5,
      });
      await as("rep").deals.disqualify({
        dealId: id,
        version: 2,
        reasonId: await reasonId(world.db, world.org.id, "No budget this year"),
        note: "Frozen",
      });
      await as("admin").deals.update({ dealId: id, version: 3, ownerId: world.org.manager.id });
      const first = await as("admin").deals.timeline({ dealId: id, limit: 3 });
      expect(first.items.map((event) => event.action)).toEqual([
        "deal.owner_changed",
        "deal.disqualified",
        "deal.stakeholder_added",
      ]);
      expect(first.items[0]!.actorName).toBe(world.org.admin.name);
      const second = await as("admin").deals.timeline({ dealId: id, limit: 3, cursor: first.nextCursor });
      expect(second.items.map((event) => event.action)).toEqual(["deal.stage_changed", "deal.created"]);
      expect(second.nextCursor).toBeNull();
      const events = await auditLog(world.db, world.org.id, eq(s.auditEvents.entityId, id));
      expect(events).toHaveLength(5);
    });

    it("the timeline of a deal the caller cannot see → NOT_FOUND", async () => {
      await expectTRPCError(as("rep").deals.timeline({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
    });
  });
});
