/**
 * Strategy and goal writes through the REST API (docs/api.md): the strategy editor's life cycle (create → save
 * with a stale version (409) → activate → duplicate → delete the draft) and the key creator's goals (create →
 * save → stale save (409) → delete), each audited as api.write; a read key is refused (403) and another
 * person's goal is not found (404), as in the app.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, goals } from "@/db/schema";
import { createKey, rest } from "../helpers/rest";
import { useWorld } from "../helpers/world";

describe("REST API: strategies and goals", () => {
  const world = useWorld();
  const period = { name: "FY2031", startsOn: "2031-01-01", endsOn: "2031-12-31" };

  it("runs a strategy's life cycle and the creator's goals, audited with the key", async () => {
    const { key: readKey } = await createKey(world.db, world.org.admin, world.org.id, "read");
    expect((await rest(world.db, readKey, "POST", "/strategies", period)).status).toBe(403);

    const { id: keyId, key } = await createKey(world.db, world.org.admin, world.org.id, "write");
    const created = await rest(world.db, key, "POST", "/strategies", period);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: "draft", version: 1, objectives: [] });
    const strategyId = created.body.id as string;

    const objectives = [
      { title: "Win manufacturing", weight: 60, focus: [{ dimension: "industry", value: "Manufacturing" }] },
      { title: "Grow renewals", weight: 40 },
    ];
    const saved = await rest(world.db, key, "PUT", `/strategies/${strategyId}`, { ...period, version: 1, objectives });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await rest(world.db, key, "PUT", `/strategies/${strategyId}`, {
      ...period,
      version: 1,
      objectives: [],
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toContain("Win manufacturing");

    const active = await rest(world.db, key, "POST", `/strategies/${strategyId}/activate`, { version: 2 });
    expect(active.status).toBe(200);
    expect(active.body.status).toBe("active");
    const [objective] = active.body.objectives as { id: string }[];

    const copy = await rest(world.db, key, "POST", `/strategies/${strategyId}/duplicate`, {
      name: "FY2032",
      startsOn: "2032-01-01",
      endsOn: "2032-12-31",
    });
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ status: "draft", objectives: [{ title: "Win manufacturing" }, {}] });
    const copyId = copy.body.id as string;
    // A draft is strategy.manage's to see: the write key reads it, a read key neither reads nor lists it.
    expect((await rest(world.db, key, "GET", `/strategies/${copyId}`)).status).toBe(200);
    expect((await rest(world.db, readKey, "GET", `/strategies/${copyId}`)).status).toBe(404);
    const listed = await rest(world.db, readKey, "GET", "/strategies");
    expect(JSON.stringify(listed.body)).not.toContain(copyId);
    expect(JSON.stringify(listed.body)).toContain(strategyId);
    expect((await rest(world.db, key, "DELETE", `/strategies/${copyId}?version=1`)).status).toBe(200);
    expect((await rest(world.db, key, "GET", `/strategies/${copyId}`)).status).toBe(404);

    // Goals are the key creator's own.
    const goal = await rest(world.db, key, "POST", `/strategies/${strategyId}/goals`, {
      category: "account",
      title: "Land two plants",
      visibility: "team",
      links: [{ objectiveId: objective!.id, strength: 3 }],
    });
    expect(goal.status).toBe(200);
    const goalId = goal.body.id as string;
    expect(goal.body).toMatchObject({ userId: world.org.admin.id, version: 1 });
    const goalInput = { category: "account", title: "Land three plants", visibility: "team", version: 1 };
    const goalSaved = await rest(world.db, key, "PUT", `/goals/${goalId}`, goalInput);
    expect(goalSaved.status).toBe(200);
    expect(goalSaved.body).toMatchObject({ title: "Land three plants", version: 2, links: [] });
    expect((await rest(world.db, key, "PUT", `/goals/${goalId}`, goalInput)).status).toBe(409);

    // Another person's goal: not found, as in the app (goals are written only by their owner).
    const repGoalId = crypto.randomUUID();
    await world.db.insert(goals).values({
      orgId: world.org.id,
      id: repGoalId,
      userId: world.org.rep.id,
      strategyId,
      category: "skill",
      title: "Rep's own",
    });
    expect((await rest(world.db, key, "DELETE", `/goals/${repGoalId}`)).status).toBe(404);
    expect((await rest(world.db, key, "DELETE", `/goals/${goalId}`)).status).toBe(200);

    const audited = await world.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api.write"), eq(auditEvents.entityId, keyId)))
      .orderBy(auditEvents.at, auditEvents.id);
    expect(audited.map((event) => (event.after as { procedure: string }).procedure).sort()).toEqual(
      [
        "goals.create",
        "goals.delete",
        "goals.update",
        "strategy.activate",
        "strategy.create",
        "strategy.delete",
        "strategy.duplicate",
        "strategy.update",
      ].sort(),
    );
  });
});
