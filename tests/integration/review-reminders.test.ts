/**
 * The scheduled reminders of review actions (server/services/review-reminders.ts): due soon and overdue, once each,
 * to the action's owner, only for reviews the rep can see (not drafts) and only for open actions.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "@/db/client";
import { notifications, reviewActions } from "@/db/schema";
import { DUE_SOON_DAYS, sendReviewReminders } from "@/server/services/review-reminders";
import { useWorld } from "../helpers/world";
import { DEMO_OBJECTIVES, insertStrategy } from "./alignment-fixtures";

describe("review action reminders", () => {
  const world = useWorld();
  const ids: Record<string, string> = {};
  let sharedReviewId: string;

  /** The database's day plus `days`, as YYYY-MM-DD (the pass compares with the database's current_date). */
  async function day(days: number): Promise<string> {
    const [row] = await selectRows<{ day: string }>(
      world.db,
      sql`select to_char(current_date + ${days}::int, 'YYYY-MM-DD') as day`,
    );
    return row!.day;
  }

  beforeAll(async () => {
    const { org } = world;
    const { id: strategyId } = await insertStrategy(world.db, org.id, { objectives: DEMO_OBJECTIVES });
    const manager = world.api(org.manager);
    const start = () => manager.reviews.start({ subjectId: org.rep.id, strategyId });
    const shared = await start();
    sharedReviewId = shared.id;
    const add = async (name: string, reviewId: string, owner: "rep" | "manager", dueInDays: number | null) => {
      const { id } = await manager.reviews.addAction({ reviewId, text: name, owner });
      if (dueInDays !== null)
        await world.db
          .update(reviewActions)
          .set({ dueOn: await day(dueInDays) })
          .where(and(eq(reviewActions.orgId, org.id), eq(reviewActions.id, id)));
      ids[name] = id;
    };
    await add("Due tomorrow", shared.id, "rep", 1);
    await add("Due at the edge", shared.id, "manager", DUE_SOON_DAYS);
    await add("Due later", shared.id, "rep", DUE_SOON_DAYS + 1);
    await add("Overdue", shared.id, "rep", -3);
    await add("Overdue but done", shared.id, "rep", -3);
    await add("No date", shared.id, "rep", null);
    const { version } = await manager.reviews.get({ reviewId: shared.id });
    await manager.reviews.share({ reviewId: shared.id, version });
    await world.api(org.rep).reviews.setActionDone({ actionId: ids["Overdue but done"]!, done: true });
    // A draft the rep cannot see yet: its due action reminds nobody.
    const draft = await manager.reviews.addAction({ reviewId: (await start()).id, text: "In a draft", owner: "rep" });
    await world.db
      .update(reviewActions)
      .set({ dueOn: await day(0) })
      .where(and(eq(reviewActions.orgId, org.id), eq(reviewActions.id, draft.id)));
  });

  const reminders = () =>
    world.db
      .select({ userId: notifications.userId, kind: notifications.kind, payload: notifications.payload })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, world.org.id),
          inArray(notifications.kind, ["review_action.due_soon", "review_action.overdue"]),
        ),
      );

  it("tells each owner once: due within two days, and overdue", async () => {
    expect(await sendReviewReminders(world.db)).toBe(3);
    const sent = await reminders();
    const texts = sent.map((row) => [row.userId, row.kind, (row.payload as { text: string }).text]).sort();
    expect(texts).toEqual(
      [
        [
          world.org.manager.id,
          "review_action.due_soon",
          `Your review action “Due at the edge” is due on ${await day(DUE_SOON_DAYS)}.`,
        ],
        [world.org.rep.id, "review_action.due_soon", `Your review action “Due tomorrow” is due on ${await day(1)}.`],
        [world.org.rep.id, "review_action.overdue", `Your review action “Overdue” is overdue since ${await day(-3)}.`],
      ].sort(),
    );
    expect(sent.every((row) => (row.payload as { path: string }).path === `/reviews/${sharedReviewId}`)).toBe(true);
  });

  it("a second pass sends nothing new; an action that becomes overdue is told again, once", async () => {
    expect(await sendReviewReminders(world.db)).toBe(0);
    await world.db
      .update(reviewActions)
      .set({ dueOn: await day(-1) })
      .where(and(eq(reviewActions.orgId, world.org.id), eq(reviewActions.id, ids["Due tomorrow"]!)));
    expect(await sendReviewReminders(world.db)).toBe(1);
    expect(await sendReviewReminders(world.db)).toBe(0);
    const kinds = (await reminders()).map((row) => row.kind);
    expect(kinds.filter((kind) => kind === "review_action.overdue")).toHaveLength(2);
  });

  it("the rep sees the reminder in the bell", async () => {
    const bell = await world.api(world.org.rep).notifications.list({});
    expect(bell.items.map((item) => item.kind)).toContain("review_action.overdue");
  });
});
