/**
 * Reminders of review actions (docs/reviews.md): the owner of an open action of a shared (or acknowledged, or
 * closed) review is told once when it is due within DUE_SOON_DAYS and once when it is overdue, in the bell and —
 * when email is configured — by email. A scheduled pass (startReviewReminders) runs it on every app instance; each
 * action is claimed by an UPDATE that sets its reminded-at column, so two instances never remind twice.
 */
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { reviewActions } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { notify } from "./notifications";

/** "Due soon": due today or within this many days. */
export const DUE_SOON_DAYS = 2;
/** How often the pass runs on each instance. */
export const REMINDER_INTERVAL_MS = 15 * 60_000;

const REMINDERS = [
  {
    kind: "review_action.due_soon",
    field: "dueSoonRemindedAt",
    due: sql`${reviewActions.dueOn} between current_date and current_date + ${DUE_SOON_DAYS}::int`,
    words: (dueOn: string) => `due on ${dueOn}`,
    subject: "A review action is due soon",
  },
  {
    kind: "review_action.overdue",
    field: "overdueRemindedAt",
    due: sql`${reviewActions.dueOn} < current_date`,
    words: (dueOn: string) => `overdue since ${dueOn}`,
    subject: "A review action is overdue",
  },
] as const;

/** Sends one organization's reminders in one transaction as the application role; answers how many went out. */
async function remindOrganization(db: Database, org: { id: string; slug: string }): Promise<number> {
  return withTenant(db, { userId: "", orgId: org.id }, async (tx) => {
    let sent = 0;
    const notShared: SQL = sql`exists (select 1 from reviews r where r.org_id = ${reviewActions.orgId} and r.id = ${reviewActions.reviewId} and r.status <> 'draft')`;
    for (const reminder of REMINDERS) {
      const claimed = await tx
        .update(reviewActions)
        .set({ [reminder.field]: sql`now()` })
        .where(
          and(
            eq(reviewActions.orgId, org.id),
            eq(reviewActions.done, false),
            isNotNull(reviewActions.ownerId),
            isNull(reviewActions[reminder.field]),
            reminder.due,
            notShared,
          ),
        )
        .returning({
          reviewId: reviewActions.reviewId,
          ownerId: reviewActions.ownerId,
          text: reviewActions.text,
          dueOn: reviewActions.dueOn,
        });
      for (const action of claimed) {
        await notify(tx, {
          orgId: org.id,
          userIds: [action.ownerId!],
          kind: reminder.kind,
          entity: { type: "review", id: action.reviewId },
          payload: {
            text: `Your review action “${action.text}” is ${reminder.words(action.dueOn!)}.`,
            path: `/reviews/${action.reviewId}`,
          },
          email: { subject: reminder.subject, orgSlug: org.slug },
        });
      }
      sent += claimed.length;
    }
    return sent;
  });
}

/** One pass over every organization with a reminder to send (found on the privileged connection). */
export async function sendReviewReminders(db: Database): Promise<number> {
  const orgs = await selectRows<{ id: string; slug: string }>(
    db,
    sql`select o.id, o.slug from organizations o where exists (select 1 from review_actions a where a.org_id = o.id and not a.done and a.owner_id is not null and a.due_on <= current_date + ${DUE_SOON_DAYS}::int and (a.due_soon_reminded_at is null or (a.overdue_reminded_at is null and a.due_on < current_date)))`,
  );
  let sent = 0;
  for (const org of orgs) sent += await remindOrganization(db, org);
  return sent;
}

/** Runs the pass now and every REMINDER_INTERVAL_MS; the timer does not keep the process alive. */
export function startReviewReminders(database: () => Promise<Database>): void {
  const run = async () => {
    try {
      await sendReviewReminders(await database());
    } catch (error) {
      console.error("[review-reminders]", error);
    }
  };
  void run();
  setInterval(run, REMINDER_INTERVAL_MS).unref();
}
