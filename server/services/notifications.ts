/**
 * Notifications: one row per person told about something (a review shared with them, an acknowledgement…).
 * They are written in the transaction of the change they tell about, so they exist exactly when it committed.
 * Row-level security shows each person only their own rows; writing for others is allowed (the author of the
 * change is rarely its reader). When email is configured (SMTP_URL), the message also goes out by email.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { cursorTime, olderThan } from "@/server/db/keyset";
import { appUrl, isEmailConfigured, queueEmail } from "./mailer";

export interface NotificationEntity {
  type: string;
  id: string;
}

/**
 * What the person reads: `text` is the sentence shown in the bell (and the email), `path` the page it opens,
 * inside the organization (e.g. `/reviews/<id>`; the client puts `/o/<slug>` before it). Anything else the UI
 * may need goes next to them.
 */
export type NotificationPayload = { text: string; path: string } & Record<string, unknown>;

export interface NotifyInput {
  orgId: string;
  /** The people to tell; duplicates are told once. */
  userIds: readonly string[];
  /** e.g. `review.shared` */
  kind: string;
  entity: NotificationEntity;
  payload: NotificationPayload;
  /** Also sent by email, with this subject, when SMTP is configured; `orgSlug` makes the link absolute. */
  email?: { subject: string; orgSlug: string };
}

/** Records one notification per person in the caller's transaction. */
export async function notify(tx: Database, input: NotifyInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  await tx.insert(notifications).values(
    userIds.map((userId) => ({
      orgId: input.orgId,
      id: crypto.randomUUID(),
      userId,
      kind: input.kind,
      entityType: input.entity.type,
      entityId: input.entity.id,
      payload: input.payload,
    })),
  );
  if (input.email && isEmailConfigured()) {
    const recipients = await tx.select({ email: users.email }).from(users).where(inArray(users.id, userIds));
    const text = `${input.payload.text}\n\n${appUrl(`/o/${input.email.orgSlug}${input.payload.path}`)}\n`;
    for (const { email } of recipients) queueEmail({ to: email, subject: input.email.subject, text });
  }
}

export interface NotificationRow {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  payload: unknown;
  createdAt: Date;
  readAt: Date | null;
  cursorTime: string;
}

/** The person's notifications, newest first, after the cursor (keyset on created_at, id). */
export async function listNotifications(
  tx: Database,
  scope: { orgId: string; userId: string },
  page: { limit: number; cursor?: { time: string; id: string }; unreadOnly: boolean },
): Promise<NotificationRow[]> {
  return tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      entityType: notifications.entityType,
      entityId: notifications.entityId,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      cursorTime: cursorTime(notifications.createdAt),
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, scope.orgId),
        eq(notifications.userId, scope.userId),
        page.unreadOnly ? isNull(notifications.readAt) : undefined,
        page.cursor ? olderThan(notifications.createdAt, notifications.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit);
}

export async function unreadCount(tx: Database, scope: { orgId: string; userId: string }): Promise<number> {
  const [row] = await selectRows<{ count: number }>(
    tx,
    sql`select count(*)::int as count from ${notifications}
        where ${notifications.orgId} = ${scope.orgId} and ${notifications.userId} = ${scope.userId}
          and ${notifications.readAt} is null`,
  );
  return row?.count ?? 0;
}

/** Marks the given notifications (all unread ones when `ids` is omitted) read; returns how many changed. */
export async function markRead(
  tx: Database,
  scope: { orgId: string; userId: string },
  ids?: readonly string[],
): Promise<number> {
  const changed = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.orgId, scope.orgId),
        eq(notifications.userId, scope.userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}
