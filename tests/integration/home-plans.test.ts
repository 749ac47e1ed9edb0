import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows } from "@/db/client";
import { teams } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { withTenant, type PlanMode } from "@/server/db/tenant";
import { GENERIC_PLAN_MAX_TEAMS, loadHome } from "@/server/services/home";
import { useWorld } from "../helpers/world";

/**
 * How a home's figures and lists are planned (docs/performance.md "Generic plans for small homes"): once per
 * connection for one person or a small team, for their parameters for the whole organization or a large subtree.
 * Read back from the transaction the home ran in, which starts in the other mode.
 */
describe("the home's plan mode", () => {
  const world = useWorld();

  /** The mode the home leaves, in a transaction that starts in the other one (so that the home must have set it). */
  async function expectHomePlans(user: { id: string }, role: Role, teamId: string | undefined, expected: PlanMode) {
    const { org } = world;
    const plans: PlanMode = expected === "generic" ? "custom" : "generic";
    const mode = await withTenant(world.db, { userId: user.id, orgId: org.id, plans }, async (tx) => {
      const home = await loadHome(tx, { orgId: org.id, userId: user.id, role }, teamId);
      expect(home).not.toBeNull();
      const [row] = await selectRows<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`);
      return row!.mode;
    });
    expect(mode).toBe(expected === "generic" ? "force_generic_plan" : "force_custom_plan");
  }

  it("plans a rep's home and a manager's small team once per connection", async () => {
    await expectHomePlans(world.org.rep, "rep", undefined, "generic");
    await expectHomePlans(world.org.manager, "manager", world.org.rootTeamId, "generic");
  });

  it("plans the whole organization's home for its parameters", async () => {
    await expectHomePlans(world.org.admin, "admin", undefined, "custom");
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
    await expectHomePlans(org.manager, "manager", org.rootTeamId, "generic");
    await db.insert(teams).values(children.slice(GENERIC_PLAN_MAX_TEAMS - 2));
    await expectHomePlans(org.manager, "manager", org.rootTeamId, "custom");
    // The sub-team alone is small again.
    await expectHomePlans(org.manager, "manager", org.subTeamId, "generic");
  });
});
