/**
 * How a signed-in call's statements are planned (server/db/tenant.ts, docs/performance.md "Plans for key lookups"):
 * the gate is planned once per connection in every call; a procedure marked `plans: "keyed"` plans its own
 * statements once too, every other one for their parameters on each execution. On Postgres, which counts both kinds
 * per prepared statement (pg_prepared_statements), on one connection so that every call meets the same statements.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, selectRows, type DatabaseHandle } from "@/db/client";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor } from "../helpers/fixtures";
import { useWorld } from "../helpers/world";

describe("plan modes", () => {
  const world = useWorld();
  let single: DatabaseHandle;

  beforeAll(() => {
    // One connection on Postgres; PGlite has no prepared statements of its own (its calls still must answer right).
    single = world.handle.url ? openDatabase({ url: world.handle.url, max: 1 }) : world.handle;
  });
  afterAll(async () => {
    if (single !== world.handle) await single?.close();
  });

  /** This connection's plans of the prepared statements whose text holds `marker`. */
  const plansOf = async (marker: string) => {
    const rows = await selectRows<{ generic: number; custom: number }>(
      single.db,
      sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
          where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`,
    );
    expect(rows, `one prepared statement holds ${marker}`).toHaveLength(1);
    return rows[0]!;
  };

  if (process.env.DATABASE_URL)
    it("the gate and a keyed procedure's statements are planned once; another procedure's every time", async () => {
      for (const org of [world.org, world.other, world.org]) {
        // org.current is keyed; teams.list is not.
        const caller = callerFor(single.db, org.admin, org.id);
        expect((await caller.org.current()).id).toBe(org.id);
        expect(Array.isArray(await caller.teams.list())).toBe(true);
      }
      const gate = await plansOf('as "planMode"');
      expect(gate.custom).toBe(0);
      expect(gate.generic).toBe(6);
      const keyed = await plansOf('"slug" from "organizations"');
      expect(keyed).toEqual({ generic: 3, custom: 0 });
      const other = await plansOf('"parent_team_id"');
      expect(other).toEqual({ generic: 0, custom: 3 });
    });

  it("a generic plan still reads each organization's rows only (row-level security at execution)", async () => {
    // useWorld's two organizations, alternating on the one connection.
    const named = [
      [world.org, "Initech"],
      [world.other, "Umbrella"],
    ] as const;
    for (const [org, name] of [...named, ...named]) {
      const current = await callerFor(single.db, org.admin, org.id).org.current();
      expect(current).toMatchObject({ id: org.id, name, slug: org.slug });
    }
    await expectTRPCError(callerFor(single.db, world.org.admin, world.other.id).org.current(), "NOT_FOUND");
  });
});
