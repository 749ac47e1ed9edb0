/**
 * Customer accounts. Reps see the accounts they own and those of their own deals; managers and viewers
 * those of their teams; admins all (server/services/deal-access.ts). Owners and admins edit them.
 */
import type { Actor } from "@/server/authz/actor";
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { accounts, contacts, dealAlignment, deals, users } from "@/db/schema";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { domainSchema, flagSchema, lineSchema, optionalLineSchema, stageSchema } from "@/server/domain/deal-fields";
import { recordAudit } from "@/server/services/audit";
import {
  assertPossibleOwner,
  canEditAccount,
  findReadableAccount,
  homeTeamOf,
  visibilityOf,
} from "@/server/services/deal-access";
import { orgProcedure, router } from "../init";
import { idSchema, pageLimitSchema } from "../schemas";
import { forbidden, notFound } from "@/server/domain/errors";

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const accountFields = {
  name: lineSchema(200, 1),
  domain: domainSchema,
  industry: optionalLineSchema(80),
  segment: optionalLineSchema(80),
  region: optionalLineSchema(80),
};

const accountRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  segment: z.string().nullable(),
  region: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  /** Open deals on the account that the caller can see. */
  openDeals: z.number().int(),
  canEdit: z.boolean(),
});

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

/** The owner a non-admin may set: themselves only. Admins may name any active member (or nobody). */
function assertOwnerAllowed(actor: Actor, ownerId: string | null | undefined) {
  if (ownerId === undefined || ownerId === actor.userId || actor.role === "admin") return;
  forbidden("ownerId", "Only an admin can make someone else the owner.");
}

export const accountsRouter = router({
  /** Accounts by name, keyset-paginated; the count of visible open deals comes from the same query. */
  list: orgProcedure("deals.read")
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        /** Only accounts the caller owns. */
        mine: z.boolean().default(false),
        limit: pageLimitSchema,
        cursor: cursorSchema.nullish(),
      }),
    )
    .output(z.object({ items: z.array(accountRowSchema), nextCursor: cursorSchema.nullable() }))
    .query(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      const where: (SQL | undefined)[] = [eq(accounts.orgId, ctx.orgId), visibility.accounts];
      if (input.mine) where.push(eq(accounts.ownerId, ctx.user.id));
      if (input.search)
        where.push(
          or(ilike(accounts.name, likePattern(input.search)), ilike(accounts.domain, likePattern(input.search))),
        );
      if (input.cursor)
        where.push(
          or(
            gt(accounts.name, input.cursor.name),
            and(eq(accounts.name, input.cursor.name), gt(accounts.id, input.cursor.id)),
          ),
        );
      const rows = await ctx.db
        .select({
          id: accounts.id,
          name: accounts.name,
          domain: accounts.domain,
          industry: accounts.industry,
          segment: accounts.segment,
          region: accounts.region,
          ownerId: accounts.ownerId,
          ownerName: users.name,
          openDeals: sql<number>`count(${deals.id})::int`,
        })
        .from(accounts)
        .leftJoin(users, eq(users.id, accounts.ownerId))
        .leftJoin(
          deals,
          and(
            eq(deals.orgId, accounts.orgId),
            eq(deals.accountId, accounts.id),
            inArray(deals.stage, [...OPEN_STAGES]),
            visibility.deals,
          ),
        )
        .where(and(...where))
        .groupBy(accounts.orgId, accounts.id, users.name)
        .orderBy(asc(accounts.name), asc(accounts.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit).map((row) => ({ ...row, canEdit: canEditAccount(actor, row) }));
      const last = page.at(-1);
      return { items: page, nextCursor: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
    }),

  get: orgProcedure("deals.read")
    .input(z.object({ accountId: idSchema }))
    .output(
      accountRowSchema.omit({ openDeals: true }).extend({
        teamId: z.uuid().nullable(),
        externalId: z.string().nullable(),
        canWriteContacts: z.boolean(),
        contacts: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            title: z.string().nullable(),
            email: z.string().nullable(),
            reportsToId: z.uuid().nullable(),
          }),
        ),
        deals: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            stage: stageSchema,
            amount: z.string(),
            currency: z.string(),
            closeDate: z.string().nullable(),
            ownerName: z.string(),
            score: z.number().int(),
            flags: z.array(flagSchema),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      const [account] = await ctx.db
        .select({
          id: accounts.id,
          name: accounts.name,
          domain: accounts.domain,
          industry: accounts.industry,
          segment: accounts.segment,
          region: accounts.region,
          ownerId: accounts.ownerId,
          ownerName: users.name,
          teamId: accounts.teamId,
          externalId: accounts.externalId,
          ownsDeal: sql<boolean>`exists (select 1 from deals d where d.org_id = accounts.org_id and d.account_id = accounts.id and d.owner_id = ${ctx.user.id})`,
        })
        .from(accounts)
        .leftJoin(users, eq(users.id, accounts.ownerId))
        .where(and(eq(accounts.orgId, ctx.orgId), eq(accounts.id, input.accountId), visibility.accounts));
      if (!account) notFound("accountId", "Account not found.");
      const [people, dealRows] = await Promise.all([
        ctx.db
          .select({
            id: contacts.id,
            name: contacts.name,
            title: contacts.title,
            email: contacts.email,
            reportsToId: contacts.reportsToId,
          })
          .from(contacts)
          .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.accountId, input.accountId)))
          .orderBy(asc(contacts.name), asc(contacts.id)),
        ctx.db
          .select({
            id: deals.id,
            name: deals.name,
            stage: deals.stage,
            amount: deals.amount,
            currency: deals.currency,
            closeDate: deals.closeDate,
            ownerName: users.name,
            score: dealAlignment.score,
            flags: sql<z.infer<typeof flagSchema>[]>`${dealAlignment.flags}`,
          })
          .from(deals)
          .innerJoin(users, eq(users.id, deals.ownerId))
          .innerJoin(dealAlignment, and(eq(dealAlignment.orgId, deals.orgId), eq(dealAlignment.dealId, deals.id)))
          .where(and(eq(deals.orgId, ctx.orgId), eq(deals.accountId, input.accountId), visibility.deals))
          .orderBy(sql`${deals.closeDate} desc nulls last`, asc(deals.name)),
      ]);
      const { ownsDeal, ...rest } = account;
      const canEdit = canEditAccount(actor, account);
      return {
        ...rest,
        canEdit,
        canWriteContacts: actor.role !== "viewer" && (canEdit || ownsDeal),
        contacts: people,
        deals: dealRows,
      };
    }),

  create: orgProcedure("accounts.write")
    .input(z.object({ ...accountFields, ownerId: idSchema.nullish() }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const ownerId = input.ownerId === undefined ? ctx.user.id : input.ownerId;
      assertOwnerAllowed(actor, ownerId);
      if (ownerId) await assertPossibleOwner(ctx.db, ctx.orgId, ownerId);
      const id = crypto.randomUUID();
      const fields = {
        name: input.name,
        domain: input.domain,
        industry: input.industry,
        segment: input.segment,
        region: input.region,
      };
      const teamId = ownerId ? await homeTeamOf(ctx.db, ctx.orgId, ownerId) : null;
      await ctx.db.insert(accounts).values({ orgId: ctx.orgId, id, ...fields, ownerId, teamId });
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "account.created",
        entityType: "account",
        entityId: id,
        after: { ...fields, ownerId },
      });
      return { id };
    }),

  update: orgProcedure("accounts.write")
    .input(
      z.object({
        accountId: idSchema,
        name: accountFields.name.optional(),
        domain: accountFields.domain,
        industry: accountFields.industry,
        segment: accountFields.segment,
        region: accountFields.region,
        ownerId: idSchema.nullish(),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      const account = await findReadableAccount(ctx.db, visibility, input.accountId);
      if (!canEditAccount(actor, account)) forbidden("accountId", "Only the account's owner or an admin can edit it.");
      const [current] = await ctx.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, ctx.orgId), eq(accounts.id, input.accountId)));
      if (!current) notFound("accountId", "Account not found.");
      const patch: Partial<typeof accounts.$inferInsert> = {};
      const before: Record<string, unknown> = {};
      for (const key of ["name", "domain", "industry", "segment", "region"] as const) {
        const raw = (input as Record<string, unknown>)[key];
        if (raw === undefined || (key === "name" && raw === null)) continue;
        // Optional fields arrive as null when cleared (the schemas turn "" into null).
        if (raw !== current[key]) {
          (patch as Record<string, unknown>)[key] = raw;
          before[key] = current[key];
        }
      }
      if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
        if (actor.role !== "admin") forbidden("ownerId", "Only an admin can reassign an account.");
        if (input.ownerId) await assertPossibleOwner(ctx.db, ctx.orgId, input.ownerId);
        patch.ownerId = input.ownerId;
        patch.teamId = input.ownerId ? await homeTeamOf(ctx.db, ctx.orgId, input.ownerId) : null;
        before.ownerId = current.ownerId;
      }
      if (Object.keys(patch).length === 0) return { id: input.accountId };
      await ctx.db
        .update(accounts)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(accounts.orgId, ctx.orgId), eq(accounts.id, input.accountId)));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "account.updated",
        entityType: "account",
        entityId: input.accountId,
        before,
        after: patch,
      });
      return { id: input.accountId };
    }),
});
