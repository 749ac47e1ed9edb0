/** Builders for integration tests: organizations with one member per role, and callers acting as them. */
import type { Database } from "@/db/client";
import { memberships, organizations, teamMembers, teams, users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import type { Role } from "@/server/authz/permissions";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(
  db: Database,
  name: string,
  email = `${name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@example.test`,
) {
  const id = crypto.randomUUID();
  await db.insert(users).values({ id, email, name, passwordHash: await testPasswordHash() });
  return { id, email, name };
}

export type TestUser = Awaited<ReturnType<typeof createUser>>;

export interface TestOrg {
  id: string;
  slug: string;
  admin: TestUser;
  manager: TestUser;
  rep: TestUser;
  viewer: TestUser;
  /** A root team managed by `manager`, with `rep` and `viewer` in its sub-team. */
  rootTeamId: string;
  subTeamId: string;
}

/** An organization with one member of each role and a two-level team tree. */
export async function createOrg(db: Database, name: string): Promise<TestOrg> {
  const id = crypto.randomUUID();
  const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${id.slice(0, 8)}`;
  await db.insert(organizations).values({ id, name, slug });
  const people = {} as Record<Role, TestUser>;
  for (const role of ["admin", "manager", "rep", "viewer"] as const) {
    const user = await createUser(db, `${name} ${role}`);
    await db.insert(memberships).values({ orgId: id, id: crypto.randomUUID(), userId: user.id, role });
    people[role] = user;
  }
  const rootTeamId = crypto.randomUUID();
  const subTeamId = crypto.randomUUID();
  await db.insert(teams).values([
    { orgId: id, id: rootTeamId, name: `${name} Sales`, parentTeamId: null },
    { orgId: id, id: subTeamId, name: `${name} East`, parentTeamId: rootTeamId },
  ]);
  await db.insert(teamMembers).values([
    { orgId: id, teamId: rootTeamId, userId: people.manager.id, isManager: true },
    { orgId: id, teamId: subTeamId, userId: people.rep.id, isManager: false },
    { orgId: id, teamId: subTeamId, userId: people.viewer.id, isManager: false },
  ]);
  return { id, slug, ...people, rootTeamId, subTeamId };
}

/** A tRPC caller as `user` (or signed out), acting in `orgId` when given, in session `sessionId`. */
export function callerFor(
  db: Database,
  user: { id: string } | null,
  orgId?: string,
  sessionVersion = 1,
  sessionId: string = crypto.randomUUID(),
) {
  const headers = new Headers();
  if (orgId) headers.set(ORG_HEADER, orgId);
  return createCaller(
    createContext({ db, session: user ? { userId: user.id, sessionVersion, sessionId } : null, headers }),
  );
}
