/**
 * Arrangements for the account plan tests: the deals pipeline (deals-fixtures.ts) plus a plan on the rep's account
 * "Acme" created through the router (the rep is its owner), an editor and a viewer collaborator.
 */
import { beforeAll } from "vitest";
import type { Database } from "@/db/client";
import * as s from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { createUser, type TestOrg, type TestUser } from "../helpers/fixtures";
import { useWorld, type World } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

export interface PlanWorld {
  pipe: Pipeline;
  planId: string;
  /** A rep collaborating as editor, and one as viewer; `stranger` is a rep with no access. */
  editor: TestUser;
  planViewer: TestUser;
  stranger: TestUser;
}

async function addRep(db: Database, org: TestOrg, name: string): Promise<TestUser> {
  const user = await createUser(db, name);
  await db.insert(s.memberships).values({ orgId: org.id, id: crypto.randomUUID(), userId: user.id, role: "rep" });
  return user;
}

export async function seedPlanWorld(world: World): Promise<PlanWorld> {
  const pipe = await seedPipeline(world.db, world.org);
  const editor = await addRep(world.db, world.org, "Eddie Editor");
  const planViewer = await addRep(world.db, world.org, "Vera Viewer");
  const stranger = await addRep(world.db, world.org, "Stan Stranger");
  const rep = world.api(world.org.rep);
  const { id: planId } = await rep.plans.create({
    accountId: pipe.accounts.acme,
    title: "Acme joint plan",
    customerObjectives: "Cut defects by half",
  });
  await rep.plans.setCollaborator({ planId, userId: editor.id, access: "editor" });
  await rep.plans.setCollaborator({ planId, userId: planViewer.id, access: "viewer" });
  return { pipe, planId, editor, planViewer, stranger };
}

/** An id that names nothing (a well-formed UUID). */
export const ANY = "00000000-0000-4000-8000-000000000000";

/** A fresh world with the plan seeded; `w` is filled in by the beforeAll, usable inside tests and hooks. */
export function usePlanWorld() {
  const world = useWorld();
  const w = {} as PlanWorld;
  beforeAll(async () => {
    Object.assign(w, await seedPlanWorld(world));
  });
  const as = (role: Role) => world.api(world.org[role]);
  return { world, w, as };
}
