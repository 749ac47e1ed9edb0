import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, lastAudit } from "../helpers/world";
import { ANY, usePlanWorld } from "./plans-fixtures";

describe("plans router", () => {
  const { world, w, as } = usePlanWorld();

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
});
