import type { ZodError } from "zod";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { lastAudit } from "../helpers/world";
import { ANY, usePlanWorld } from "./plans-fixtures";

describe("plans router", () => {
  const { world, w, as } = usePlanWorld();

  describe("problems ↔ solutions", () => {
    it("adds problems with their deals; one without a solution is called out; a deal of another account is NOT_FOUND", async () => {
      const { id } = await world.api(w.editor).planProblems.add({
        planId: w.planId,
        problem: "Defects escape",
        impact: "$1M scrap",
        dealIds: [w.pipe.deals.repOpen],
      });
      let plan = await as("rep").plans.get({ planId: w.planId });
      const problem = plan.problems.find((p) => p.id === id)!;
      expect(problem).toMatchObject({ unsolved: true, dealIds: [w.pipe.deals.repOpen], customerVisible: false });
      await as("rep").planProblems.update({
        planId: w.planId,
        problemId: id,
        version: problem.version,
        solution: "Vision QA",
        customerVisible: true,
      });
      plan = await as("rep").plans.get({ planId: w.planId });
      expect(plan.problems.find((p) => p.id === id)).toMatchObject({ unsolved: false, customerVisible: true });
      await expectTRPCError(
        as("rep").planProblems.update({ planId: w.planId, problemId: id, version: problem.version, solution: "x" }),
        "CONFLICT",
      );
      await expectTRPCError(
        as("rep").planProblems.add({ planId: w.planId, problem: "Q", dealIds: [w.pipe.deals.outsiderOpen] }),
        "NOT_FOUND",
      );
      const { id: doomed } = await as("rep").planProblems.add({ planId: w.planId, problem: "Temporary" });
      await as("rep").planProblems.remove({ planId: w.planId, problemId: doomed });
      await expectTRPCError(as("rep").planProblems.remove({ planId: w.planId, problemId: doomed }), "NOT_FOUND");
    });
  });

  describe("mutual action plan", () => {
    it("computes overdue and blocked; refuses a dependency cycle and a step of another plan", async () => {
      const rep = as("rep");
      const { id: a } = await rep.planSteps.add({ planId: w.planId, title: "A", side: "us", dueOn: "2020-01-01" });
      const { id: b } = await rep.planSteps.add({ planId: w.planId, title: "B", side: "customer", dependsOn: [a] });
      let steps = (await rep.plans.get({ planId: w.planId })).steps;
      expect(steps.find((step) => step.id === a)).toMatchObject({ overdue: true, blocked: false });
      expect(steps.find((step) => step.id === b)).toMatchObject({ overdue: false, blocked: true, blockedBy: [a] });
      const stepA = steps.find((step) => step.id === a)!;
      await expectTRPCError(
        rep.planSteps.update({ planId: w.planId, stepId: a, version: stepA.version, dependsOn: [b] }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        rep.planSteps.update({ planId: w.planId, stepId: a, version: stepA.version, dependsOn: [a] }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        rep.planSteps.add({ planId: w.planId, title: "C", side: "us", dependsOn: [ANY] }),
        "NOT_FOUND",
      );
      await rep.planSteps.update({ planId: w.planId, stepId: a, version: stepA.version, status: "done" });
      steps = (await rep.plans.get({ planId: w.planId })).steps;
      expect(steps.find((step) => step.id === a)).toMatchObject({ overdue: false, status: "done" });
      expect(steps.find((step) => step.id === b)).toMatchObject({ blocked: false });
      await expectTRPCError(
        rep.planSteps.update({ planId: w.planId, stepId: a, version: stepA.version, title: "A2" }),
        "CONFLICT",
      );
      await rep.planSteps.remove({ planId: w.planId, stepId: a });
      expect((await rep.plans.get({ planId: w.planId })).steps.find((step) => step.id === b)?.dependsOn).toEqual([]);
    });

    it("admins define templates; a plan started from one copies its steps, due dates and dependencies", async () => {
      await expectTRPCError(
        as("admin").planTemplates.create({
          name: "Bad",
          steps: [{ title: "Later", side: "us", offsetDays: 0, dependsOn: [0] }],
        }),
        "BAD_REQUEST",
      );
      const { id: templateId } = await as("admin").planTemplates.create({
        name: "Pilot",
        steps: [
          { title: "Kick-off", side: "us", offsetDays: 0, dependsOn: [] },
          { title: "Data access", side: "customer", offsetDays: 7, dependsOn: [0] },
        ],
      });
      await expectTRPCError(as("admin").planTemplates.create({ name: "pilot", steps: [] }), "CONFLICT");
      expect((await as("rep").planTemplates.list({})).map((t) => t.name)).toEqual(["Pilot"]);
      // A start whose steps could fall past year 9999 is refused by the schema, not by the database.
      const late = { accountId: w.pipe.accounts.globex, title: "Far", templateId, startOn: "3000-01-01" };
      const refused = await expectTRPCError(as("admin").plans.create(late), "BAD_REQUEST");
      expect((refused.cause as ZodError).issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["startOn", "Use a date before 3000"],
      ]);
      const { id } = await as("admin").plans.create({
        accountId: w.pipe.accounts.globex,
        title: "From template",
        templateId,
        startOn: "2027-01-04",
      });
      const plan = await as("admin").plans.get({ planId: id });
      expect(plan.steps.map((step) => [step.title, step.dueOn])).toEqual([
        ["Kick-off", "2027-01-04"],
        ["Data access", "2027-01-11"],
      ]);
      expect(plan.steps[1]!.dependsOn).toEqual([plan.steps[0]!.id]);
      await as("admin").planTemplates.update({ templateId, archived: true });
      await expectTRPCError(
        as("admin").plans.create({ accountId: w.pipe.accounts.globex, title: "No", templateId }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).planTemplates.update({ templateId, name: "Mine" }),
        "NOT_FOUND",
      );
    });
  });

  describe("stakeholder map", () => {
    it("records what we know and shows the coverage gaps", async () => {
      const rep = as("rep");
      expect((await rep.plans.get({ planId: w.planId })).gaps.map((g) => g.kind)).toEqual(["no_economic_buyer"]);
      const base = { planId: w.planId, approach: "", relationshipOwnerId: null } as const;
      await rep.planStakeholders.set({
        ...base,
        contactId: w.pipe.contacts.acmeCfo,
        version: 0,
        buyingRole: "economic_buyer",
        influence: 5,
        stance: "neutral",
        personalWin: "Board visibility",
      });
      await rep.planStakeholders.set({
        ...base,
        contactId: w.pipe.contacts.acmeIt,
        version: 0,
        buyingRole: "blocker",
        influence: 4,
        stance: "opponent",
        personalWin: "",
      });
      const plan = await rep.plans.get({ planId: w.planId });
      expect(plan.gaps.map((g) => [g.kind, g.contactId])).toEqual([
        ["economic_buyer_uncovered", w.pipe.contacts.acmeCfo],
        ["opponent_without_plan", w.pipe.contacts.acmeIt],
        ["unknown_personal_win", w.pipe.contacts.acmeIt],
      ]);
      await expectTRPCError(
        rep.planStakeholders.set({
          ...base,
          contactId: w.pipe.contacts.acmeCfo,
          version: 0,
          buyingRole: null,
          influence: 3,
          stance: "unknown",
          personalWin: "",
        }),
        "CONFLICT",
      );
      await expectTRPCError(
        rep.planStakeholders.set({
          ...base,
          contactId: w.pipe.contacts.globexCeo,
          version: 0,
          buyingRole: null,
          influence: 3,
          stance: "unknown",
          personalWin: "",
        }),
        "NOT_FOUND",
      );
      await rep.planStakeholders.remove({ planId: w.planId, contactId: w.pipe.contacts.acmeIt });
      await expectTRPCError(
        rep.planStakeholders.remove({ planId: w.planId, contactId: w.pipe.contacts.acmeIt }),
        "NOT_FOUND",
      );
    });

    it("changes who reports to whom, never into a loop", async () => {
      const rep = as("rep");
      const { acmeCfo, acmeOps, acmeIt } = w.pipe.contacts;
      await rep.planStakeholders.setReportsTo({ planId: w.planId, contactId: acmeIt, reportsToId: acmeOps });
      const [row] = await world.db
        .select({ to: s.contacts.reportsToId })
        .from(s.contacts)
        .where(eq(s.contacts.id, acmeIt));
      expect(row?.to).toBe(acmeOps);
      await expectTRPCError(
        rep.planStakeholders.setReportsTo({ planId: w.planId, contactId: acmeCfo, reportsToId: acmeIt }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        rep.planStakeholders.setReportsTo({ planId: w.planId, contactId: acmeIt, reportsToId: acmeIt }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        rep.planStakeholders.setReportsTo({
          planId: w.planId,
          contactId: acmeIt,
          reportsToId: w.pipe.contacts.globexCeo,
        }),
        "NOT_FOUND",
      );
      expect((await lastAudit(world.db, world.org.id, "plan.reports_to_changed"))?.after).toEqual({
        contactId: acmeIt,
        reportsToId: acmeOps,
      });
    });
  });

  describe("comments and activity", () => {
    it("comments on a part with @mentions of members; viewers may comment; activity lists every change", async () => {
      const { id } = await world.api(w.planViewer).planComments.add({
        planId: w.planId,
        body: "@Eddie Editor can you check the CFO?",
        subjectType: "stakeholder",
        subjectId: w.pipe.contacts.acmeCfo,
        mentionedUserIds: [w.editor.id],
      });
      const told = await world.db
        .select({ userId: s.notifications.userId, kind: s.notifications.kind, payload: s.notifications.payload })
        .from(s.notifications)
        .where(eq(s.notifications.entityId, w.planId));
      expect(told).toEqual([
        {
          userId: w.editor.id,
          kind: "plan.mentioned",
          payload: { text: "Vera Viewer mentioned you on the plan “Acme joint plan”.", path: `/plans/${w.planId}` },
        },
      ]);
      const comments = await as("rep").planComments.list({ planId: w.planId });
      expect(comments.items[0]).toMatchObject({ id, authorName: "Vera Viewer", mentionedUserIds: [w.editor.id] });
      await expectTRPCError(
        as("rep").planComments.add({ planId: w.planId, body: "x", mentionedUserIds: [world.other.rep.id] }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        as("rep").planComments.add({ planId: w.planId, body: "x", subjectType: "step", subjectId: ANY }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        as("rep").planComments.add({ planId: w.planId, body: "x", subjectType: "step" }),
        "BAD_REQUEST",
      );
      const activity = await as("rep").plans.activity({ planId: w.planId, limit: 2 });
      expect(activity.items.map((e) => e.action)).toEqual(["plan.commented", "plan.reports_to_changed"]);
      const next = await as("rep").plans.activity({ planId: w.planId, limit: 100, cursor: activity.nextCursor });
      expect(next.items.at(-1)?.action).toBe("plan.created");
      const created = await world.db
        .select({ id: s.auditEvents.id })
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.entityId, w.planId), eq(s.auditEvents.action, "plan.created")));
      expect(created).toHaveLength(1);
    });
  });
});
