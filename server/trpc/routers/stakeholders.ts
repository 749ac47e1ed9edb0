/**
 * Stakeholders: the people of the buying side on a deal, each with a buying role, influence, stance and
 * their personal win. A stakeholder is a contact of the deal's own account (never another account's, never
 * another organization's). Changes are audited against the deal, so they show in its timeline.
 */
import type { Actor } from "@/server/authz/actor";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { pick } from "@/server/domain/objects";
import type { Database } from "@/db/client";
import { contacts, stakeholders } from "@/db/schema";
import { buyingRoleSchema, influenceSchema, stanceSchema, textSchema } from "@/server/domain/deal-fields";
import { recordAudit } from "@/server/services/audit";
import { stakeholderContactJoin, stakeholderInterestColumns } from "@/server/services/deal-columns";
import { assertCanWriteContacts, findEditableDeal, visibilityOf } from "@/server/services/deal-access";
import { staleVersion, AppError, badRequest, conflict, notFound } from "@/server/domain/errors";
import { orgProcedure, router } from "../init";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { contactFields, insertContact } from "./contacts";

const interestFields = {
  buyingRole: buyingRoleSchema,
  influence: influenceSchema,
  stance: stanceSchema,
  personalWin: textSchema(1000),
  businessGoal: textSchema(1000),
  howWeServeIt: textSchema(1000),
};

const INTEREST_KEYS = ["buyingRole", "influence", "stance", "personalWin", "businessGoal", "howWeServeIt"] as const;

async function findStakeholder(db: Database, orgId: string, stakeholderId: string) {
  const [row] = await db
    .select({
      id: stakeholders.id,
      dealId: stakeholders.dealId,
      contactName: contacts.name,
      ...stakeholderInterestColumns,
    })
    .from(stakeholders)
    .innerJoin(contacts, stakeholderContactJoin)
    .where(and(eq(stakeholders.orgId, orgId), eq(stakeholders.id, stakeholderId)));
  if (!row) notFound("stakeholderId", "Stakeholder not found.");
  return row;
}

/** The stakeholder's deal must be one the caller may edit; one they cannot see answers NOT_FOUND. */
async function editableStakeholder(db: Database, actor: Actor, stakeholderId: string) {
  const stakeholder = await findStakeholder(db, actor.orgId, stakeholderId);
  const visibility = await visibilityOf(db, actor);
  await findEditableDeal(db, visibility, stakeholder.dealId, "stakeholderId").catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound("stakeholderId", "Stakeholder not found.");
    throw error;
  });
  return stakeholder;
}

export const stakeholdersRouter = router({
  /** Puts a contact of the deal's account on the deal: an existing one (contactId) or a new one (contact). */
  add: orgProcedure("deals.write")
    .input(
      z
        .object({
          dealId: idSchema,
          contactId: idSchema.optional(),
          contact: z.object({ ...contactFields }).optional(),
          buyingRole: interestFields.buyingRole,
          influence: interestFields.influence.default(3),
          stance: interestFields.stance.default("unknown"),
          personalWin: interestFields.personalWin.default(""),
          businessGoal: interestFields.businessGoal.default(""),
          howWeServeIt: interestFields.howWeServeIt.default(""),
        })
        .superRefine((input, ctx) => {
          if ((input.contactId === undefined) === (input.contact === undefined)) {
            ctx.addIssue({
              code: "custom",
              path: ["contactId"],
              message: "Pick a contact or enter a new one (not both)",
            });
          }
        }),
    )
    .output(z.object({ id: z.uuid(), contactId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      const deal = await findEditableDeal(ctx.db, visibility, input.dealId);
      let contactId = input.contactId;
      let contactName: string;
      if (contactId) {
        const [contact] = await ctx.db
          .select({ accountId: contacts.accountId, name: contacts.name })
          .from(contacts)
          .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.id, contactId)));
        if (!contact) notFound("contactId", "Contact not found.");
        if (contact.accountId !== deal.accountId) {
          badRequest(
            "contactId",
            "This contact belongs to another account; stakeholders are contacts of the deal's account.",
          );
        }
        const [existing] = await ctx.db
          .select({ id: stakeholders.id })
          .from(stakeholders)
          .where(
            and(
              eq(stakeholders.orgId, ctx.orgId),
              eq(stakeholders.dealId, deal.id),
              eq(stakeholders.contactId, contactId),
            ),
          );
        if (existing) conflict("contactId", "This contact is already a stakeholder on the deal.");
        contactName = contact.name;
      } else {
        const newContact = input.contact!;
        await assertCanWriteContacts(ctx.db, visibility, deal.accountId, "contact");
        contactId = await insertContact(ctx.db, actor, deal.accountId, newContact);
        contactName = newContact.name;
      }
      const id = crypto.randomUUID();
      const interests = pick(input, "buyingRole", "influence", "stance", "personalWin", "businessGoal", "howWeServeIt");
      await ctx.db.insert(stakeholders).values({ orgId: ctx.orgId, id, dealId: deal.id, contactId, ...interests });
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "deal.stakeholder_added",
        entityType: "deal",
        entityId: deal.id,
        after: { stakeholderId: id, contactName, ...interests },
      });
      return { id, contactId };
    }),

  /** Edits a stakeholder as of `version`; a stale version answers CONFLICT. */
  update: orgProcedure("deals.write")
    .input(
      z.object({
        stakeholderId: idSchema,
        version: versionSchema,
        buyingRole: interestFields.buyingRole.optional(),
        influence: interestFields.influence.optional(),
        stance: interestFields.stance.optional(),
        personalWin: interestFields.personalWin.optional(),
        businessGoal: interestFields.businessGoal.optional(),
        howWeServeIt: interestFields.howWeServeIt.optional(),
      }),
    )
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const current = await editableStakeholder(ctx.db, actor, input.stakeholderId);
      const stale = (now: typeof current) =>
        staleVersion(
          `Someone else changed this stakeholder while you were editing (it is now at version ${now.version}). Review and save again.`,
          now,
        );
      if (current.version !== input.version) throw stale(current);
      const patch: Record<string, unknown> = {};
      const before: Record<string, unknown> = {};
      for (const key of INTEREST_KEYS) {
        const value = input[key];
        if (value !== undefined && value !== current[key]) {
          patch[key] = value;
          before[key] = current[key];
        }
      }
      if (Object.keys(patch).length === 0) return { id: current.id, version: current.version };
      const [updated] = await ctx.db
        .update(stakeholders)
        .set({ ...patch, version: sql`${stakeholders.version} + 1` })
        .where(
          and(
            eq(stakeholders.orgId, ctx.orgId),
            eq(stakeholders.id, input.stakeholderId),
            eq(stakeholders.version, input.version),
          ),
        )
        .returning({ version: stakeholders.version });
      if (!updated) throw stale(await findStakeholder(ctx.db, ctx.orgId, input.stakeholderId));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "deal.stakeholder_updated",
        entityType: "deal",
        entityId: current.dealId,
        before: { stakeholderId: current.id, contactName: current.contactName, ...before },
        after: { stakeholderId: current.id, contactName: current.contactName, ...patch },
      });
      return { id: current.id, version: updated.version };
    }),

  remove: orgProcedure("deals.write")
    .input(z.object({ stakeholderId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const current = await editableStakeholder(ctx.db, ctx.actor, input.stakeholderId);
      await ctx.db
        .delete(stakeholders)
        .where(and(eq(stakeholders.orgId, ctx.orgId), eq(stakeholders.id, input.stakeholderId)));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "deal.stakeholder_removed",
        entityType: "deal",
        entityId: current.dealId,
        before: {
          stakeholderId: current.id,
          contactName: current.contactName,
          buyingRole: current.buyingRole,
          influence: current.influence,
        },
      });
      return { id: current.id };
    }),
});
