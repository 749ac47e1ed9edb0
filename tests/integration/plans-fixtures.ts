/**
 * Arrangements for the account plan tests: the deals pipeline (deals-fixtures.ts) plus a plan on the rep's account
 * "Acme" created through the router (the rep is its owner), an editor and a viewer collaborator.
 */
import type { Database } from "@/db/client";
import * as s from "@/db/schema";
import { createUser, type TestOrg, type TestUser } from "../helpers/fixtures";
import type { World } from "../helpers/world";
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
