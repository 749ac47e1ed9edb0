/**
 * The world of the alignment router tests (team view, heat map, pipeline mix):
 *
 * Initech:  Sales (managed by `manager`; rep2 sits here) ─ East (rep, viewer; managed by eastLead)
 *           Outside (rep3)
 * Strategy: manufacturing 40 · healthcare 25 · fleet 20 · EMEA 15 (the demo's focus rules).
 *
 * Ids are known before the rows exist (the members are filled in by the beforeAll), so tests may close over them.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { dealObjectives, memberships, teams } from "@/db/schema";
import { useWorld } from "../helpers/world";
import {
  DEMO_OBJECTIVES,
  insertAccount,
  insertDeal,
  insertGoal,
  insertMember,
  insertStrategy,
} from "./alignment-fixtures";

export function useTeamAlignmentWorld() {
  const world = useWorld();
  const strategyId = crypto.randomUUID();
  const objectiveIds = DEMO_OBJECTIVES.map(() => crypto.randomUUID());
  const [mfg, health, fleet, emea] = objectiveIds;
  const rep2 = { id: "" };
  const rep3 = { id: "" };
  const eastLead = { id: "" };
  const outsideTeamId = crypto.randomUUID();

  beforeAll(async () => {
    const db = world.db;
    const org = world.org;
    await insertStrategy(db, org.id, {
      id: strategyId,
      objectives: DEMO_OBJECTIVES.map((objective, i) => ({ ...objective, id: objectiveIds[i] })),
    });
    await db.insert(teams).values({ orgId: org.id, id: outsideTeamId, name: "Outside", parentTeamId: null });
    Object.assign(rep2, await insertMember(db, org.id, "Second Rep", "rep", { teamId: org.rootTeamId }));
    Object.assign(rep3, await insertMember(db, org.id, "Third Rep", "rep", { teamId: outsideTeamId }));
    Object.assign(
      eastLead,
      await insertMember(db, org.id, "East Lead", "manager", { teamId: org.subTeamId, isManager: true }),
    );
    const gone = await insertMember(db, org.id, "Gone Rep", "rep", { teamId: org.subTeamId });
    await db
      .update(memberships)
      .set({ status: "deactivated" })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, gone.id)));

    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Close $1M",
      category: "quota",
      unit: "USD",
      target: "1000000",
      visibility: "manager",
      links: [
        [mfg!, 2],
        [emea!, 1],
      ],
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Win two hospitals",
      category: "account",
      visibility: "team",
      links: [[health!, 3]],
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Make senior AE",
      category: "promotion",
      visibility: "private",
    });
    await insertGoal(db, org.id, {
      userId: org.rep.id,
      strategyId,
      title: "Side project",
      category: "other",
      visibility: "manager",
    });
    await insertGoal(db, org.id, {
      userId: rep2.id,
      strategyId,
      title: "Attach Fleet Analytics",
      category: "other",
      visibility: "team",
      links: [[fleet!, 3]],
    });
    await insertGoal(db, org.id, {
      userId: rep3.id,
      strategyId,
      title: "Far away",
      visibility: "team",
      links: [[mfg!, 3]],
    });

    const mfgNa = await insertAccount(db, org.id, { industry: "Manufacturing", segment: "Enterprise", region: "NA" });
    const mfgEmea = await insertAccount(db, org.id, {
      industry: "manufacturing",
      segment: "ENTERPRISE",
      region: "EMEA",
    });
    const retail = await insertAccount(db, org.id, { industry: "Retail", segment: "SMB", region: "NA" });
    const hospital = await insertAccount(db, org.id, { industry: "Healthcare", segment: "Mid-Market", region: "NA" });
    await insertDeal(db, org.id, { accountId: mfgNa, ownerId: org.rep.id, amount: "600.00", product: "Vision QA" }); // mfg
    await insertDeal(db, org.id, {
      accountId: mfgEmea,
      ownerId: org.rep.id,
      amount: "300.00",
      product: "Fleet Analytics",
    }); // mfg + fleet + EMEA: 100 each
    await insertDeal(db, org.id, {
      accountId: retail,
      ownerId: org.rep.id,
      amount: "100.00",
      product: "Robotic Picking",
    }); // no objective
    const linked = await insertDeal(db, org.id, {
      accountId: retail,
      ownerId: org.rep.id,
      amount: "200.00",
      stage: "negotiation",
      product: "Robotic Picking",
    }); // explicit link to healthcare
    await db.insert(dealObjectives).values({ orgId: org.id, dealId: linked, objectiveId: health! });
    await insertDeal(db, org.id, {
      accountId: mfgNa,
      ownerId: org.rep.id,
      amount: "9999.00",
      stage: "closed_won",
      product: "Vision QA",
    }); // not open
    await insertDeal(db, org.id, {
      accountId: mfgNa,
      ownerId: org.rep.id,
      amount: "8888.00",
      stage: "disqualified",
      product: "Vision QA",
    }); // not open
    await insertDeal(db, org.id, { accountId: hospital, ownerId: rep2.id, amount: "400.00", product: "Service Cloud" }); // healthcare
    await insertDeal(db, org.id, { accountId: mfgNa, ownerId: rep3.id, amount: "5000.00", product: "Vision QA" }); // outside the team

    // Another organization's rep, goals and deals must never show up.
    const theirs = await insertStrategy(db, world.other.id, { objectives: DEMO_OBJECTIVES });
    await insertGoal(db, world.other.id, {
      userId: world.other.rep.id,
      strategyId: theirs.id,
      title: "Umbrella goal",
      visibility: "team",
      links: [[theirs.objectiveIds[0]!, 3]],
    });
    const theirAccount = await insertAccount(db, world.other.id, { industry: "Manufacturing", segment: "Enterprise" });
    await insertDeal(db, world.other.id, { accountId: theirAccount, ownerId: world.other.rep.id, amount: "77777.00" });
  });

  /** The team view of `teamId` for the active strategy, as `user`. */
  const teamView = (user: { id: string }, teamId: string) =>
    world.api(user).alignment.teamHeatmap({ strategyId, teamId });
  return { world, strategyId, mfg, health, fleet, emea, rep2, rep3, eastLead, outsideTeamId, teamView };
}
