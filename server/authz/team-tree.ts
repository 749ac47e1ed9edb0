/**
 * The team tree, as pure functions. Teams form a forest through `parentTeamId`; a manager sees the teams
 * they manage and all of their sub-teams.
 */
import type { Role } from "./permissions";

export interface TeamNode {
  id: string;
  parentTeamId: string | null;
}

function childrenIndex(teams: readonly TeamNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const team of teams) {
    if (team.parentTeamId === null) continue;
    const list = children.get(team.parentTeamId) ?? [];
    list.push(team.id);
    children.set(team.parentTeamId, list);
  }
  return children;
}

/** The given teams and every team below them. Ids that are not in `teams` are ignored. */
export function teamsWithDescendants(teams: readonly TeamNode[], rootIds: Iterable<string>): Set<string> {
  const known = new Set(teams.map((team) => team.id));
  const children = childrenIndex(teams);
  const seen = new Set<string>();
  const stack = [...rootIds].filter((id) => known.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue; // tolerate a corrupt cycle instead of looping forever
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return seen;
}

/** Whether making `newParentId` the parent of `teamId` would close a cycle (a team under itself). */
export function wouldCreateCycle(teams: readonly TeamNode[], teamId: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  return teamsWithDescendants(teams, [teamId]).has(newParentId);
}

export interface TeamTreeNode<T extends TeamNode> {
  team: T;
  depth: number;
}

/** Teams in display order: each parent followed by its sub-teams, siblings by name. */
export function flattenTree<T extends TeamNode & { name: string }>(teams: readonly T[]): TeamTreeNode<T>[] {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const children = new Map<string | null, T[]>();
  for (const team of teams) {
    // A parent that is missing (or a cycle) would hide the team: show it as a root instead.
    const parent = team.parentTeamId !== null && byId.has(team.parentTeamId) ? team.parentTeamId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const out: TeamTreeNode<T>[] = [];
  const placed = new Set<string>();
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  const place = (team: T, depth: number) => {
    if (placed.has(team.id)) return;
    placed.add(team.id);
    out.push({ team, depth });
    for (const child of [...(children.get(team.id) ?? [])].sort(byName)) place(child, depth + 1);
  };
  for (const team of [...(children.get(null) ?? [])].sort(byName)) place(team, 0);
  // Teams in a cycle are unreachable from the roots: show each one left over as a root too.
  for (const team of [...teams].sort(byName)) place(team, 0);
  return out;
}

/**
 * Which teams' records a member may read (DESIGN.md "Roles and visibility"): admins everything; managers
 * the teams they manage and all sub-teams (plus teams they sit in); viewers the teams they belong to and
 * their sub-teams (a viewer placed in "Sales" reads all of Sales); reps the teams they sit in.
 */
export type TeamScope = { kind: "all" } | { kind: "teams"; teamIds: string[] };

/** The member's team scope from the organization's team tree (or the part at or under their seats) and their seats. */
export function scopeFromTree(
  role: Role,
  tree: readonly { id: string; parentTeamId: string | null }[],
  seats: readonly { teamId: string; isManager: boolean }[],
): TeamScope {
  if (role === "admin") return { kind: "all" };
  const roots =
    role === "viewer"
      ? seats.map((seat) => seat.teamId)
      : role === "manager"
        ? seats.filter((seat) => seat.isManager).map((seat) => seat.teamId)
        : [];
  const visible = teamsWithDescendants(tree, roots);
  for (const seat of seats) visible.add(seat.teamId);
  return { kind: "teams", teamIds: [...visible] };
}
