/** The demo's users, memberships, teams and team members. */
import { PEOPLE, TEAMS, type DemoPerson, type TeamKey } from "./seed-data-people";
import { uuid } from "./seed-random";
import type { Demo, People } from "./seed-rows";

export function buildPeople({ orgId, rows }: Demo, passwordHash: string): People {
  const userId = new Map<string, string>();
  const membershipId = new Map<string, string>();
  for (const p of PEOPLE) {
    const id = uuid();
    userId.set(p.key, id);
    rows.users.push({ id, email: p.email.toLowerCase(), name: p.name, passwordHash });
    const mId = uuid();
    membershipId.set(p.key, mId);
    rows.memberships.push({ orgId, id: mId, userId: id, role: p.role, status: "active" });
  }
  const user = (key: string): string => {
    const id = userId.get(key);
    if (!id) throw new Error(`unknown demo person ${key}`);
    return id;
  };
  const person = (key: string): DemoPerson => {
    const p = PEOPLE.find((x) => x.key === key);
    if (!p) throw new Error(`unknown demo person ${key}`);
    return p;
  };

  const teamId = new Map<TeamKey, string>();
  for (const t of TEAMS) teamId.set(t.key, uuid());
  const team = (key: TeamKey): string => {
    const id = teamId.get(key);
    if (!id) throw new Error(`unknown team ${key}`);
    return id;
  };
  // TEAMS lists parents before children, so one insert satisfies the self-reference.
  for (const t of TEAMS)
    rows.teams.push({ orgId, id: team(t.key), name: t.name, parentTeamId: t.parent ? team(t.parent) : null });
  for (const p of PEOPLE) {
    for (const m of p.teams)
      rows.teamMembers.push({ orgId, teamId: team(m.team), userId: user(p.key), isManager: m.isManager });
  }

  const reps = PEOPLE.filter((p) => p.role === "rep");
  const homeTeam = (p: DemoPerson): TeamKey => {
    const first = p.teams[0];
    if (!first) throw new Error(`${p.key} has no team`);
    return first.team;
  };
  const repsByTeam = new Map<TeamKey, DemoPerson[]>();
  for (const r of reps) repsByTeam.set(homeTeam(r), [...(repsByTeam.get(homeTeam(r)) ?? []), r]);
  return { user, person, team, homeTeam, reps, repsByTeam, membershipId };
}
