import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows } from "@/db/client";
import { teams } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { withTenant } from "@/server/db/tenant";
import { GENERIC_PLAN_MAX_TEAMS, loadHome } from "@/server/services/home";
import { useWorld } from "../helpers/world";

/**
 * How a home's figures and lists are planned (docs/performance.md "Generic plans for small homes"): once per
 * connection for one person or a small team, for their parameters for the whole organization or a large subtree.
 * Read back from the transaction the home ran in.
 */
describe("the home's plan mode", () => {
  const world = useWorld();

  async function planModeAfterHome(user: { id: string }, role: Role, teamId?: string): Promise<string> {
    const { org } = world;
    return withTenant(world.db, { userId: user.id, orgId: org.id }, async (tx) => {
      const home = await loadHome(tx, { orgId: org.id, userId: user.id, role }, teamId);
      expect(home).not.toBeNull();
      const [row] = await selectRows<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`);
      return row!.mode;
    });
  }

  it("plans a rep's home and a manager's small team once per connection", async () => {
    expect(await planModeAfterHome(world.org.rep, "rep")).toBe("force_generic_plan");
    expect(await planModeAfterHome(world.org.manager, "manager", world.org.rootTeamId)).toBe("force_generic_plan");
  });

  it("plans the whole organization's home for its parameters", async () => {
    expect(await planModeAfterHome(world.org.admin, "admin")).toBe("force_custom_plan");
  });

  it(`plans a subtree of more than ${GENERIC_PLAN_MAX_TEAMS} teams for its parameters`, async () => {
    const { db, org } = world;
    const children = Array.from({ length: GENERIC_PLAN_MAX_TEAMS - 1 }, (_, i) => ({
      orgId: org.id,
      id: crypto.randomUUID(),
      name: `Region ${i}`,
      parentTeamId: org.subTeamId,
    }));
    // The root, its sub-team and their children up to the limit: still generic; one more team passes it.
    await db.insert(teams).values(children.slice(0, GENERIC_PLAN_MAX_TEAMS - 2));
    expect(await planModeAfterHome(org.manager, "manager", org.rootTeamId)).toBe("force_generic_plan");
    await db.insert(teams).values(children.slice(GENERIC_PLAN_MAX_TEAMS - 2));
    expect(await planModeAfterHome(org.manager, "manager", org.rootTeamId)).toBe("force_custom_plan");
    // The sub-team alone is small again.
    expect(await planModeAfterHome(org.manager, "manager", org.subTeamId)).toBe("force_generic_plan");
  });
});
