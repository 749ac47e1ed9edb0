/**
 * Live collaboration on account plans (docs/plans.md): every change of a plan is announced with Postgres
 * NOTIFY inside the change's transaction (so it goes out only if it commits), and every app instance on the
 * database LISTENs and hands it to the plan's subscribers it serves. Presence (who is viewing) travels the
 * same way: each instance announces its viewers of a plan when they come and go and on a heartbeat.
 * PGlite has its own listen/notify, so the embedded database behaves the same within its one instance.
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { handleOf, type Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/server/domain/errors";
import { announce, PRESENCE_HEARTBEAT_MS, viewersAt, type Announcement, type Viewer } from "@/server/domain/presence";
import type { Actor } from "@/server/authz/actor";
import { withTenant } from "@/server/db/tenant";
import { eventQueue } from "./event-queue";

const CHANGES_CHANNEL = "tandem_plan_changes";
const PRESENCE_CHANNEL = "tandem_plan_presence";

/** Live streams one person may hold open on one instance (each is an open HTTP connection). */
export const MAX_STREAMS_PER_USER = 20;
/** Missed changes replayed on reconnect; a longer gap is covered by the `sync` event alone. */
const REPLAY_LIMIT = 200;

/** The audit log's entity type of a plan: every change of a plan or of its parts is recorded against the plan. */
export const PLAN_ENTITY_TYPE = "account_plan";

/** The plan's entries in the audit log (its history), narrowed by `more`. */
export function planEvents(orgId: string, planId: string, ...more: (SQL | undefined)[]) {
  return and(
    eq(auditEvents.orgId, orgId),
    eq(auditEvents.entityType, PLAN_ENTITY_TYPE),
    eq(auditEvents.entityId, planId),
    ...more,
  );
}

const changeSchema = z.object({
  id: z.string(),
  planId: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  at: z.string(),
});
export type PlanChange = z.infer<typeof changeSchema>;

const presenceSchema = z.object({
  instanceId: z.string(),
  planId: z.string(),
  viewers: z.array(z.object({ userId: z.string(), name: z.string() })),
});

export type LiveEvent =
  | ({ kind: "change"; replayed: boolean } & PlanChange)
  /** The stream is (again) listening: whatever the client shows may be stale, so it reloads once. */
  | { kind: "sync" }
  | { kind: "presence"; viewers: Viewer[] };

/** Inside the change's transaction: every instance's subscribers of the plan hear of it when it commits. */
export async function publishPlanChange(tx: Database, change: PlanChange): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`);
}

interface Subscriber {
  viewer: Viewer;
  push(event: LiveEvent): void;
}

function parse<T>(schema: z.ZodType<T>, payload: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** One instance's side of the fan-out: its LISTEN connection, its subscribers, what it knows of presence. */
class PlanLiveBus {
  private readonly instanceId = crypto.randomUUID();
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly presence = new Map<string, Map<string, Announcement>>();

  constructor(private readonly connection: Database) {}

  async start(): Promise<void> {
    const handle = handleOf(this.connection);
    if (!handle) throw new Error("plan-live: the connection is not an open database handle");
    await handle.listen(CHANGES_CHANNEL, (payload) => this.onChange(payload));
    await handle.listen(PRESENCE_CHANNEL, (payload) => this.onPresence(payload));
    setInterval(() => {
      for (const planId of this.subscribers.keys()) void this.announce(planId);
    }, PRESENCE_HEARTBEAT_MS).unref();
  }

  subscribe(planId: string, subscriber: Subscriber): () => void {
    const set = this.subscribers.get(planId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(planId, set);
    countStream(subscriber.viewer.userId, +1);
    void this.announce(planId);
    return () => {
      set.delete(subscriber);
      countStream(subscriber.viewer.userId, -1);
      if (set.size === 0) this.subscribers.delete(planId);
      void this.announce(planId);
    };
  }

  /** Tells every instance (this one included, through LISTEN) who this instance serves on the plan. */
  private async announce(planId: string): Promise<void> {
    const viewers = [...(this.subscribers.get(planId) ?? [])].map((s) => s.viewer);
    const payload = JSON.stringify({ instanceId: this.instanceId, planId, viewers });
    try {
      await this.connection.execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${payload})`);
    } catch (error) {
      console.warn("[plan-live] presence announcement failed:", (error as Error).message);
    }
  }

  private onChange(payload: string): void {
    const change = parse(changeSchema, payload);
    if (!change) return;
    for (const s of this.subscribers.get(change.planId) ?? []) s.push({ kind: "change", replayed: false, ...change });
  }

  private onPresence(payload: string): void {
    const message = parse(presenceSchema, payload);
    if (!message) return;
    const known = this.presence.get(message.planId) ?? new Map<string, Announcement>();
    const isNewcomer = message.instanceId !== this.instanceId && !known.has(message.instanceId);
    const next = announce(known, { ...message, receivedAt: Date.now() });
    if (next.size === 0) this.presence.delete(message.planId);
    else this.presence.set(message.planId, next);
    const local = this.subscribers.get(message.planId);
    if (!local) return;
    // An instance we had not heard from learns our viewers now rather than at our next heartbeat.
    if (isNewcomer) void this.announce(message.planId);
    const viewers = viewersAt(next, Date.now());
    for (const s of local) s.push({ kind: "presence", viewers });
  }
}

/** Open streams per person on this instance (over every database, which is one outside tests). */
const streamCounts = new Map<string, number>();

function streamsOfUser(userId: string): number {
  return streamCounts.get(userId) ?? 0;
}

function countStream(userId: string, delta: number): void {
  const count = streamsOfUser(userId) + delta;
  if (count > 0) streamCounts.set(userId, count);
  else streamCounts.delete(userId);
}

const buses = new WeakMap<Database, Promise<PlanLiveBus>>();

function busOf(connection: Database): Promise<PlanLiveBus> {
  let bus = buses.get(connection);
  if (!bus) {
    const created = new PlanLiveBus(connection);
    bus = created.start().then(() => created);
    bus.catch(() => buses.delete(connection));
    buses.set(connection, bus);
  }
  return bus;
}

/** The plan's changes after the one with id `afterId` (none when that id is unknown), oldest first. */
async function changesSince(connection: Database, actor: Actor, planId: string, afterId: string) {
  if (!z.uuid().safeParse(afterId).success) return [];
  return withTenant(connection, { userId: actor.userId, orgId: actor.orgId }, (tx) =>
    tx
      .select({ id: auditEvents.id, action: auditEvents.action, actorId: auditEvents.actorId, at: auditEvents.at })
      .from(auditEvents)
      .where(
        planEvents(
          actor.orgId,
          planId,
          sql`(${auditEvents.at}, ${auditEvents.id}) > (select a.at, a.id from audit_events a where a.org_id = ${actor.orgId} and a.id = ${afterId})`,
        ),
      )
      .orderBy(asc(auditEvents.at), asc(auditEvents.id))
      .limit(REPLAY_LIMIT),
  );
}

/**
 * Refuses a new stream when the person already holds MAX_STREAMS_PER_USER on this instance. Synchronous (no
 * database), so the procedure can answer before its stream starts.
 */
export function assertMayOpenStream(userId: string): void {
  if (streamsOfUser(userId) >= MAX_STREAMS_PER_USER)
    throw new AppError("TOO_MANY_REQUESTS", `At most ${MAX_STREAMS_PER_USER} live plan views at once; close some.`);
}

/**
 * The live events of one plan for one viewer, until `signal` aborts: first the changes missed since
 * `lastEventId` (a reconnect), then `sync`, then every change and presence update as it happens. The caller has
 * checked the viewer may read the plan. Runs only once iterated, outside the caller's transaction (PGlite has one
 * connection: work on the pool inside that transaction would wait for it forever). Subscribes before reading the
 * missed changes, so nothing falls between.
 */
export async function* planStream(
  connection: Database,
  actor: Actor,
  input: { planId: string; viewer: Viewer; lastEventId: string | null; signal: AbortSignal | undefined },
): AsyncGenerator<LiveEvent> {
  const bus = await busOf(connection);
  assertMayOpenStream(actor.userId);
  const queue = eventQueue<LiveEvent>(input.signal, { kind: "sync" });
  const unsubscribe = bus.subscribe(input.planId, { viewer: input.viewer, push: queue.push });
  let missed: Awaited<ReturnType<typeof changesSince>> = [];
  try {
    if (input.lastEventId) missed = await changesSince(connection, actor, input.planId, input.lastEventId);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const replay = missed.map((row): LiveEvent => ({
    kind: "change",
    replayed: true,
    planId: input.planId,
    ...row,
    at: row.at.toISOString(),
  }));
  yield* queue.drain([...replay, { kind: "sync" }], unsubscribe);
}
