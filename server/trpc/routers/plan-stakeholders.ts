/**
 * The plan's stakeholder map: what the team knows about each contact of the account for this plan (buying role,
 * influence, stance, personal win, our approach, who owns the relationship), and the org chart (reports-to), which
 * is the contacts' own and is edited here by drag or by keyboard.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { contacts, memberships, planStakeholders } from "@/db/schema";
import { wouldCreateCycle } from "@/server/authz/team-tree";
import { buyingRoleSchema, influenceSchema, stanceSchema, textSchema } from "@/server/domain/deal-fields";
import { auditPlan, requirePlan, type PlanInContext } from "@/server/services/plan-access";
import { AppError, staleVersion } from "@/server/domain/errors";
import { orgProcedure, router } from "../init";
import { idSchema, INT4_MAX } from "@/server/domain/schemas";
import { omit } from "@/server/domain/objects";

async function accountContacts(db: Database, orgId: string, plan: PlanInContext) {
  return db
    .select({ id: contacts.id, reportsToId: contacts.reportsToId, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, plan.accountId)));
}

function contactOf<T extends { id: string }>(people: T[], contactId: string, field: string): T {
  const person = people.find((p) => p.id === contactId);
  if (!person) throw new AppError("NOT_FOUND", "Contact not found on this account.", field);
  return person;
}

export const planStakeholdersRouter = router({
  /**
   * Puts a contact on the map or updates what we know; `version` 0 for a contact not on the map yet. Only the fields
   * sent change (the others keep their value, or their default for a new entry), so a change re-applied after a
   * CONFLICT does not overwrite the other fields someone else just saved.
   */
  set: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        contactId: idSchema,
        version: z.number().int().min(0).max(INT4_MAX),
        buyingRole: buyingRoleSchema.nullable().optional(),
        influence: influenceSchema.optional(),
        stance: stanceSchema.optional(),
        personalWin: textSchema(1000).optional(),
        approach: textSchema(1000).optional(),
        relationshipOwnerId: idSchema.nullable().optional(),
      }),
    )
    .output(z.object({ contactId: z.uuid(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      contactOf(await accountContacts(ctx.db, ctx.orgId, plan), input.contactId, "contactId");
      if (input.relationshipOwnerId) {
        const [member] = await ctx.db
          .select({ status: memberships.status })
          .from(memberships)
          .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.relationshipOwnerId)));
        if (!member) throw new AppError("NOT_FOUND", "Member not found.", "relationshipOwnerId");
      }
      const { contactId, version } = input;
      const fields = omit(input, "planId", "contactId", "version");
      const saved =
        version === 0
          ? await ctx.db
              .insert(planStakeholders)
              .values({ orgId: ctx.orgId, planId: plan.id, contactId, ...fields })
              .onConflictDoNothing()
              .returning({ version: planStakeholders.version })
          : await ctx.db
              .update(planStakeholders)
              .set({ ...fields, version: sql`${planStakeholders.version} + 1` })
              .where(
                and(
                  eq(planStakeholders.orgId, ctx.orgId),
                  eq(planStakeholders.planId, plan.id),
                  eq(planStakeholders.contactId, contactId),
                  eq(planStakeholders.version, version),
                ),
              )
              .returning({ version: planStakeholders.version });
      if (saved.length === 0) {
        const [current] = await ctx.db
          .select({
            contactId: planStakeholders.contactId,
            buyingRole: planStakeholders.buyingRole,
            influence: planStakeholders.influence,
            stance: planStakeholders.stance,
            personalWin: planStakeholders.personalWin,
            approach: planStakeholders.approach,
            relationshipOwnerId: planStakeholders.relationshipOwnerId,
            version: planStakeholders.version,
          })
          .from(planStakeholders)
          .where(
            and(
              eq(planStakeholders.orgId, ctx.orgId),
              eq(planStakeholders.planId, plan.id),
              eq(planStakeholders.contactId, contactId),
            ),
          );
        throw staleVersion(
          "version: Someone else changed this stakeholder. Reload or apply your change again.",
          current ?? null,
        );
      }
      await auditPlan(ctx.db, actor, plan.id, "plan.stakeholder_set", { contactId, ...fields });
      return { contactId, version: saved[0]!.version };
    }),

  remove: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, contactId: idSchema }))
    .output(z.object({ contactId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const removed = await ctx.db
        .delete(planStakeholders)
        .where(
          and(
            eq(planStakeholders.orgId, ctx.orgId),
            eq(planStakeholders.planId, plan.id),
            eq(planStakeholders.contactId, input.contactId),
          ),
        )
        .returning({ contactId: planStakeholders.contactId });
      if (removed.length === 0) throw new AppError("NOT_FOUND", "This contact is not on the map.", "contactId");
      await auditPlan(ctx.db, actor, plan.id, "plan.stakeholder_removed", { contactId: input.contactId });
      return { contactId: input.contactId };
    }),

  /** Who the contact reports to (null: nobody on the chart); never a loop. */
  setReportsTo: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, contactId: idSchema, reportsToId: idSchema.nullable() }))
    .output(z.object({ contactId: z.uuid(), reportsToId: z.uuid().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const people = await accountContacts(ctx.db, ctx.orgId, plan);
      const person = contactOf(people, input.contactId, "contactId");
      if (input.reportsToId) contactOf(people, input.reportsToId, "reportsToId");
      const tree = people.map((p) => ({ id: p.id, parentTeamId: p.reportsToId }));
      if (input.reportsToId === input.contactId || wouldCreateCycle(tree, input.contactId, input.reportsToId))
        throw new AppError("BAD_REQUEST", "This would make the chart a loop.", "reportsToId");
      await ctx.db
        .update(contacts)
        .set({ reportsToId: input.reportsToId, version: sql`${contacts.version} + 1` }) // an edit of the contact
        .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.id, person.id)));
      await auditPlan(
        ctx.db,
        actor,
        plan.id,
        "plan.reports_to_changed",
        { contactId: person.id, reportsToId: input.reportsToId },
        { reportsToId: person.reportsToId },
      );
      return { contactId: person.id, reportsToId: input.reportsToId };
    }),
});
