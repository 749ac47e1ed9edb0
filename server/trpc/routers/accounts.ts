/**
 * Customer accounts. Reps see the accounts they own and those of their own deals; managers and viewers
 * those of their teams; admins all (server/services/deal-access.ts). Owners and admins edit them, as of the
 * version they read (server/services/account-changes.ts: a stale one answers CONFLICT with the account as it is now).
 */
import { allows } from "@/server/authz/record-rules";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { pick } from "@/server/domain/objects";
import { afterName, containsText } from "@/server/db/text-search";
import { accounts, contacts, dealAlignment, deals, users } from "@/db/schema";
import { together } from "@/server/db/together";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { flagSchema, stageSchema } from "@/server/domain/deal-fields";
import { auditAs } from "@/server/services/audit";
import { accountColumns, accountOwnerJoin, dealJoins } from "@/server/services/deal-columns";
import {
  accountFields,
  accountRecordSchema,
  assertOwnerAllowed,
  updateAccount,
  updateAccountInput,
} from "@/server/services/account-changes";
import { assertPossibleOwner, homeTeamOf, visibilityOf } from "@/server/services/deal-access";
import { orgProcedure, router } from "../init";
import { idSchema, pageLimitSchema } from "@/server/domain/schemas";
import { notFound } from "@/server/domain/errors";

/** A list row: the account's fields (not its version, which only the edit form needs) and what the list shows. */
const accountRowSchema = accountRecordSchema.omit({ version: true }).extend({
  /** Open deals on the account that the caller can see. */
  openDeals: z.number().int(),
  canEdit: z.boolean(),
});

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

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
      if (input.search) where.push(containsText(input.search, accounts.name, accounts.domain));
      if (input.cursor) where.push(afterName(accounts.name, accounts.id, input.cursor));
      const rows = await ctx.db
        .select({
          ...accountColumns,
          openDeals: sql<number>`count(${deals.id})::int`,
        })
        .from(accounts)
        .leftJoin(users, accountOwnerJoin)
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
      const page = rows.slice(0, input.limit).map((row) => ({ ...row, canEdit: allows(actor, "account.edit", row) }));
      const last = page.at(-1);
      return { items: page, nextCursor: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
    }),

  get: orgProcedure("deals.read")
    .input(z.object({ accountId: idSchema }))
    .output(
      accountRowSchema.omit({ openDeals: true }).extend({
        teamId: z.uuid().nullable(),
        externalId: z.string().nullable(),
        /** Send it back with an update (`accounts.update`); another write since answers CONFLICT. */
        version: z.number().int(),
        canWriteContacts: z.boolean(),
        contacts: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            title: z.string().nullable(),
            email: z.string().nullable(),
            reportsToId: z.uuid().nullable(),
            version: z.number().int(),
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
          ...accountColumns,
          teamId: accounts.teamId,
          externalId: accounts.externalId,
          version: accounts.version,
          ownsDeal: sql<boolean>`exists (select 1 from deals d where d.org_id = accounts.org_id and d.account_id = accounts.id and d.owner_id = ${ctx.user.id})`,
        })
        .from(accounts)
        .leftJoin(users, accountOwnerJoin)
        .where(and(eq(accounts.orgId, ctx.orgId), eq(accounts.id, input.accountId), visibility.accounts));
      if (!account) notFound("accountId", "Account not found.");
      const [people, dealRows] = await together([
        ctx.db
          .select({
            id: contacts.id,
            name: contacts.name,
            title: contacts.title,
            email: contacts.email,
            reportsToId: contacts.reportsToId,
            version: contacts.version,
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
          .innerJoin(users, dealJoins.owner)
          .innerJoin(dealAlignment, dealJoins.scores)
          .where(and(eq(deals.orgId, ctx.orgId), eq(deals.accountId, input.accountId), visibility.deals))
          .orderBy(sql`${deals.closeDate} desc nulls last`, asc(deals.name)),
      ]);
      const { ownsDeal, ...rest } = account;
      const canEdit = allows(actor, "account.edit", account);
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
      const fields = pick(input, "name", "domain", "industry", "segment", "region");
      const teamId = ownerId ? await homeTeamOf(ctx.db, ctx.orgId, ownerId) : null;
      await ctx.db.insert(accounts).values({ orgId: ctx.orgId, id, ...fields, ownerId, teamId });
      await auditAs(ctx.db, ctx.actor, {
        action: "account.created",
        entityType: "account",
        entityId: id,
        after: { ...fields, ownerId },
      });
      return { id };
    }),

  /** Edits an account as of `version`; a stale version answers CONFLICT with the account as it is now. */
  update: orgProcedure("accounts.write")
    .input(updateAccountInput)
    .output(accountRecordSchema)
    .mutation(({ ctx, input }) => updateAccount(ctx.db, ctx.actor, input)),
});
