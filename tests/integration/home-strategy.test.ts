import fc from "fast-check";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { strategies } from "@/db/schema";
import { currentStrategyId, todayUtc } from "@/server/domain/strategy-rules";
import { loadStrategy } from "@/server/services/strategies";
import { useWorld } from "../helpers/world";
import { DEMO_OBJECTIVES, insertStrategy } from "./alignment-fixtures";

/**
 * The home reads the strategies it picks from with its context (server/services/home.ts): the active ones and the
 * archived ones that ended last, not every strategy. Whatever the organization's strategies, the home shows the
 * one currentStrategyId picks from all of them, with loadStrategy's objectives.
 */
const DAY = 86_400_000;
const STATUSES = ["draft", "active", "archived"] as const;

describe("home.get's strategy", () => {
  const world = useWorld();
  const dayFromToday = (offset: number) => new Date(Date.parse(todayUtc()) + offset * DAY).toISOString().slice(0, 10);
  // Few distinct dates, so that equal starts and ends (ties) come up.
  const strategySpec = fc.record({
    status: fc.constantFrom(...STATUSES),
    start: fc.constantFrom(-400, -200, -30, 0, 20),
    length: fc.constantFrom(0, 30, 200),
  });

  it("is the one currentStrategyId picks among all the organization's strategies, ties included", async () => {
    const { db, org } = world;
    await fc.assert(
      fc.asyncProperty(fc.array(strategySpec, { maxLength: 5 }), async (specs) => {
        await db.delete(strategies).where(eq(strategies.orgId, org.id));
        for (const [i, spec] of specs.entries()) {
          await insertStrategy(db, org.id, {
            name: `S${i}`,
            status: spec.status,
            startsOn: dayFromToday(spec.start),
            endsOn: dayFromToday(spec.start + spec.length),
            objectives: DEMO_OBJECTIVES.slice(0, 1 + (i % DEMO_OBJECTIVES.length)),
          });
        }
        const all = await db.select().from(strategies).where(eq(strategies.orgId, org.id));
        const picked = currentStrategyId(all, todayUtc());
        const home = await world.api(org.admin).home.get();
        if (picked === null) {
          expect(home.strategy).toBeNull();
          return;
        }
        // Strategies alike in status and dates are equally good picks: the order among them is not defined.
        const alike = (id: string) => {
          const s = all.find((x) => x.id === id)!;
          return `${s.status} ${s.startsOn} ${s.endsOn}`;
        };
        expect(home.strategy).not.toBeNull();
        expect(alike(home.strategy!.id)).toBe(alike(picked));
        const detail = (await loadStrategy(db, org.id, home.strategy!.id))!;
        expect(home.strategy).toEqual({
          id: detail.id,
          name: detail.name,
          startsOn: detail.startsOn,
          endsOn: detail.endsOn,
          objectives: detail.objectives.map(({ id, title, weight }) => ({ id, title, weight })),
        });
      }),
      { numRuns: 25 },
    );
  });
});
