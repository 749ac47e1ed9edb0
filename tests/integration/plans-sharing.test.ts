import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { newToken } from "@/server/auth/tokens";
import { SHARE_LINK_INVALID_MESSAGE, SHARE_REQUEST_LIMIT } from "@/server/services/shared-plan";
import { createContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, lastAudit, useWorld } from "../helpers/world";
import { seedPlanWorld, type PlanWorld } from "./plans-fixtures";

/** Internal facts that must never reach the customer view (nor any answer it makes). */
const CANARY = {
  personalWin: "CANARY-personal-win-promotion",
  approach: "CANARY-approach-go-around-him",
  internalComment: "CANARY-internal-comment",
  internalStep: "CANARY-internal-step",
  hiddenProblem: "CANARY-hidden-problem",
};

describe("plan sharing and the customer view", () => {
  const world = useWorld();
  let w: PlanWorld;
  let token: string;
  let linkId: string;
  let customerStep: string;
  let ourStep: string;
  let hiddenCustomerStep: string;
  const guest = (ip = "198.51.100.7") =>
    createCaller(createContext({ db: world.db, session: null, headers: new Headers({ "x-forwarded-for": ip }) }));
  const owner = () => world.api(world.org.rep);

  beforeAll(async () => {
    w = await seedPlanWorld(world);
    const planId = w.planId;
    const rep = owner();
    await rep.planStakeholders.set({
      planId,
      contactId: w.pipe.contacts.acmeCfo,
      version: 0,
      buyingRole: "economic_buyer",
      influence: 5,
      stance: "opponent",
      personalWin: CANARY.personalWin,
      approach: CANARY.approach,
      relationshipOwnerId: world.org.rep.id,
    });
    await rep.planComments.add({ planId, body: CANARY.internalComment });
    await rep.planProblems.add({ planId, problem: CANARY.hiddenProblem, dealIds: [w.pipe.deals.repOpen] });
    await rep.planProblems.add({
      planId,
      problem: "Defects escape",
      solution: "Vision QA",
      customerVisible: true,
      dealIds: [w.pipe.deals.repOpen],
    });
    ourStep = (await rep.planSteps.add({ planId, title: "Send the ROI model", side: "us" })).id;
    customerStep = (
      await rep.planSteps.add({ planId, title: "Share defect data", side: "customer", dependsOn: [ourStep] })
    ).id;
    hiddenCustomerStep = (
      await rep.planSteps.add({ planId, title: CANARY.internalStep, side: "customer", customerVisible: false })
    ).id;
    const link = await rep.planSharing.create({ planId, customerName: "Karin at Acme", expiresInDays: 14 });
    token = link.token;
    linkId = link.id;
    expect(link.path).toBe(`/share/${token}`);
  });

  describeOrgAccess(world, [
    { procedure: "planSharing.create", call: (api) => api.planSharing.create({ planId: w.planId }) },
    {
      procedure: "planSharing.revoke",
      call: (api) => api.planSharing.revoke({ planId: w.planId, linkId: crypto.randomUUID() }),
    },
    { procedure: "planSharing.engagement", call: (api) => api.planSharing.engagement({ planId: w.planId }) },
  ]);

  it("stores only a hash of the token", async () => {
    const rows = await world.db.select().from(s.planShareLinks).where(eq(s.planShareLinks.id, linkId));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("shows objectives, customer-visible problems and steps — and no internal field (canary)", async () => {
    const view = await guest().sharedPlan.view({ token });
    expect(view).toMatchObject({
      title: "Acme joint plan",
      customerObjectives: "Cut defects by half",
      customerName: "Karin at Acme",
    });
    expect(view.problems.map((p) => p.problem)).toEqual(["Defects escape"]);
    expect(view.steps.map((step) => [step.title, step.canMarkDone, step.blocked])).toEqual([
      ["Send the ROI model", false, false],
      ["Share defect data", false, true],
    ]);
    const text = JSON.stringify(view);
    for (const canary of Object.values(CANARY)) expect(text).not.toContain(canary);
    for (const internal of [
      "opponent",
      "influence",
      "stance",
      "personalWin",
      "100000",
      "amount",
      "dealIds",
      "Carla CFO",
    ])
      expect(text).not.toContain(internal);
  });

  it("the customer marks their step done and comments: attributed to the link, audited, seen by the team", async () => {
    await expectTRPCError(guest().sharedPlan.completeStep({ token, stepId: ourStep }), "NOT_FOUND");
    await expectTRPCError(guest().sharedPlan.completeStep({ token, stepId: hiddenCustomerStep }), "NOT_FOUND");
    // Their step waits for ours: refused without naming ours, until ours is done.
    const blocked = await expectTRPCError(
      guest().sharedPlan.completeStep({ token, stepId: customerStep }),
      "BAD_REQUEST",
    );
    expect(blocked.message).toBe("stepId: This step waits for an earlier step to be done first.");
    await owner().planSteps.update({ planId: w.planId, stepId: ourStep, version: 1, status: "done" });
    expect((await guest().sharedPlan.view({ token })).steps.find((step) => step.id === customerStep)).toMatchObject({
      blocked: false,
      canMarkDone: true,
    });
    const done = await guest().sharedPlan.completeStep({ token, stepId: customerStep });
    expect(JSON.stringify(done)).not.toContain("CANARY");
    await expectTRPCError(guest().sharedPlan.completeStep({ token, stepId: customerStep }), "NOT_FOUND");
    await guest().sharedPlan.comment({ token, body: "Data is uploaded." });
    const view = await guest().sharedPlan.view({ token });
    expect(view.steps.find((step) => step.id === customerStep)?.status).toBe("done");
    expect(view.comments.map((c) => [c.guestName, c.body])).toEqual([["Karin at Acme", "Data is uploaded."]]);

    expect((await lastAudit(world.db, world.org.id, "plan.customer_step_done"))?.after).toMatchObject({
      stepId: customerStep,
      shareLinkId: linkId,
    });
    const engagement = await owner().planSharing.engagement({ planId: w.planId });
    expect(engagement.links[0]).toMatchObject({ id: linkId, active: true, customerName: "Karin at Acme" });
    expect(engagement.links[0]!.openCount).toBeGreaterThanOrEqual(2);
    // Several openings within SHARE_VISIT_GAP_MINUTES are one visit.
    expect(engagement.customerActions.map((a) => a.action)).toEqual([
      "plan.customer_commented",
      "plan.customer_step_done",
      "plan.customer_opened",
    ]);
    const plan = await owner().plans.get({ planId: w.planId });
    expect(plan.steps.find((step) => step.id === customerStep)).toMatchObject({
      status: "done",
      completedByCustomer: true,
    });
    const comments = await owner().planComments.list({ planId: w.planId });
    expect(comments.items[0]).toMatchObject({ fromCustomer: true, authorName: "Karin at Acme (customer)" });
  });

  it("a revoked, an expired and a guessed token get the same answer", async () => {
    const rep = owner();
    const expired = await rep.planSharing.create({ planId: w.planId });
    await world.db
      .update(s.planShareLinks)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(s.planShareLinks.id, expired.id));
    const revoked = await rep.planSharing.create({ planId: w.planId });
    await rep.planSharing.revoke({ planId: w.planId, linkId: revoked.id });
    await expectTRPCError(
      world.api(w.editor).planSharing.revoke({ planId: w.planId, linkId: revoked.id }),
      "FORBIDDEN",
    );
    const messages = [];
    for (const candidate of [expired.token, revoked.token, newToken()]) {
      const error = await expectTRPCError(guest().sharedPlan.view({ token: candidate }), "NOT_FOUND");
      messages.push(error.message);
      await expectTRPCError(guest().sharedPlan.completeStep({ token: candidate, stepId: customerStep }), "NOT_FOUND");
      await expectTRPCError(guest().sharedPlan.comment({ token: candidate, body: "hi" }), "NOT_FOUND");
    }
    expect(messages).toEqual([SHARE_LINK_INVALID_MESSAGE, SHARE_LINK_INVALID_MESSAGE, SHARE_LINK_INVALID_MESSAGE]);
    const engagement = await rep.planSharing.engagement({ planId: w.planId });
    expect(engagement.links.find((l) => l.id === revoked.id)?.active).toBe(false);
    expect(engagement.links.find((l) => l.id === expired.id)?.active).toBe(false);
  });

  it("rate-limits guessing per client address", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < SHARE_REQUEST_LIMIT.max; i++)
      await expectTRPCError(guest(ip).sharedPlan.view({ token: newToken() }), "NOT_FOUND");
    await expectTRPCError(guest(ip).sharedPlan.view({ token }), "TOO_MANY_REQUESTS");
    expect((await guest("203.0.113.100").sharedPlan.view({ token })).title).toBe("Acme joint plan");
  });

  it("archiving the plan closes its links", async () => {
    await owner().plans.archive({ planId: w.planId });
    await expectTRPCError(guest().sharedPlan.view({ token }), "NOT_FOUND");
  });
});
