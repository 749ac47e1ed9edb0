/**
 * `npm run test:replicas` — read replicas for real (server/db/replicas.ts, docs/scaling.md). Starts a private
 * Postgres, migrates and seeds it, makes a streaming hot standby of it with pg_basebackup on another port, and
 * calls procedures through the server caller with that standby as the app's replica. It proves:
 *
 * - reads land on the replica: with the standby's replay paused, a write on the primary is not in another person's
 *   list (which the replica answered), and it appears there once replay resumes;
 * - writes land on the primary (the standby refuses writes), and the writer's next read sees the write at once;
 * - a replica that goes away sends reads back to the primary without an error.
 *
 * Prints a table of checks; exits 1 if one fails. Removes both servers and their folder whatever happens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { ReplicaSet } from "@/server/db/replicas";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { log, onCleanup, runScript } from "./lib";
import { migrateAndSeed } from "./processes";
import { table } from "./stats";
import { privatePostgres } from "./private-postgres";

/** Waits for `condition` (polled), failing after `seconds`: a condition, never a fixed sleep. */
async function until(what: string, condition: () => Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), "tandem-replicas-"));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const primary = await privatePostgres(work, { name: "primary" });
  const admin = postgres(primary.url("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe("create database tandem");
  await admin.end({ timeout: 5 });
  log("migrating and seeding the primary");
  migrateAndSeed(primary.url("tandem"));
  log("pg_basebackup into a hot standby");
  const standby = await privatePostgres(work, { name: "standby", replicaOf: primary });

  const onPrimary = postgres(primary.url("tandem"), { max: 1, onnotice: () => {} });
  const onStandby = postgres(standby.url("tandem"), { max: 1, onnotice: () => {} });
  const app = openDatabase({ url: primary.url("tandem") });
  const replica = openDatabase({ url: standby.url("tandem") });
  onCleanup(async () => {
    await Promise.all([onPrimary.end({ timeout: 2 }), onStandby.end({ timeout: 2 }), app.close(), replica.close()]);
  });
  const replicas = new ReplicaSet([replica.db]);

  const [org] = await onPrimary<{ id: string }[]>`select id from organizations where slug = 'acme-robotics'`;
  const callerOf = async (email: string) => {
    const [user] = await onPrimary<{ id: string; version: number }[]>`
      select id, session_version as version from users where email = ${email}`;
    const session = { userId: user!.id, sessionVersion: user!.version, sessionId: crypto.randomUUID() };
    const headers = new Headers({ [ORG_HEADER]: org!.id });
    return createCaller(createContext({ db: app.db, session, headers, replicas }));
  };
  const writer = await callerOf("admin@acme.test");
  const reader = await callerOf("viewer@acme.test");
  const caughtUp = async () => {
    const [current] = await onPrimary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    const [row] = await onStandby<{ done: boolean }[]>`
      select pg_last_wal_replay_lsn() >= ${current!.lsn}::pg_lsn as done`;
    return row!.done;
  };
  await until("the standby catches up", caughtUp);
  log("the standby has caught up; writing with its replay paused");
  const [recovery] = await onStandby<{ on: boolean }[]>`select pg_is_in_recovery() as on`;
  const inRecovery = recovery!.on;

  // Replay paused: the replica keeps answering from before the write.
  await onStandby`select pg_wal_replay_pause()`;
  const name = `Replica check ${Date.now()}`;
  const { id } = await writer.teams.create({ name });
  const names = async (caller: typeof reader) => (await caller.teams.list()).map((team) => team.name);
  const [onPrimaryRows] = await onPrimary<{ n: number }[]>`select count(*)::int as n from teams where id = ${id}`;
  const [onStandbyRows] = await onStandby<{ n: number }[]>`select count(*)::int as n from teams where id = ${id}`;
  const readerWhilePaused = (await names(reader)).includes(name);
  const writerWhilePaused = (await names(writer)).includes(name);
  let standbyRefusesWrites = false;
  await onStandby`insert into teams (org_id, id, name) values (${org!.id}, ${crypto.randomUUID()}, 'x')`.catch(
    (error: { code?: string }) => (standbyRefusesWrites = error.code === "25006"),
  );

  await onStandby`select pg_wal_replay_resume()`;
  await until("the standby replays the write", caughtUp);
  const readerAfterReplay = (await names(reader)).includes(name);

  log("stopping the standby");
  await standby.stop("immediate");
  const readerWithoutReplica = await names(reader).then(
    (list) => (list.includes(name) ? "answered, with the write" : "answered, without the write"),
    (error: unknown) => `failed: ${String(error)}`,
  );

  const checks: [string, string | number | boolean, string | number | boolean, boolean][] = [
    ["standby is a hot standby (in recovery)", inRecovery, true, inRecovery],
    ["write committed on the primary", onPrimaryRows!.n, 1, onPrimaryRows!.n === 1],
    ["…not on the paused standby", onStandbyRows!.n, 0, onStandbyRows!.n === 0],
    ["the standby refuses writes (25006)", standbyRefusesWrites, true, standbyRefusesWrites],
    ["another person's list while replay is paused has it", readerWhilePaused, false, !readerWhilePaused],
    ["the writer's own list has it at once (primary)", writerWhilePaused, true, writerWhilePaused],
    ["another person's list after replay has it", readerAfterReplay, true, readerAfterReplay],
    [
      "a read with the replica gone",
      readerWithoutReplica,
      "answered, with the write",
      readerWithoutReplica === "answered, with the write",
    ],
  ];
  console.log(
    `\n${table(
      ["check", "value", "goal", "ok"],
      checks.map(([check, value, goal, ok]) => [check, String(value), String(goal), ok ? "yes" : "NO"]),
    )}`,
  );
  if (checks.some(([, , , ok]) => !ok)) {
    console.log("\nFAILED");
    return 1;
  }
  console.log("\nOK: reads on the replica, writes and the writer's next read on the primary, no error without it.");
  return 0;
}

runScript("replicas", 600, main);
