import { sql } from "drizzle-orm";
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, orgId } from "./columns";
import { memberships } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Notifications (server/services/notifications.ts): what happened that one person should know about. Row-level
// security lets a person read and mark only their own (migration notifications_own_rows).
export const notifications = pgTable(
  "notifications",
  {
    orgId: orgId(),
    id: id(),
    userId: uuid().notNull(),
    /** What happened, e.g. `review.shared`; the UI words it (components/notifications). */
    kind: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    /** What the text needs (titles, names) as they were when it happened. */
    payload: jsonb().notNull().default({}),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "notifications_user_fk",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
    // The bell's list (newest first, keyset) and its unread count.
    index().on(t.orgId, t.userId, t.createdAt, t.id),
    index("notifications_unread_idx")
      .on(t.orgId, t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);
