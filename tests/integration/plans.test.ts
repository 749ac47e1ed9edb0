import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, lastAudit, useWorld } from "../helpers/world";
import { seedPlanWorld, type PlanWorld } from "./plans-fixtures";

describe("plans router", () => {
  const world = useWorld();
  let w: PlanWorld;
  beforeAll(async () => {
    w = await seedPlanWorld(world);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);
  const ANY = "00000000-0000-4000-8000-000000000000";

  describeOrgAccess(world, [
    { procedure: "plans.list", call: (api) => api.plans.list({}) },
    { procedure: "plans.forAccount", call: (api) => api.plans.forAccount({ accountId: w.pipe.accounts.acme }) },
    { procedure: "plans.get", call: (api) => api.plans.get({ planId: w.planId }) },
    {
      procedure: "plans.create",
      call: (api) => api.plans.create({ accountId: w.pipe.accounts.acme, title: "X" }),
    },
    { procedure: "plans.update", call: (api) => api.plans.update({ planId: w.planId, version: 1, title: "Y" }) },
    { procedure: "plans.archive", call: (api) => api.plans.archive({ planId: w.planId }) },
    {
      procedure: "plans.setCollaborator",
      call: (api) => api.plans.setCollaborator({ planId: w.planId, userId: world.org.admin.id, access: "viewer" }),
    },
    {
      procedure: "plans.removeCollaborator",
      call: (api) => api.plans.removeCollaborator({ planId: w.planId, userId: w.planViewer.id }),
    },
    { procedure: "plans.activity", call: (api) => api.plans.activity({ planId: w.planId }) },
    { procedure: "planProblems.add", call: (api) => api.planProblems.add({ planId: w.planId, problem: "P" }) },
    {
      procedure: "planProblems.update",
      call: (api) => api.planProblems.update({ planId: w.planId, problemId: ANY, version: 1 }),
    },
    { procedure: "planProblems.remove", call: (api) => api.planProblems.remove({ planId: w.planId, problemId: ANY }) },
    { procedure: "planSteps.add", call: (api) => api.planSteps.add({ planId: w.planId, title: "S", side: "us" }) },
    {
      procedure: "planSteps.update",
      call: (api) => api.planSteps.update({ planId: w.planId, stepId: ANY, version: 1 }),
    },
    { procedure: "planSteps.remove", call: (api) => api.planSteps.remove({ planId: w.planId, stepId: ANY }) },
    {
      procedure: "planStakeholders.set",
      call: (api) =>
        api.planStakeholders.set({
          planId: w.planId,
          contactId: w.pipe.contacts.acmeCfo,
          version: 0,
          buyingRole: "economic_buyer",
          influence: 5,
          stance: "neutral",
          personalWin: "",
          approach: "",
          relationshipOwnerId: null,
        }),
    },
    {
      procedure: "planStakeholders.remove",
      call: (api) => api.planStakeholders.remove({ planId: w.planId, contactId: w.pipe.contacts.acmeCfo }),
    },
    {
      procedure: "planStakeholders.setReportsTo",
      call: (api) =>
        api.planStakeholders.setReportsTo({ planId: w.planId, contactId: w.pipe.contacts.acmeIt, reportsToId: null }),
    },
    { procedure: "planComments.list", call: (api) => api.planComments.list({ planId: w.planId }) },
    { procedure: "planComments.add", call: (api) => api.planComments.add({ planId: w.planId, body: "Hi" }) },
    { procedure: "planTemplates.list", call: (api) => api.planTemplates.list({}) },
    {
      procedure: "planTemplates.create",
      call: (api) => api.planTemplates.create({ name: "T", steps: [] }),
    },
    {
      procedure: "planTemplates.update",
      call: (api) => api.planTemplates.update({ templateId: ANY, name: "T2" }),
    },
  ]);

  describe("who reaches a plan", () => {
    it("collaborators, admins and the account team's manager read it; anyone else gets NOT_FOUND", async () => {
      for (const api of [as("rep"), as("admin"), as("manager"), world.api(w.editor), world.api(w.planViewer)]) {
        const plan = await api.plans.get({ planId: w.planId });
        expect(plan.title).toBe("Acme joint plan");
      }
      await expectTRPCError(world.api(w.stranger).plans.get({ planId: w.planId }), "NOT_FOUND");
      await expectTRPCError(as("viewer").plans.get({ planId: w.planId }), "NOT_FOUND");
      await expectTRPCError(world.api(world.other.admin, world.other.id).plans.get({ planId: w.planId }), "NOT_FOUND");
    });

    it("access levels as data: owner shares, editor edits, viewer and manager only read", async () => {
      expect((await as("rep").plans.get({ planId: w.planId })).access).toBe("owner");
      expect((await world.api(w.editor).plans.get({ planId: w.planId })).actions).toEqual(["read", "comment", "edit"]);
      expect((await as("manager").plans.get({ planId: w.planId })).access).toBe("viewer");
      await expectTRPCError(
        world.api(w.planViewer).planSteps.add({ planId: w.planId, title: "S", side: "us" }),
        "FORBIDDEN",
      );
      await expectTRPCError(as("manager").planProblems.add({ planId: w.planId, problem: "P" }), "FORBIDDEN");
      await expectTRPCError(
        world.api(w.planViewer).plans.update({ planId: w.planId, version: 1, title: "Viewer's title" }),
        "FORBIDDEN",
      );
      await expectTRPCError(world.api(w.editor).planSharing.create({ planId: w.planId }), "FORBIDDEN");
      await expectTRPCError(
        world.api(w.editor).plans.setCollaborator({ planId: w.planId, userId: w.stranger.id, access: "viewer" }),
        "FORBIDDEN",
      );
    });

    it("the last owner cannot leave; collaborators come from any team; other organizations' users are NOT_FOUND", async () => {
      await expectTRPCError(
        as("rep").plans.setCollaborator({ planId: w.planId, userId: world.org.rep.id, access: "editor" }),
        "BAD_REQUEST",
      );
      await expectTRPCError(
        as("rep").plans.setCollaborator({ planId: w.planId, userId: world.other.rep.id, access: "viewer" }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        as("rep").plans.removeCollaborator({ planId: w.planId, userId: w.stranger.id }),
        "NOT_FOUND",
      );
      await as("rep").plans.setCollaborator({ planId: w.planId, userId: w.pipe.outsider.id, access: "viewer" });
      expect((await world.api(w.pipe.outsider).plans.get({ planId: w.planId })).access).toBe("viewer");
      await as("rep").plans.removeCollaborator({ planId: w.planId, userId: w.pipe.outsider.id });
      await expectTRPCError(world.api(w.pipe.outsider).plans.get({ planId: w.planId }), "NOT_FOUND");
    });
  });

  describe("plans", () => {
    it("lists the caller's plans by last change (keyset) and an account's plans", async () => {
      const first = await as("rep").plans.list({ limit: 1 });
      expect(first.items.map((p) => p.id)).toEqual([w.planId]);
      expect(first.nextCursor).toBeNull();
      expect((await world.api(w.stranger).plans.list({})).items).toEqual([]);
      const forAccount = await as("manager").plans.forAccount({ accountId: w.pipe.accounts.acme });
      expect(forAccount.items.map((p) => p.id)).toEqual([w.planId]);
      await expectTRPCError(as("rep").plans.forAccount({ accountId: w.pipe.accounts.globex }), "NOT_FOUND");
    });

    it("a stale version answers CONFLICT with the current record; a fresh one saves", async () => {
      const plan = await as("rep").plans.get({ planId: w.planId });
      const saved = await world
        .api(w.editor)
        .plans.update({ planId: w.planId, version: plan.version, customerObjectives: "Cut scrap by 30%" });
      expect(saved).toEqual({ id: w.planId, version: plan.version + 1 });
      const error = await expectTRPCError(
        as("rep").plans.update({ planId: w.planId, version: plan.version, title: "Acme plan v2" }),
        "CONFLICT",
      );
      expect((error.cause as unknown as { current: unknown }).current).toEqual({
        title: plan.title,
        customerObjectives: "Cut scrap by 30%",
        version: saved.version,
      });
      expect((await lastAudit(world.db, world.org.id, "plan.updated"))?.entityId).toBe(w.planId);
      // Applied again on top of the current version, the refused title saves and keeps the other's objectives.
      const again = await as("rep").plans.update({ planId: w.planId, version: saved.version, title: "Acme plan v2" });
      expect(again.version).toBe(saved.version + 1);
      expect(await as("rep").plans.get({ planId: w.planId })).toMatchObject({
        title: "Acme plan v2",
        customerObjectives: "Cut scrap by 30%",
        version: again.version,
      });
      await as("rep").plans.update({ planId: w.planId, version: again.version, title: plan.title }); // for the tests after
    });

    it("a new plan for an account archives the current one (one active plan per account)", async () => {
      const { id } = await as("admin").plans.create({ accountId: w.pipe.accounts.globex, title: "Globex v1" });
      const { id: second } = await as("admin").plans.create({ accountId: w.pipe.accounts.globex, title: "Globex v2" });
      const rows = await world.db
        .select({ id: s.accountPlans.id, status: s.accountPlans.status })
        .from(s.accountPlans)
        .where(eq(s.accountPlans.accountId, w.pipe.accounts.globex));
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [id]: "archived", [second]: "active" });
      await expectTRPCError(as("admin").plans.update({ planId: id, version: 2, title: "Z" }), "BAD_REQUEST");
      await expectTRPCError(as("rep").plans.create({ accountId: w.pipe.accounts.globex, title: "No" }), "NOT_FOUND");
    });
  });

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
