import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { StaleVersionError } from "@/server/domain/errors";
import type { Json } from "@/components/audit/changes";
import { describeEvent } from "@/components/deals/deal-timeline";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { reasonId, useDealsWorld, versionOf } from "./deals-fixtures";

describe("deals router", () => {
  const { world, pipe, as, newDeal } = useDealsWorld();

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

    it("two moves at the same version: one lands with its audit entry, the other is a CONFLICT that leaves none", async () => {
      const { id } = await newDeal("Raced");
      const outcomes = await Promise.allSettled([
        as("rep").deals.move({ dealId: id, version: 1, stage: "proposal" }),
        as("rep").deals.move({ dealId: id, version: 1, stage: "negotiation" }),
      ]);
      const landed = outcomes.filter((outcome) => outcome.status === "fulfilled");
      const refused = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(landed).toHaveLength(1);
      expect(refused.map((outcome) => (outcome.reason as { code?: string }).code)).toEqual(["CONFLICT"]);
      const entries = await world.db
        .select({ after: s.auditEvents.after })
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, "deal.stage_changed")));
      const [row] = await world.db
        .select({ stage: s.deals.stage, version: s.deals.version })
        .from(s.deals)
        .where(eq(s.deals.id, id));
      expect(row!.version).toBe(2);
      expect(entries).toEqual([{ after: { stage: row!.stage } }]);
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

  // The board counts the prospecting deals the tests above leave behind.
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
});
