import fc from "fast-check";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teamMembers, teams } from "@/db/schema";
import { flattenTree, scopeFromTree, type TeamNode } from "@/server/authz/team-tree";
import { withTenantAndFirst } from "@/server/db/tenant";
import { teamScope } from "@/server/services/scope";
import { gateStatement } from "@/server/trpc/init";
import { useWorld } from "../helpers/world";

/**
 * Callers other than admins read only the teams at or under their seats (atOrUnderSeats in server/services/scope.ts),
 * not the whole tree. Whatever the tree and the seats: teamScope, and the scope orgProcedure makes of the gate's
 * teams, answer what scopeFromTree gives on the whole tree; a manager's or viewer's home picker is that scope's teams
 * in flattenTree's order, with depths and names.
 */
describe("the tree under a caller's seats", () => {
  const world = useWorld();
  // Few names, so that siblings of the same name (ties) come up.
  const treeSpec = fc.array(
    fc.record({ parent: fc.option(fc.nat(), { nil: null }), name: fc.constantFrom("North", "South", "East") }),
    { minLength: 1, maxLength: 9 },
  );
  const seatSpec = fc.array(fc.record({ team: fc.nat(), isManager: fc.boolean() }), { maxLength: 3 });

  it("gives the scope and the home's team picker the whole tree gives", async () => {
    const { db, org } = world;
    const created: string[] = [];
    await fc.assert(
      fc.asyncProperty(treeSpec, seatSpec, fc.constantFrom("manager", "viewer", "rep"), async (tree, seats, role) => {
        const user = { manager: org.manager, viewer: org.viewer, rep: org.rep }[role];
        await db.delete(teamMembers).where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, user.id)));
        if (created.length > 0) await db.delete(teams).where(inArray(teams.id, created.splice(0)));
        // Each team's parent is an earlier one of the new teams (or the organization's root team, or none).
        for (const [i, spec] of tree.entries()) {
          const parent = spec.parent === null ? null : spec.parent % (i + 1);
          const parentTeamId = parent === null ? null : parent === i ? org.rootTeamId : created[parent]!;
          const id = crypto.randomUUID();
          await db.insert(teams).values({ orgId: org.id, id, name: spec.name, parentTeamId });
          created.push(id);
        }
        const seatRows = new Map(seats.map((s) => [created[s.team % created.length]!, s.isManager]));
        for (const [teamId, isManager] of seatRows) {
          await db.insert(teamMembers).values({ orgId: org.id, teamId, userId: user.id, isManager });
        }
        const whole = await db
          .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
          .from(teams)
          .where(eq(teams.orgId, org.id))
          .orderBy(asc(teams.name), asc(teams.id));
        const seatList = [...seatRows].map(([teamId, isManager]) => ({ teamId, isManager }));
        const scope = scopeFromTree(role, whole, seatList);
        const inScope = new Set(scope.kind === "all" ? whole.map((t) => t.id) : scope.teamIds);
        const expected = flattenTree(whole.filter((t) => inScope.has(t.id))).map(({ team, depth }) => ({
          id: team.id,
          name: team.name,
          depth,
        }));
        const read = await teamScope(db, org.id, user.id, role);
        expect(read.kind === "teams" && new Set(read.teamIds)).toEqual(inScope);
        // What orgProcedure makes of the gate's teams.
        const gated = await withTenantAndFirst(
          db,
          { userId: user.id, orgId: org.id },
          (setPlanMode) => gateStatement(user.id, null, org.id, setPlanMode),
          async (_tx, rows: { teams: { tree: TeamNode[]; seats: typeof seatList } | null }[]) => rows[0]!.teams!,
        );
        const fromGate = scopeFromTree(role, gated.tree, gated.seats);
        expect(fromGate.kind === "teams" && new Set(fromGate.teamIds)).toEqual(inScope);
        // A rep's home has no team picker.
        const home = await world.api(user).home.get();
        expect(home.teams).toEqual(role === "rep" ? [] : expected);
      }),
      { numRuns: 30 },
    );
  });
});
