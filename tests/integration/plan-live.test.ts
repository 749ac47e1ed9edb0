import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { MAX_STREAMS_PER_USER, type LiveEvent } from "@/server/services/plan-live";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, type TestUser } from "../helpers/fixtures";
import { describeOrgAccess, useWorld, type Caller } from "../helpers/world";
import { seedPlanWorld, type PlanWorld } from "./plans-fixtures";

type Tracked = { id: string; data: LiveEvent };
/** The server-side caller yields tracked events as tRPC's envelope `[id, data, marker]`; HTTP clients get `{ id, data }`. */
type Envelope = [string, LiveEvent, unknown];

/** Reads a live stream: `until` waits for the first event matching, keeping what came before. */
async function watch(api: Caller, planId: string, lastEventId?: string) {
  const iterable = (await api.planLive.watch({ planId, lastEventId })) as AsyncIterable<Envelope>;
  const iterator = iterable[Symbol.asyncIterator]();
  const seen: Tracked[] = [];
  return {
    seen,
    async until(match: (event: LiveEvent) => boolean): Promise<Tracked> {
      for (;;) {
        const next = await iterator.next();
        if (next.done) throw new Error("the stream ended");
        const [id, data] = next.value;
        seen.push({ id, data });
        if (match(data)) return { id, data };
      }
    },
    close: () => iterator.return?.(),
  };
}

const isChange = (action: string) => (event: LiveEvent) => event.kind === "change" && event.action === action;
const viewerNames = (event: LiveEvent) => (event.kind === "presence" ? event.viewers.map((v) => v.name) : []);

describe("live plan streams", () => {
  const world = useWorld();
  let w: PlanWorld;
  beforeAll(async () => {
    w = await seedPlanWorld(world);
  });
  const as = (user: TestUser) => world.api(user);

  describeOrgAccess(world, [{ procedure: "planLive.watch", call: (api) => api.planLive.watch({ planId: w.planId }) }]);

  it("a member without access to the plan → NOT_FOUND, before any stream opens", async () => {
    await expectTRPCError(as(w.stranger).planLive.watch({ planId: w.planId }), "NOT_FOUND");
  });

  it("delivers a collaborator's change to another viewer, after `sync`", async () => {
    const stream = await watch(as(w.planViewer), w.planId);
    await stream.until((event) => event.kind === "sync");
    const { id } = await as(w.editor).planSteps.add({ planId: w.planId, title: "Security review", side: "us" });
    const change = await stream.until(isChange("plan.step_added"));
    expect(change.data).toMatchObject({ kind: "change", planId: w.planId, actorId: w.editor.id, replayed: false });
    expect(change.id).toBe(change.data.kind === "change" ? change.data.id : "");
    await stream.close();
    expect(id).toBeTruthy();
  });

  it("delivers a change of the plan's title and customer objectives to another viewer", async () => {
    const stream = await watch(as(w.planViewer), w.planId);
    await stream.until((event) => event.kind === "sync");
    const { version } = await as(w.editor).plans.get({ planId: w.planId });
    await as(w.editor).plans.update({ planId: w.planId, version, title: "Renamed", customerObjectives: "Go live" });
    const change = await stream.until(isChange("plan.updated"));
    expect(change.data).toMatchObject({ kind: "change", planId: w.planId, actorId: w.editor.id, replayed: false });
    await stream.close();
    expect(await as(w.planViewer).plans.get({ planId: w.planId })).toMatchObject({
      title: "Renamed",
      customerObjectives: "Go live",
    });
  });

  it("shows who else is viewing, and drops them when they leave", async () => {
    const mine = await watch(as(world.org.rep), w.planId);
    const theirs = await watch(as(w.editor), w.planId);
    await theirs.until((event) => event.kind === "sync");
    await mine.until((event) => viewerNames(event).includes("Eddie Editor"));
    await theirs.close();
    await mine.until((event) => event.kind === "presence" && !viewerNames(event).includes("Eddie Editor"));
    await mine.close();
  });

  it("a reconnect replays the changes missed since the last event id, then syncs", async () => {
    const first = await watch(as(w.planViewer), w.planId);
    await first.until((event) => event.kind === "sync");
    await as(w.editor).planSteps.add({ planId: w.planId, title: "Kick-off", side: "customer" });
    const last = await first.until(isChange("plan.step_added"));
    await first.close();
    await as(w.editor).planSteps.add({ planId: w.planId, title: "Missed one", side: "us" });
    await as(world.org.rep).planProblems.add({ planId: w.planId, problem: "Missed two" });
    const again = await watch(as(w.planViewer), w.planId, last.id);
    await again.until((event) => event.kind === "sync");
    const replayed = again.seen.filter((event) => event.data.kind === "change").map((event) => event.data);
    expect(replayed.map((event) => (event.kind === "change" ? [event.action, event.replayed] : null))).toEqual([
      ["plan.step_added", true],
      ["plan.problem_added", true],
    ]);
    await again.close();
  });

  it(`refuses more than ${MAX_STREAMS_PER_USER} streams per person on one instance`, async () => {
    const open = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_USER }, () => watch(as(world.org.admin), w.planId)),
    );
    // A stream counts from the moment it starts until it is closed.
    await Promise.all(open.map((stream) => stream.until((event) => event.kind === "sync")));
    await expectTRPCError(as(world.org.admin).planLive.watch({ planId: w.planId }), "TOO_MANY_REQUESTS");
    await Promise.all(open.map((stream) => stream.close()));
    const after = await watch(as(world.org.admin), w.planId);
    await after.until((event) => event.kind === "sync");
    await after.close();
  });
});

// Two app instances on one Postgres: each has its own pool and LISTEN connection (PGlite is one process only).
if (process.env.DATABASE_URL) {
  describe("live plan streams across two instances on one Postgres", () => {
    const world = useWorld();
    let w: PlanWorld;
    let second: DatabaseHandle;
    beforeAll(async () => {
      w = await seedPlanWorld(world);
      second = openDatabase({ url: world.handle.url, max: 2 });
    });
    afterAll(async () => {
      await second?.close();
    });

    it("an edit through one instance reaches a subscriber of the other", async () => {
      const onSecond = callerFor(second.db, w.planViewer, world.org.id);
      const stream = await watch(onSecond, w.planId);
      await stream.until((event) => event.kind === "sync");
      const started = performance.now();
      await world.api(w.editor).planSteps.add({ planId: w.planId, title: "Across instances", side: "us" });
      await stream.until(isChange("plan.step_added"));
      console.info(`[plan-live] cross-instance delivery: ${Math.round(performance.now() - started)} ms`);
      await stream.close();
    });
  });
}
