/**
 * The per-user limit of concurrent transactions (server/trpc/user-slots.ts) is one per process, not one per copy
 * of the module: Next bundles it more than once (the tRPC route, the pages' server caller).
 */
import { describe, expect, it, vi } from "vitest";

describe("user slots", () => {
  it("a user's slots are shared by every copy of the module", async () => {
    const first = await import("@/server/trpc/user-slots");
    vi.resetModules();
    const second = await import("@/server/trpc/user-slots");
    expect(second.withUserSlot).not.toBe(first.withUserSlot);

    const user = crypto.randomUUID();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = Array.from({ length: first.USER_DB_CONCURRENCY }, () => first.withUserSlot(user, () => held));
    let ran = false;
    const waiting = second.withUserSlot(user, async () => {
      ran = true;
    });
    // Every call above has reached its slot or its place in the queue once pending callbacks have run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(false);
    release();
    await Promise.all([...running, waiting]);
    expect(ran).toBe(true);
  });
});
