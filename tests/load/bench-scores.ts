/**
 * Scaling benchmark for the heavy read procedures: how their latency and their SQL statement count change
 * when the data grows. Everything is a RATIO measured within one run (no absolute time is ever a pass/fail).
 *
 * Creates two databases on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres):
 *   tandem_bench_<random>_small: the demo seed;
 *   tandem_bench_<random>_large: the demo seed plus COPIES copies of every deal of the organization (new ids,
 *     same org, account, owner, team), with their stakeholders (same contacts), deal_objectives and deal_goals.
 * Both are migrated, seeded and analyzed, then each procedure is called through a tRPC server caller as the
 * demo admin (WARMUP untimed calls, then RUNS timed ones) and the median compared. Both databases are dropped
 * at the end, on failure too.
 *
 * Fails (exit 1) when, for a procedure, (a) its time ratio large/small exceeds MAX_FACTOR × the deal ratio
 * (super-linear behaviour: N+1 queries, quadratic loops), or (b) it issues a different number of SQL
 * statements per call on the two sizes (a query count that grows with the data).
 *
 *   npm run bench:scores
 */
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, selectRows, type Database, type DatabaseHandle } from "@/db/client";
import { strategies, teams, users } from "@/db/schema";
import { DEMO_ORG, seedDemo } from "@/db/seed";
import { createContext, ORG_HEADER } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { DEMO_ADMIN, log, onCleanup, runScript, table } from "./lib";

const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Extra copies of every seeded deal in the large database (large ≈ (1 + COPIES) × small). */
const COPIES = Number(process.env.BENCH_COPIES ?? 4);
if (!Number.isInteger(COPIES) || COPIES < 1)
  throw new Error(`BENCH_COPIES must be a positive integer, not ${process.env.BENCH_COPIES}`);
const WARMUP = 3;
const RUNS = 10;
/** A time ratio above MAX_FACTOR × the deal ratio means super-linear scaling. */
const MAX_FACTOR = 2;
const DEADLINE_SECONDS = 240;

type Caller = ReturnType<typeof createCaller>;

interface Procedure {
  name: string;
  call: (caller: Caller, ids: SeedIds) => Promise<unknown>;
}

interface SeedIds {
  orgId: string;
  adminId: string;
  rootTeamId: string;
  strategyId: string;
}

const PROCEDURES: Procedure[] = [
  { name: "deals.list", call: (c) => c.deals.list({}) },
  { name: "deals.board", call: (c) => c.deals.board({}) },
  { name: "deals.totals", call: (c) => c.deals.totals({}) },
  {
    name: "alignment.teamHeatmap",
    call: (c, ids) => c.alignment.teamHeatmap({ strategyId: ids.strategyId, teamId: ids.rootTeamId }),
  },
  { name: "dashboard.summary", call: (c) => c.dashboard.summary() },
];

interface Measurement {
  medianMs: number;
  /** SQL statements per call (the same for every timed call, or the call fails the check). */
  statements: number[];
}

interface SizeResult {
  label: string;
  deals: number;
  stakeholders: number;
  byProcedure: Map<string, Measurement>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Creates a database, registers its drop, and returns its URL. */
async function createDatabase(admin: postgres.Sql, name: string): Promise<string> {
  await admin.unsafe(`create database ${name}`);
  onCleanup(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    log(`dropped database ${name}`);
  });
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function columnsOf(client: postgres.Sql, tableName: string): Promise<string[]> {
  const rows = await client<{ column_name: string }[]>`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${tableName} and is_generated = 'NEVER'
    order by ordinal_position`;
  return rows.map((row) => row.column_name);
}

/** `insert into <table> (cols) select <cols with overrides> from <source>`: copies every column unless overridden. */
async function copyStatement(
  client: postgres.Sql,
  tableName: string,
  alias: string,
  overrides: Record<string, string>,
  from: string,
): Promise<string> {
  const columns = await columnsOf(client, tableName);
  for (const key of Object.keys(overrides))
    if (!columns.includes(key)) throw new Error(`${tableName} has no column ${key}`);
  const select = columns.map((column) => overrides[column] ?? `${alias}.${column}`);
  return `insert into ${tableName} (${columns.join(", ")}) select ${select.join(", ")} from ${from}`;
}

/** Multiplies the seeded deals: COPIES copies of each, with their stakeholders, objective links and goal links. */
async function growDeals(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const dealsCopy = await copyStatement(
      client,
      "deals",
      "d",
      {
        id: "m.new_id",
        name: `d.name || ' #' || m.n`,
        external_id: `case when d.external_id is null then null else d.external_id || '-copy-' || m.n end`,
      },
      "bench_deal_copy m join deals d on d.org_id = m.org_id and d.id = m.old_id",
    );
    const stakeholdersCopy = await copyStatement(
      client,
      "stakeholders",
      "s",
      { id: "gen_random_uuid()", deal_id: "m.new_id" },
      "bench_deal_copy m join stakeholders s on s.org_id = m.org_id and s.deal_id = m.old_id",
    );
    const objectivesCopy = await copyStatement(
      client,
      "deal_objectives",
      "o",
      { deal_id: "m.new_id" },
      "bench_deal_copy m join deal_objectives o on o.org_id = m.org_id and o.deal_id = m.old_id",
    );
    const goalsCopy = await copyStatement(
      client,
      "deal_goals",
      "g",
      { deal_id: "m.new_id" },
      "bench_deal_copy m join deal_goals g on g.org_id = m.org_id and g.deal_id = m.old_id",
    );
    await client.begin(async (tx) => {
      await tx.unsafe(`create temp table bench_deal_copy on commit drop as
        select d.org_id, d.id as old_id, gen_random_uuid() as new_id, c.n
        from deals d cross join generate_series(1, ${COPIES}) as c(n)`);
      for (const statement of [dealsCopy, stakeholdersCopy, objectivesCopy, goalsCopy]) await tx.unsafe(statement);
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function seedIds(db: Database): Promise<SeedIds> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN.email));
  if (!admin) throw new Error(`no ${DEMO_ADMIN.email}`);
  const [org] = await selectRows<{ id: string }>(db, sql`select id from organizations where slug = ${DEMO_ORG.slug}`);
  if (!org) throw new Error(`no organization ${DEMO_ORG.slug}`);
  const [root] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(sql`${teams.orgId} = ${org.id} and ${teams.parentTeamId} is null`)
    .orderBy(teams.name);
  if (!root) throw new Error("no root team");
  const [strategy] = await db
    .select({ id: strategies.id })
    .from(strategies)
    .where(sql`${strategies.orgId} = ${org.id} and ${strategies.status} = 'active'`);
  if (!strategy) throw new Error("no active strategy");
  return { orgId: org.id, adminId: admin.id, rootTeamId: root.id, strategyId: strategy.id };
}

async function counts(db: Database, orgId: string) {
  const [row] = await selectRows<{ deals: number; stakeholders: number }>(
    db,
    sql`select (select count(*) from deals where org_id = ${orgId})::int as deals,
               (select count(*) from stakeholders where org_id = ${orgId})::int as stakeholders`,
  );
  return row!;
}

async function measureSize(admin: postgres.Sql, name: string, label: string, grow: boolean): Promise<SizeResult> {
  const url = await createDatabase(admin, name);
  const counter = { statements: 0 };
  const handle: DatabaseHandle = openDatabase({ url, max: 4, logger: { logQuery: () => void counter.statements++ } });
  onCleanup(() => handle.close());
  const t0 = performance.now();
  await handle.migrate();
  await seedDemo(handle.db);
  if (grow) await growDeals(url);
  await handle.db.execute(sql`analyze`);
  const ids = await seedIds(handle.db);
  const size = await counts(handle.db, ids.orgId);
  log(
    `${label}: ${name} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${size.deals} deals, ${size.stakeholders} stakeholders)`,
  );

  const caller = createCaller(
    createContext({
      db: handle.db,
      session: { userId: ids.adminId, sessionVersion: 1, sessionId: crypto.randomUUID() },
      headers: new Headers({ [ORG_HEADER]: ids.orgId }),
    }),
  );
  const byProcedure = new Map<string, Measurement>();
  for (const procedure of PROCEDURES) {
    for (let i = 0; i < WARMUP; i++) await procedure.call(caller, ids);
    const times: number[] = [];
    const statements: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = counter.statements;
      const start = performance.now();
      await procedure.call(caller, ids);
      times.push(performance.now() - start);
      statements.push(counter.statements - before);
    }
    byProcedure.set(procedure.name, { medianMs: median(times), statements });
  }
  return { label, ...size, byProcedure };
}

const describeCounts = (statements: number[]) => [...new Set(statements)].join("/");

async function main(): Promise<number> {
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  onCleanup(() => admin.end({ timeout: 5 }));
  const base = `tandem_bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const small = await measureSize(admin, `${base}_small`, "small", false);
  const large = await measureSize(admin, `${base}_large`, "large", true);

  const dealRatio = large.deals / small.deals;
  const bound = MAX_FACTOR * dealRatio;
  const failures: string[] = [];
  const rows = PROCEDURES.map(({ name }) => {
    const s = small.byProcedure.get(name)!;
    const l = large.byProcedure.get(name)!;
    const ratio = l.medianMs / s.medianMs;
    const statementSet = new Set([...s.statements, ...l.statements]);
    const verdicts: string[] = [];
    if (ratio > bound) {
      verdicts.push("SUPER-LINEAR");
      failures.push(
        `${name}: time ratio ${ratio.toFixed(2)} > ${bound.toFixed(2)} (${MAX_FACTOR} × deal ratio ${dealRatio.toFixed(2)})`,
      );
    }
    if (statementSet.size !== 1) {
      verdicts.push("STATEMENTS VARY");
      failures.push(
        `${name}: SQL statements per call small ${describeCounts(s.statements)} vs large ${describeCounts(l.statements)}`,
      );
    }
    return [
      name,
      s.medianMs.toFixed(1),
      l.medianMs.toFixed(1),
      ratio.toFixed(2),
      describeCounts(s.statements),
      describeCounts(l.statements),
      verdicts.length > 0 ? verdicts.join(", ") : "ok",
    ];
  });

  console.log(
    `\nScaling benchmark: median of ${RUNS} calls after ${WARMUP} warm-up calls, tRPC server callers as ${DEMO_ADMIN.email}, Postgres\n`,
  );
  console.log(
    table(
      ["size", "deals", "stakeholders"],
      [
        ["small", small.deals, small.stakeholders],
        ["large", large.deals, large.stakeholders],
        ["ratio", dealRatio.toFixed(2), (large.stakeholders / small.stakeholders).toFixed(2)],
      ],
    ),
  );
  console.log();
  console.log(
    table(["procedure", "small ms", "large ms", "time ratio", "stmts small", "stmts large", "verdict"], rows),
  );
  console.log(
    `\nBound: time ratio ≤ ${MAX_FACTOR} × deal ratio = ${bound.toFixed(2)}; SQL statements per call identical on both sizes.`,
  );
  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    return 1;
  }
  console.log("\nOK: every procedure scales at most linearly, with a constant number of SQL statements.");
  return 0;
}

runScript("bench-scores", DEADLINE_SECONDS, main);
