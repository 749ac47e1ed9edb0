/**
 * `npm run test:load` — a bounded mixed load against a production build on the machine's Postgres.
 *
 * Expects `npx next build` to have run (it never builds). Creates a fresh database tandem_load_<random> on
 * LOAD_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), migrates and seeds it with the demo
 * organization, starts `next start` on a free loopback port, signs in LOAD_CLIENTS distinct people (default
 * 50: the demo admin plus members who join through invitations), and has them all call existing tRPC
 * procedures as fast as they can for LOAD_SECONDS (default 60): about 80% reads and 20% writes (only admins
 * write; their share of writes is raised so that the total is 20%). Every acknowledged write is then looked
 * up in the database. Prints p50/p95/p99 per procedure and exits non-zero on any error or lost write.
 * The server and the database are removed at the end, whatever happens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import {
  latencyTable,
  log,
  onCleanup,
  run,
  runScript,
  signedInClients,
  sleep,
  startNext,
  table,
  tail,
  trpc,
  type Client,
  type Sample,
} from "./lib";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const WRITE_SHARE = Number(process.env.LOAD_WRITE_SHARE ?? 0.2);
const PG_URL = process.env.LOAD_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ERROR_BACKOFF_MS = 200;

type Role = "admin" | "manager" | "rep" | "viewer";
/** One client in five is not an admin (manager, rep or viewer): they only read. */
const roleOf = (i: number): Role => (i % 5 === 0 ? (["manager", "rep", "viewer"] as const)[(i / 5) % 3]! : "admin");

interface Operation {
  name: string;
  type: "query" | "mutation";
  input: () => unknown;
  /** The kind of row an acknowledged write created, to look for afterwards. */
  creates?: "teams" | "invitations";
}

const READS: Operation[] = [
  { name: "me.get", type: "query", input: () => undefined },
  { name: "org.current", type: "query", input: () => undefined },
  { name: "dashboard.summary", type: "query", input: () => undefined },
  { name: "members.list", type: "query", input: () => ({ limit: 25 }) },
  { name: "teams.list", type: "query", input: () => undefined },
  { name: "strategy.list", type: "query", input: () => undefined },
  { name: "deals.list", type: "query", input: () => ({}) },
  { name: "deals.totals", type: "query", input: () => ({}) },
];
const ADMIN_READS: Operation[] = [
  { name: "audit.list", type: "query", input: () => ({ limit: 25 }) },
  { name: "invitations.list", type: "query", input: () => ({ limit: 25 }) },
];
const WRITES: Operation[] = [
  {
    name: "teams.create",
    type: "mutation",
    input: () => ({ name: `Load team ${crypto.randomUUID().slice(0, 13)}` }),
    creates: "teams",
  },
  {
    name: "invitations.create",
    type: "mutation",
    input: () => ({ email: `invitee.${crypto.randomUUID()}@example.test`, role: "rep" }),
    creates: "invitations",
  },
];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export interface LoadResult {
  samples: Sample[];
  acknowledged: { table: "teams" | "invitations"; id: string }[];
  errors: Map<string, number>;
}

/** Every client loops until `until()` is false; admins write with `adminWriteShare` probability. */
export async function driveLoad(
  baseUrl: string,
  clients: (Client & { role: string })[],
  adminWriteShare: number,
  until: () => boolean,
  t0: number,
): Promise<LoadResult> {
  const samples: Sample[] = [];
  const acknowledged: LoadResult["acknowledged"] = [];
  const errors = new Map<string, number>();
  await Promise.all(
    clients.map(async (client) => {
      while (until()) {
        const admin = client.role === "admin";
        const op =
          admin && Math.random() < adminWriteShare ? pick(WRITES) : pick(admin ? [...READS, ...ADMIN_READS] : READS);
        const at = performance.now() - t0;
        const result = await trpc<{ id: string }>(baseUrl, client, op.type, op.name, op.input());
        samples.push({ op: op.name, ms: result.ms, ok: result.ok, status: result.status, code: result.code, at });
        if (result.ok && op.creates && result.data?.id) acknowledged.push({ table: op.creates, id: result.data.id });
        if (!result.ok) {
          const key = `${op.name}: ${result.status} ${result.code} ${result.message ?? ""}`.slice(0, 160);
          errors.set(key, (errors.get(key) ?? 0) + 1);
          await sleep(ERROR_BACKOFF_MS); // like a real client: no hammering on errors
        }
      }
    }),
  );
  return { samples, acknowledged, errors };
}

/** Which acknowledged writes are missing from the database. */
export async function missingWrites(databaseUrl: string, acknowledged: LoadResult["acknowledged"]): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const missing: string[] = [];
    for (const kind of ["teams", "invitations"] as const) {
      const ids = acknowledged.filter((w) => w.table === kind).map((w) => w.id);
      if (ids.length === 0) continue;
      const found = await sql<{ id: string }[]>`select id::text from ${sql(kind)} where id = any(${ids}::uuid[])`;
      const present = new Set(found.map((row) => row.id));
      missing.push(...ids.filter((id) => !present.has(id)).map((id) => `${kind}/${id}`));
    }
    return missing;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main(): Promise<number> {
  const work = mkdtempSync(path.join(os.tmpdir(), "tandem-load-"));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const name = `tandem_load_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  onCleanup(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    log(`dropped database ${name}`);
  });
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  log(`database ${name}: migrating and seeding`);
  run("npx", ["tsx", "db/migrate.ts"], { env: { DATABASE_URL: databaseUrl } });
  run("npx", ["tsx", "db/seed.ts"], { env: { DATABASE_URL: databaseUrl } });

  const server = await startNext(databaseUrl, path.join(work, "next.log"));
  log(`next start on ${server.url}; signing in ${CLIENTS} clients`);
  const clients = await signedInClients(server.url, CLIENTS, roleOf);
  const admins = clients.filter((c) => c.role === "admin").length;
  const adminWriteShare = Math.min(1, (WRITE_SHARE * clients.length) / Math.max(1, admins));

  log(`load: ${clients.length} clients (${admins} admins) for ${SECONDS} s, ${Math.round(WRITE_SHARE * 100)}% writes`);
  const t0 = performance.now();
  const end = Date.now() + SECONDS * 1000;
  const result = await driveLoad(server.url, clients, adminWriteShare, () => Date.now() < end, t0);
  const elapsed = (performance.now() - t0) / 1000;
  const missing = await missingWrites(databaseUrl, result.acknowledged);

  const writes = result.samples.filter((s) => s.op.endsWith(".create")).length;
  console.log(
    `\nLoad: ${clients.length} signed-in clients, ${elapsed.toFixed(1)} s, loopback, production build, Postgres\n`,
  );
  console.log(latencyTable(result.samples, elapsed));
  const errorCount = result.samples.filter((s) => !s.ok).length;
  console.log(
    `\n${table(
      ["check", "value", "goal"],
      [
        ["requests", result.samples.length, "-"],
        [
          "write share",
          `${((100 * writes) / Math.max(1, result.samples.length)).toFixed(1)}%`,
          `${Math.round(WRITE_SHARE * 100)}%`,
        ],
        ["errors", errorCount, "0"],
        ["acknowledged writes", result.acknowledged.length, "-"],
        ["acknowledged writes missing", missing.length, "0"],
      ],
    )}`,
  );
  for (const [error, count] of result.errors) console.log(`  ${count} × ${error}`);
  if (errorCount > 0 || missing.length > 0 || result.samples.length === 0) {
    console.log(`\nFAILED. Server log tail:\n${tail(server.logFile)}`);
    return 1;
  }
  console.log("\nOK: no errors, no lost writes.");
  return 0;
}

// Run only as a script (fault.ts imports the load driver from here).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  runScript("test:load", SECONDS + 240, main);
