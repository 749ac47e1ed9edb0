/**
 * Contacts: the people of a customer account (name, title, email, who they report to). Readable with the
 * account; written by the account's owner, an owner of one of its deals, or an admin. An edit names the version
 * it was made from: a stale one answers CONFLICT with the contact as it is now (`data.current`), and every write
 * bumps the version.
 */
import type { Actor } from "@/server/authz/actor";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { findOrgRecord } from "@/server/db/records";
import type { Database } from "@/db/client";
import { contacts } from "@/db/schema";
import { containsText } from "@/server/db/text-search";
import { wouldCreateCycle } from "@/server/authz/team-tree";
import { contactEmailSchema, lineSchema, optionalLineSchema } from "@/server/domain/deal-fields";
import { auditAs } from "@/server/services/audit";
import { assertCanWriteContacts, findReadableAccount, visibilityOf } from "@/server/services/deal-access";
import { orgProcedure, router } from "../init";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { badRequest, notFound, staleVersion } from "@/server/domain/errors";

export const contactFields = {
  name: lineSchema(120, 1),
  title: optionalLineSchema(120),
  email: contactEmailSchema,
};

const contactSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  reportsToId: z.uuid().nullable(),
  version: z.number().int(),
});

const contactColumns = {
  id: contacts.id,
  accountId: contacts.accountId,
  name: contacts.name,
  title: contacts.title,
  email: contacts.email,
  reportsToId: contacts.reportsToId,
  version: contacts.version,
};

/** CONFLICT with the contact as it is now (sent to clients as `data.current`, see StaleVersionError). */
async function contactConflict(db: Database, orgId: string, contactId: string): Promise<never> {
  const [current] = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
  if (!current) notFound("contactId", "Contact not found.");
  throw staleVersion(
    `Someone else changed this contact while you were editing (it is now at version ${current.version}). Review their changes and save again.`,
    current,
  );
}

/** The account's contacts as a reports-to forest (for the cycle check). */
async function reportingLines(db: Database, orgId: string, accountId: string) {
  const rows = await db
    .select({ id: contacts.id, reportsToId: contacts.reportsToId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId)));
  return rows.map((row) => ({ id: row.id, parentTeamId: row.reportsToId }));
}

/** A reports-to contact must be a contact of the same account. */
async function assertManagerContact(db: Database, orgId: string, accountId: string, reportsToId: string) {
  const [manager] = await db
    .select({ accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, reportsToId)));
  if (!manager) notFound("reportsToId", "Contact not found.");
  if (manager.accountId !== accountId) badRequest("reportsToId", "Must be a contact of the same account.");
}

/** Creates a contact (used by stakeholders.add too); the caller has checked write access to the account. */
export async function insertContact(
  db: Database,
  actor: Actor,
  accountId: string,
  input: { name: string; title: string | null; email: string | null; reportsToId?: string | null },
): Promise<string> {
  if (input.reportsToId) await assertManagerContact(db, actor.orgId, accountId, input.reportsToId);
  const id = crypto.randomUUID();
  await db.insert(contacts).values({
    orgId: actor.orgId,
    id,
    accountId,
    name: input.name,
    title: input.title,
    email: input.email,
    reportsToId: input.reportsToId ?? null,
  });
  await auditAs(db, actor, {
    action: "contact.created",
    entityType: "contact",
    entityId: id,
    after: { accountId, ...input },
  });
  return id;
}

export const contactsRouter = router({
  /** The contacts of one account, by name (optionally searched). */
  list: orgProcedure("deals.read")
    .input(z.object({ accountId: idSchema, search: z.string().trim().max(100).optional() }))
    .output(z.array(contactSchema))
    .query(async ({ ctx, input }) => {
      await findReadableAccount(ctx.db, await visibilityOf(ctx.db, ctx.actor), input.accountId);
      return ctx.db
        .select(contactColumns)
        .from(contacts)
        .where(
          and(
            eq(contacts.orgId, ctx.orgId),
            eq(contacts.accountId, input.accountId),
            input.search ? containsText(input.search, contacts.name, contacts.title, contacts.email) : undefined,
          ),
        )
        .orderBy(asc(contacts.name), asc(contacts.id));
    }),

  create: orgProcedure("accounts.write")
    .input(z.object({ accountId: idSchema, ...contactFields, reportsToId: idSchema.nullish() }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      await assertCanWriteContacts(ctx.db, await visibilityOf(ctx.db, actor), input.accountId);
      const { accountId, ...fields } = input;
      return { id: await insertContact(ctx.db, actor, accountId, fields) };
    }),

  update: orgProcedure("accounts.write")
    .input(
      z.object({
        contactId: idSchema,
        /** The version the edit was made from (`accounts.get`, `contacts.list`); another write since → CONFLICT. */
        version: versionSchema,
        name: contactFields.name.optional(),
        // Left out, a field keeps its value (`.optional()` outside the "" → null transform); null clears it.
        title: contactFields.title.optional(),
        email: contactFields.email.optional(),
        reportsToId: idSchema.nullish(),
      }),
    )
    .output(contactSchema)
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      const current = await findOrgRecord(ctx.db, contacts, ctx.orgId, input.contactId, [
        "contactId",
        "Contact not found.",
      ]);
      // Not visible → NOT_FOUND (the account check hides it), visible but not writable → FORBIDDEN.
      await findReadableAccount(ctx.db, visibility, current.accountId, "contactId").catch(() => {
        notFound("contactId", "Contact not found.");
      });
      await assertCanWriteContacts(ctx.db, visibility, current.accountId, "contactId");
      if (current.version !== input.version) return contactConflict(ctx.db, ctx.orgId, input.contactId);
      if (input.reportsToId) {
        if (input.reportsToId === input.contactId) badRequest("reportsToId", "A contact cannot report to themselves.");
        await assertManagerContact(ctx.db, ctx.orgId, current.accountId, input.reportsToId);
        if (
          wouldCreateCycle(
            await reportingLines(ctx.db, ctx.orgId, current.accountId),
            input.contactId,
            input.reportsToId,
          )
        ) {
          badRequest("reportsToId", "That would make the contact report to someone who reports to them.");
        }
      }
      const patch = {
        name: input.name ?? current.name,
        title: input.title === undefined ? current.title : input.title,
        email: input.email === undefined ? current.email : input.email,
        reportsToId: input.reportsToId === undefined ? current.reportsToId : input.reportsToId,
      };
      const before = {
        name: current.name,
        title: current.title,
        email: current.email,
        reportsToId: current.reportsToId,
      };
      if ((Object.keys(patch) as (keyof typeof patch)[]).every((key) => patch[key] === before[key]))
        return { id: current.id, accountId: current.accountId, ...patch, version: current.version };
      // The version in the where clause closes the gap between the check above and this write.
      const [written] = await ctx.db
        .update(contacts)
        .set({ ...patch, version: sql`${contacts.version} + 1` })
        .where(
          and(eq(contacts.orgId, ctx.orgId), eq(contacts.id, input.contactId), eq(contacts.version, input.version)),
        )
        .returning({ version: contacts.version });
      if (!written) return contactConflict(ctx.db, ctx.orgId, input.contactId);
      await auditAs(ctx.db, ctx.actor, {
        action: "contact.updated",
        entityType: "contact",
        entityId: input.contactId,
        before,
        after: patch,
      });
      return { id: current.id, accountId: current.accountId, ...patch, version: written.version };
    }),
});
