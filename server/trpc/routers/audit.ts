/**
 * audit.*: the organization's audit log (admins only, `audit.read`). Events are written by `recordAudit()`
 * in the transaction of each change; the application role can only INSERT and SELECT them.
 */
import { and, desc, eq, or, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { auditFilterFields, checkAuditFilters } from "@/server/domain/audit-filters";
import {
  accounts,
  auditEvents,
  contacts,
  deals,
  disqualificationReasons,
  invitations,
  memberships,
  strategies,
  teams,
  users,
} from "@/db/schema";
import { orgProcedure, router } from "../init";
import { auditCursorSchema, auditEventSchema, auditPageSchema } from "@/server/services/audit";
import { cursorTime, keysetPage, olderThan } from "@/server/db/keyset";
import { pageLimitSchema } from "@/server/domain/schemas";

const entityMembers = alias(memberships, "entity_membership");
const entityUsers = alias(users, "entity_user");

/** Joins an entity table on the event's entity, only for events recorded against that entity type. */
const entityJoin = (type: string, table: { orgId: AnyPgColumn; id: AnyPgColumn }) =>
  and(eq(auditEvents.entityType, type), eq(table.orgId, auditEvents.orgId), eq(table.id, auditEvents.entityId));

export const auditRouter = router({
  /**
   * The audit log, newest first, keyset-paginated (cursor = time + id). Filters, combined with AND: area
   * (the action family, e.g. "deal" for `deal.disqualified`), actor, entity type and optionally entity id
   * ("everything that happened to this deal"), and a range of UTC days. Every filter keeps `org_id = …`
   * leading, so Postgres reads `audit_events (org_id, at)` backwards, or `(org_id, entity_type,
   * entity_id)` for one entity. `entityName` is the entity's *current* name where it has one (members,
   * teams, strategies, deals, accounts, contacts, reasons, invitations; never a goal: private titles stay
   * out of the log); events keep the names they need in `before`/`after`.
   */
  list: orgProcedure("audit.read")
    .input(
      z
        .object({
          ...auditFilterFields,
          limit: pageLimitSchema,
          cursor: auditCursorSchema.nullish(),
        })
        .superRefine(checkAuditFilters),
    )
    .output(
      auditPageSchema(
        auditEventSchema.extend({
          actorId: z.uuid().nullable(),
          entityType: z.string(),
          entityId: z.uuid().nullable(),
          entityName: z.string().nullable(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          item: {
            id: auditEvents.id,
            at: auditEvents.at,
            actorId: auditEvents.actorId,
            actorName: users.name,
            action: auditEvents.action,
            entityType: auditEvents.entityType,
            entityId: auditEvents.entityId,
            entityName: sql<
              string | null
            >`coalesce(${entityUsers.name}, ${teams.name}, ${strategies.name}, ${deals.name}, ${accounts.name}, ${contacts.name}, ${disqualificationReasons.label}, ${invitations.email})`,
            before: auditEvents.before,
            after: auditEvents.after,
          },
          cursorAt: cursorTime(auditEvents.at),
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        // A member event names the member's user id; the demo seed's invitations name the membership.
        .leftJoin(
          entityMembers,
          and(
            eq(entityMembers.orgId, auditEvents.orgId),
            or(
              and(eq(auditEvents.entityType, "member"), eq(entityMembers.userId, auditEvents.entityId)),
              and(eq(auditEvents.entityType, "membership"), eq(entityMembers.id, auditEvents.entityId)),
            ),
          ),
        )
        .leftJoin(entityUsers, eq(entityUsers.id, entityMembers.userId))
        .leftJoin(teams, entityJoin("team", teams))
        .leftJoin(strategies, entityJoin("strategy", strategies))
        .leftJoin(deals, entityJoin("deal", deals))
        .leftJoin(accounts, entityJoin("account", accounts))
        .leftJoin(contacts, entityJoin("contact", contacts))
        .leftJoin(disqualificationReasons, entityJoin("disqualification_reason", disqualificationReasons))
        .leftJoin(invitations, entityJoin("invitation", invitations))
        .where(
          and(
            eq(auditEvents.orgId, ctx.orgId),
            input.area ? sql`starts_with(${auditEvents.action}, ${`${input.area}.`})` : undefined,
            input.actorId ? eq(auditEvents.actorId, input.actorId) : undefined,
            input.entityType ? eq(auditEvents.entityType, input.entityType) : undefined,
            input.entityId ? eq(auditEvents.entityId, input.entityId) : undefined,
            // Inclusive UTC days, as bounds on the timestamp itself (so the (org_id, at) index applies).
            input.from ? sql`${auditEvents.at} >= ${input.from}::date::timestamp at time zone 'UTC'` : undefined,
            input.to ? sql`${auditEvents.at} < (${input.to}::date + 1)::timestamp at time zone 'UTC'` : undefined,
            input.cursor
              ? olderThan(auditEvents.at, auditEvents.id, { time: input.cursor.at, id: input.cursor.id })
              : undefined,
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(input.limit + 1);
      const { page, nextCursor } = keysetPage(rows, input.limit, (last) => ({ at: last.cursorAt, id: last.item.id }));
      return { items: page.map((row) => row.item), nextCursor };
    }),
});
