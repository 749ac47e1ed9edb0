import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flattenTree, teamsWithDescendants, wouldCreateCycle, type TeamNode } from "@/server/authz/team-tree";

type NamedTeam = TeamNode & { name: string };

/**
 *   sales ─┬─ east ── boston
 *          └─ west
 *   support
 */
const tree: NamedTeam[] = [
  { id: "boston", name: "Boston", parentTeamId: "east" },
  { id: "west", name: "West", parentTeamId: "sales" },
  { id: "support", name: "Support", parentTeamId: null },
  { id: "east", name: "East", parentTeamId: "sales" },
  { id: "sales", name: "Sales", parentTeamId: null },
];

/**
 * A random forest: team i's parent is null or a team created before it (so there is never a cycle), with
 * random (possibly repeated) names, listed in a random order.
 */
const forestArb = fc
  .array(
    fc.record({
      parent: fc.option(fc.nat(), { nil: null }),
      name: fc.constantFrom("Alpha", "beta", "Gamma", "delta", "Δ", ""),
    }),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((specs) =>
    specs.map((spec, index): NamedTeam => ({
      id: `t${index}`,
      name: spec.name,
      parentTeamId: spec.parent === null || index === 0 ? null : `t${spec.parent % index}`,
    })),
  )
  .chain((teams) => fc.shuffledSubarray(teams, { minLength: teams.length, maxLength: teams.length }));

/** A forest plus one of its teams. */
const forestWithTeamArb = forestArb.chain((teams) => fc.tuple(fc.constant(teams), fc.constantFrom(...teams)));

/** Reference definition: `id` is below `rootId` when walking up the parents from `id` reaches `rootId`. */
function isDescendant(teams: readonly TeamNode[], id: string, rootId: string): boolean {
  const parentOf = new Map(teams.map((team) => [team.id, team.parentTeamId]));
  for (
    let current: string | null | undefined = id, steps = 0;
    current != null && steps <= teams.length;
    current = parentOf.get(current), steps++
  ) {
    if (current === rootId) return true;
  }
  return false;
}

/** Whether walking up from every team always ends at a root (no team is its own ancestor). */
function isAcyclic(teams: readonly TeamNode[]): boolean {
  const parentOf = new Map(teams.map((team) => [team.id, team.parentTeamId]));
  return teams.every((team) => {
    let current: string | null | undefined = team.parentTeamId;
    for (let steps = 0; current != null; steps++) {
      if (steps > teams.length) return false;
      current = parentOf.get(current);
    }
    return true;
  });
}

describe("teamsWithDescendants", () => {
  it("returns a team and every team below it", () => {
    expect(teamsWithDescendants(tree, ["sales"])).toEqual(new Set(["sales", "east", "west", "boston"]));
    expect(teamsWithDescendants(tree, ["east"])).toEqual(new Set(["east", "boston"]));
    expect(teamsWithDescendants(tree, ["boston"])).toEqual(new Set(["boston"]));
  });

  it("joins several roots", () => {
    expect(teamsWithDescendants(tree, ["east", "support"])).toEqual(new Set(["east", "boston", "support"]));
    expect(teamsWithDescendants(tree, ["sales", "east"])).toEqual(new Set(["sales", "east", "west", "boston"]));
  });

  it("is empty without roots and ignores ids that are not teams", () => {
    expect(teamsWithDescendants(tree, [])).toEqual(new Set());
    expect(teamsWithDescendants(tree, ["nope"])).toEqual(new Set());
    expect(teamsWithDescendants([], ["sales"])).toEqual(new Set());
  });

  it("terminates on corrupt data with a cycle", () => {
    const cyclic: TeamNode[] = [
      { id: "a", parentTeamId: "b" },
      { id: "b", parentTeamId: "a" },
      { id: "c", parentTeamId: "b" },
    ];
    expect(teamsWithDescendants(cyclic, ["a"])).toEqual(new Set(["a", "b", "c"]));
  });

  it("property: contains the team itself and all its children, and is closed under children", () => {
    fc.assert(
      fc.property(forestWithTeamArb, ([teams, root]) => {
        const below = teamsWithDescendants(teams, [root.id]);
        expect(below.has(root.id)).toBe(true);
        for (const team of teams) {
          if (team.parentTeamId !== null && below.has(team.parentTeamId)) expect(below.has(team.id)).toBe(true);
        }
      }),
    );
  });

  it("property: holds exactly the teams whose chain of parents reaches the root", () => {
    fc.assert(
      fc.property(forestWithTeamArb, ([teams, root]) => {
        const below = teamsWithDescendants(teams, [root.id]);
        for (const team of teams) expect(below.has(team.id)).toBe(isDescendant(teams, team.id, root.id));
      }),
    );
  });

  it("property: several roots give the union of each root's descendants", () => {
    fc.assert(
      fc.property(
        forestArb.chain((teams) => fc.tuple(fc.constant(teams), fc.subarray(teams.map((team) => team.id)))),
        ([teams, roots]) => {
          const union = new Set(roots.flatMap((root) => [...teamsWithDescendants(teams, [root])]));
          expect(teamsWithDescendants(teams, roots)).toEqual(union);
        },
      ),
    );
  });
});

describe("wouldCreateCycle", () => {
  it("refuses a team under itself or under one of its sub-teams", () => {
    expect(wouldCreateCycle(tree, "sales", "sales")).toBe(true);
    expect(wouldCreateCycle(tree, "sales", "east")).toBe(true);
    expect(wouldCreateCycle(tree, "sales", "boston")).toBe(true);
    expect(wouldCreateCycle(tree, "east", "boston")).toBe(true);
  });

  it("allows moves elsewhere, and to the top level", () => {
    expect(wouldCreateCycle(tree, "east", "west")).toBe(false);
    expect(wouldCreateCycle(tree, "boston", "sales")).toBe(false);
    expect(wouldCreateCycle(tree, "sales", "support")).toBe(false);
    expect(wouldCreateCycle(tree, "east", null)).toBe(false);
  });

  it("property: moving a team under any of its descendants (itself included) is a cycle", () => {
    fc.assert(
      fc.property(forestWithTeamArb, ([teams, team]) => {
        for (const below of teamsWithDescendants(teams, [team.id]))
          expect(wouldCreateCycle(teams, team.id, below)).toBe(true);
      }),
    );
  });

  it("property: moving a team under a non-descendant or to the top never is, and leaves a forest", () => {
    fc.assert(
      fc.property(forestWithTeamArb, ([teams, team]) => {
        const below = teamsWithDescendants(teams, [team.id]);
        const targets = [null, ...teams.map((t) => t.id).filter((id) => !below.has(id))];
        for (const parent of targets) {
          expect(wouldCreateCycle(teams, team.id, parent)).toBe(false);
          const moved = teams.map((t) => (t.id === team.id ? { ...t, parentTeamId: parent } : t));
          expect(isAcyclic(moved)).toBe(true);
        }
      }),
    );
  });
});

describe("flattenTree", () => {
  it("lists each parent followed by its sub-teams, siblings by name, with depths", () => {
    expect(flattenTree(tree).map(({ team, depth }) => [team.id, depth])).toEqual([
      ["sales", 0],
      ["east", 1],
      ["boston", 2],
      ["west", 1],
      ["support", 0],
    ]);
  });

  it("keeps the caller's objects", () => {
    const teams = [{ id: "x", name: "X", parentTeamId: null, memberCount: 3 }];
    expect(flattenTree(teams)[0]?.team).toBe(teams[0]);
  });

  it("shows a team whose parent is missing as a top-level team", () => {
    const orphaned: NamedTeam[] = [
      { id: "a", name: "A", parentTeamId: "gone" },
      { id: "b", name: "B", parentTeamId: "a" },
    ];
    expect(flattenTree(orphaned).map(({ team, depth }) => [team.id, depth])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
  });

  it("does not hide teams caught in a cycle (corrupt data)", () => {
    const cyclic: NamedTeam[] = [
      { id: "root", name: "Root", parentTeamId: null },
      { id: "a", name: "A", parentTeamId: "b" },
      { id: "b", name: "B", parentTeamId: "a" },
      { id: "c", name: "C", parentTeamId: "b" },
    ];
    const ids = flattenTree(cyclic).map(({ team }) => team.id);
    expect([...ids].sort()).toEqual(["a", "b", "c", "root"]);
  });

  it("property: returns every team exactly once, each parent before its children, depth = parent depth + 1", () => {
    fc.assert(
      fc.property(forestArb, (teams) => {
        const flat = flattenTree(teams);
        expect(flat.map(({ team }) => team.id).sort()).toEqual(teams.map((team) => team.id).sort());
        const position = new Map(flat.map(({ team }, index) => [team.id, index]));
        const depthOf = new Map(flat.map(({ team, depth }) => [team.id, depth]));
        for (const { team, depth } of flat) {
          if (team.parentTeamId === null) {
            expect(depth).toBe(0);
          } else {
            expect(position.get(team.parentTeamId)!).toBeLessThan(position.get(team.id)!);
            expect(depth).toBe(depthOf.get(team.parentTeamId)! + 1);
          }
        }
      }),
    );
  });

  it("property: a team's subtree is contiguous right after it, and siblings are sorted by name", () => {
    fc.assert(
      fc.property(forestArb, (teams) => {
        const flat = flattenTree(teams);
        flat.forEach(({ team }, index) => {
          const subtree = teamsWithDescendants(teams, [team.id]);
          const following = flat.slice(index, index + subtree.size).map((entry) => entry.team.id);
          expect(new Set(following)).toEqual(subtree);
        });
        const siblingsOf = (parent: string | null) =>
          flat.filter(({ team }) => team.parentTeamId === parent).map(({ team }) => team.name);
        for (const parent of [null, ...teams.map((team) => team.id)]) {
          const names = siblingsOf(parent);
          expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
        }
      }),
    );
  });

  it("property: on arbitrary parent links (cycles and dangling parents included) never loses or repeats a team", () => {
    const arbitraryLinks = fc
      .array(fc.option(fc.nat({ max: 50 }), { nil: null }), { minLength: 1, maxLength: 30 })
      .map((parents) =>
        parents.map((parent, index): NamedTeam => ({
          id: `t${index}`,
          name: `T${index}`,
          parentTeamId: parent === null ? null : `t${parent}`,
        })),
      );
    fc.assert(
      fc.property(arbitraryLinks, (teams) => {
        const ids = flattenTree(teams).map(({ team }) => team.id);
        expect(ids.sort()).toEqual(teams.map((team) => team.id).sort());
      }),
    );
  });
});
