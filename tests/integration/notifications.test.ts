import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { notify } from "@/server/services/notifications";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, useWorld } from "../helpers/world";

describe("notifications router", () => {
  const world = useWorld();
  const entity = { type: "review", id: "00000000-0000-4000-8000-000000000001" };
  const payload = (n: number) => ({ text: `Message ${n}`, path: `/reviews/${entity.id}` });

  beforeAll(async () => {
    // Written as the application role, the way a procedure writes them (RLS lets anyone write for a member),
    // one transaction each: now() is the transaction's time, so each gets its own.
    for (let n = 1; n <= 5; n++) {
      await withTenant(world.db, { userId: world.org.manager.id, orgId: world.org.id }, (tx) =>
        notify(tx, { orgId: world.org.id, userIds: [world.org.rep.id], kind: "test", entity, payload: payload(n) }),
      );
    }
    await withTenant(world.db, { userId: world.org.manager.id, orgId: world.org.id }, async (tx) => {
      await notify(tx, {
        orgId: world.org.id,
        userIds: [world.org.manager.id, world.org.manager.id],
        kind: "test",
        entity,
        payload: payload(99),
      });
    });
    await withTenant(world.db, { userId: world.other.admin.id, orgId: world.other.id }, (tx) =>
      notify(tx, { orgId: world.other.id, userIds: [world.other.rep.id], kind: "test", entity, payload: payload(7) }),
    );
  });

  describeOrgAccess(world, [
    { procedure: "notifications.list", call: (api) => api.notifications.list({}) },
    { procedure: "notifications.unreadCount", call: (api) => api.notifications.unreadCount() },
    { procedure: "notifications.markAllRead", call: (api) => api.notifications.markAllRead() },
  ]);

  it("a person sees only their own notifications, told once each, newest first, page by page (keyset)", async () => {
    const manager = world.api(world.org.manager);
    expect((await manager.notifications.list({})).items.map((n) => n.payload.text)).toEqual(["Message 99"]);
    const rep = world.api(world.org.rep);
    const first = await rep.notifications.list({ limit: 2 });
    expect(first.items.map((n) => n.payload.text)).toEqual(["Message 5", "Message 4"]);
    const second = await rep.notifications.list({ limit: 2, cursor: first.nextCursor });
    const third = await rep.notifications.list({ limit: 2, cursor: second.nextCursor });
    expect(second.items.map((n) => n.payload.text)).toEqual(["Message 3", "Message 2"]);
    expect(third.items.map((n) => n.payload.text)).toEqual(["Message 1"]);
    expect(third.nextCursor).toBeNull();
    expect((await world.api(world.org.viewer).notifications.list({})).items).toEqual([]);
  });

  it("row-level security hides other people's notifications even from a query that names them", async () => {
    const rows = await withTenant(world.db, { userId: world.org.manager.id, orgId: world.org.id }, (tx) =>
      selectRows<{ count: number }>(
        tx,
        sql`select count(*)::int as count from notifications where user_id = ${world.org.rep.id}`,
      ),
    );
    expect(rows[0]?.count).toBe(0);
    const updated = await withTenant(world.db, { userId: world.org.manager.id, orgId: world.org.id }, (tx) =>
      selectRows<{ id: string }>(
        tx,
        sql`update notifications set read_at = now() where user_id = ${world.org.rep.id} returning id`,
      ),
    );
    expect(updated).toEqual([]);
  });

  it("unread count, mark read (only one's own ids change) and mark all read", async () => {
    const rep = world.api(world.org.rep);
    const manager = world.api(world.org.manager);
    expect(await rep.notifications.unreadCount()).toEqual({ count: 5 });
    const [newest] = (await rep.notifications.list({ limit: 1 })).items;
    expect(await manager.notifications.markRead({ ids: [newest!.id] })).toEqual({ changed: 0 });
    expect(await rep.notifications.unreadCount()).toEqual({ count: 5 });
    expect(await rep.notifications.markRead({ ids: [newest!.id] })).toEqual({ changed: 1 });
    expect(await rep.notifications.unreadCount()).toEqual({ count: 4 });
    expect((await rep.notifications.list({ unreadOnly: true })).items).toHaveLength(4);
    expect(await rep.notifications.markAllRead()).toEqual({ changed: 4 });
    expect(await rep.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await manager.notifications.unreadCount()).toEqual({ count: 1 });
  });

  it("another organization's member sees none of this organization's notifications", async () => {
    await expectTRPCError(world.api(world.other.rep).notifications.list({}), "NOT_FOUND");
    const theirs = await world.api(world.other.rep, world.other.id).notifications.list({});
    expect(theirs.items.map((n) => n.payload.text)).toEqual(["Message 7"]);
  });

  it("markRead refuses an empty list and malformed ids (BAD_REQUEST)", async () => {
    await expectTRPCError(world.api(world.org.rep).notifications.markRead({ ids: [] }), "BAD_REQUEST");
    await expectTRPCError(world.api(world.org.rep).notifications.markRead({ ids: ["nope"] }), "BAD_REQUEST");
  });
});
