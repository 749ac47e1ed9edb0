/**
 * Generates a deterministic large organization for `npm run bench` (docs/performance.md "Benchmark"), set-based
 * in SQL on the machine's Postgres: a database of its own, migrated, bulk-loaded with triggers off
 * (session_replication_role = replica), then `tandem_alignment_rebuild(org)` and ANALYZE.
 *
 *   npm run bench:seed -- --deals 1000000 [--database scale_bench_1m]
 *   npm run bench:seed -- --extras-only --database scale_bench_1m   # only (re)adds the reviews and plans
 *
 * Shape at 1,000,000 deals (everything scales with --deals, at least 1 team and 1 rep): 5,000 reps in a 500-team
 * tree (a root, 100 regions of 4 teams each plus the region's own team: a region manager sees ~50 reps), one
 * manager per team, an admin; 200,000 accounts with 2 contacts each; 2 stakeholders a deal; 3 strategies (archived,
 * active, draft) of 4 objectives with focus rules; 3 goals a rep in the active strategy, linked to objectives;
 * a third of the deals linked to a goal, a tenth to an objective explicitly. Ids are md5-derived (deterministic).
 * Reviews and account plans last (tests/load/bench-seed-extras.ts). Everyone's password is BENCH_PASSWORD. The database is dropped and recreated if it exists.
 */
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { hashPassword } from "@/server/auth/password";
import { DEAL_STAGES } from "@/server/domain/deal-alignment";
import { extrasStatements, runStatements } from "./bench-seed-extras";
import { log, runScript } from "./lib";

export const BENCH_PASSWORD = "tandem-bench-2026";
export const BENCH_ORG_SLUG = "bench";
export const benchEmail = (kind: "admin" | "manager" | "rep", n = 1) =>
  `${kind}${kind === "admin" ? "" : n}@bench.test`;

export interface BenchShape {
  deals: number;
  reps: number;
  teams: number;
  accounts: number;
}

/** The organization's size for a number of deals: 200 deals a rep, 10 reps a team, 5 deals an account. */
export function benchShape(deals: number): BenchShape {
  const reps = Math.max(1, Math.round(deals / 200));
  return { deals, reps, teams: Math.max(1, Math.round(reps / 10)), accounts: Math.max(1, Math.round(deals / 5)) };
}

/** Deterministic uuid of the n-th row of a kind (md5-based, with the version and variant bits of RFC 9562). */
export const uid = (kind: string, n: string) =>
  `overlay(overlay(md5('${kind}:' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;
/** Regions (direct children of the root) for a number of teams: ~a fifth of the non-root teams. */
const regionsOf = (teams: number) => Math.max(1, Math.floor((teams - 1) / 5));
/** Rep r's team (SQL, 1-based): spread over every team but the root (the root alone if there is no other). */
export const teamOfRep = (teams: number, r: string) => (teams === 1 ? "1" : `(2 + (${r} - 1) % ${teams - 1})`);
/** The bench organization's id (SQL). */
export const BENCH_ORG_ID = uid("org", "1");

function statements(shape: BenchShape, passwordHash: string): string[] {
  const { deals, reps, teams, accounts } = shape;
  const regions = regionsOf(teams);
  const org = BENCH_ORG_ID;
  const stages = DEAL_STAGES.map((stage) => `'${stage}'`).join(",");
  // Team t (1-based): 1 is the root, 2..regions+1 the regions, the rest leaves spread over the regions.
  const parentOf = (t: string) =>
    `case when ${t} = 1 then null when ${t} <= ${regions + 1} then ${uid("team", "1")} ` +
    `else ${uid("team", `(2 + (${t} - ${regions + 2}) % ${regions})`)} end`;
  const teamOf = (r: string) => teamOfRep(teams, r);
  return [
    `insert into organizations (id, name, slug) values (${org}, 'Bench Corp', '${BENCH_ORG_SLUG}')`,
    `set session_replication_role = replica`,
    // Users: the admin, one manager per team, the reps.
    `insert into users (id, email, name, password_hash)
     select ${uid("user", "'admin'")}, '${benchEmail("admin")}', 'Bench Admin', '${passwordHash}'
     union all select ${uid("user", "'manager' || t")}, 'manager' || t || '@bench.test', 'Manager ' || t, '${passwordHash}'
       from generate_series(1, ${teams}) t
     union all select ${uid("user", "'rep' || r")}, 'rep' || r || '@bench.test', 'Rep ' || r, '${passwordHash}'
       from generate_series(1, ${reps}) r`,
    `insert into memberships (org_id, id, user_id, role)
     select ${org}, ${uid("membership", "'admin'")}, ${uid("user", "'admin'")}, 'admin'::role
     union all select ${org}, ${uid("membership", "'manager' || t")}, ${uid("user", "'manager' || t")}, 'manager'::role
       from generate_series(1, ${teams}) t
     union all select ${org}, ${uid("membership", "'rep' || r")}, ${uid("user", "'rep' || r")}, 'rep'::role
       from generate_series(1, ${reps}) r`,
    `insert into teams (org_id, id, name, parent_team_id)
     select ${org}, ${uid("team", "t")}, case when t = 1 then 'Company' when t <= ${regions + 1} then 'Region ' || t
       else 'Team ' || t end, ${parentOf("t")}
     from generate_series(1, ${teams}) t`,
    `insert into team_members (org_id, team_id, user_id, is_manager)
     select ${org}, ${uid("team", "t")}, ${uid("user", "'manager' || t")}, true from generate_series(1, ${teams}) t
     union all select ${org}, ${uid("team", teamOf("r"))}, ${uid("user", "'rep' || r")}, false
       from generate_series(1, ${reps}) r`,
    // Strategies: last year's (archived), this year's (active), next year's (draft); 4 objectives each.
    `insert into strategies (org_id, id, name, starts_on, ends_on, status)
     select ${org}, ${uid("strategy", "s")}, 'Strategy ' || (extract(year from current_date)::int + s - 2),
       make_date(extract(year from current_date)::int + s - 2, 1, 1),
       make_date(extract(year from current_date)::int + s - 2, 12, 31),
       (array['archived', 'active', 'draft'])[s]::strategy_status
     from generate_series(1, 3) s`,
    `insert into objectives (org_id, id, strategy_id, title, weight, position)
     select ${org}, ${uid("objective", "s || ':' || o")}, ${uid("strategy", "s")}, 'Objective ' || o,
       (array[40, 30, 20, 10])[o], o
     from generate_series(1, 3) s, generate_series(1, 4) o`,
    `insert into objective_focus (org_id, id, objective_id, dimension, value)
     select ${org}, ${uid("focus", "s || ':' || o")}, ${uid("objective", "s || ':' || o")},
       (array['industry', 'segment', 'region', 'product'])[o]::focus_dimension,
       (array['Healthcare', 'Enterprise', 'EMEA', 'Platform'])[o]
     from generate_series(1, 3) s, generate_series(1, 4) o`,
    // Goals: 3 a rep in the active strategy, each linked to one objective.
    `insert into goals (org_id, id, user_id, strategy_id, category, title, importance)
     select ${org}, ${uid("goal", "r || ':' || g")}, ${uid("user", "'rep' || r")}, ${uid("strategy", "2")},
       (array['quota', 'skill', 'account'])[g]::goal_category, 'Goal ' || g, 1 + (r + g) % 3
     from generate_series(1, ${reps}) r, generate_series(1, 3) g`,
    `insert into goal_objective_links (org_id, goal_id, objective_id, strength)
     select ${org}, ${uid("goal", "r || ':' || g")}, ${uid("objective", "'2:' || (1 + (r + g) % 4)")}, 1 + (r * g) % 3
     from generate_series(1, ${reps}) r, generate_series(1, 3) g`,
    // Accounts (owned by a rep, in the rep's team), 2 contacts each.
    `insert into accounts (org_id, id, name, industry, segment, region, owner_id, team_id)
     select ${org}, ${uid("account", "a")},
       (array['Granite', 'Harbor', 'Summit', 'Cedar', 'Atlas', 'Nova', 'Orbit', 'Pioneer'])[1 + a % 8] || ' ' ||
       (array['Labs', 'Health', 'Systems', 'Foods', 'Energy', 'Bank'])[1 + a % 6] || ' ' || a,
       (array['Healthcare', 'Finance', 'Retail', 'Manufacturing', 'Software'])[1 + a % 5],
       (array['Enterprise', 'Mid-market', 'SMB'])[1 + a % 3],
       (array['EMEA', 'North America', 'APAC', 'LATAM'])[1 + a % 4],
       ${uid("user", "'rep' || (1 + a % " + reps + ")")}, ${uid("team", teamOf(`(1 + a % ${reps})`))}
     from generate_series(1, ${accounts}) a`,
    `insert into contacts (org_id, id, account_id, name, title)
     select ${org}, ${uid("contact", "a || ':' || c")}, ${uid("account", "a")}, 'Contact ' || a || '-' || c,
       (array['CFO', 'VP Operations'])[c]
     from generate_series(1, ${accounts}) a, generate_series(1, 2) c`,
    // Deals: deal n is on account 1 + n % accounts, owned by that account's rep; every stage, two currencies,
    // close dates over two years around today.
    `insert into deals (org_id, id, account_id, name, amount, currency, stage, close_date, owner_id, team_id, product,
       problem_fit, disqualified_reason)
     select ${org}, ${uid("deal", "n")}, ${uid("account", "a")}, 'Deal ' || n || ' ' ||
       (array['renewal', 'expansion', 'pilot', 'platform', 'migration'])[1 + n % 5],
       ((n::bigint * 7919) % 200000 + 1000)::numeric(14, 2), (array['USD', 'EUR'])[1 + n % 2],
       (array[${stages}])[1 + (n * 31) % ${DEAL_STAGES.length}]::deal_stage,
       current_date - 365 + ((n * 13) % 730), ${uid("user", "'rep' || (1 + a % " + reps + ")")},
       ${uid("team", teamOf(`(1 + a % ${reps})`))}, (array['Platform', 'Analytics', 'Services'])[1 + n % 3],
       (array['yes', 'partly', 'no', 'unknown'])[1 + n % 4]::problem_fit,
       case when (array[${stages}])[1 + (n * 31) % ${DEAL_STAGES.length}] = 'disqualified' then 'No budget' end
     from generate_series(1, ${deals}) n, lateral (select 1 + n % ${accounts} as a) x`,
    `insert into stakeholders (org_id, id, deal_id, contact_id, buying_role, influence, stance, personal_win)
     select ${org}, ${uid("stakeholder", "n || ':' || c")}, ${uid("deal", "n")},
       ${uid("contact", `(1 + n % ${accounts}) || ':' || c`)},
       (array['economic_buyer', 'champion', 'influencer', 'user'])[1 + (n + c) % 4]::buying_role, 1 + (n + c) % 5,
       (array['supporter', 'neutral', 'skeptic', 'unknown'])[1 + (n * c) % 4]::stance,
       case when (n + c) % 3 = 0 then 'A promotion' else '' end
     from generate_series(1, ${deals}) n, generate_series(1, 2) c`,
    `insert into deal_goals (org_id, deal_id, goal_id)
     select ${org}, ${uid("deal", "n")}, ${uid("goal", `(1 + (1 + n % ${accounts}) % ${reps}) || ':' || (1 + n % 3)`)}
     from generate_series(1, ${deals}) n where n % 3 = 0`,
    `insert into deal_objectives (org_id, deal_id, objective_id)
     select ${org}, ${uid("deal", "n")}, ${uid("objective", "'2:' || (1 + n % 4)")}
     from generate_series(1, ${deals}) n where n % 10 = 0`,
    `set session_replication_role = origin`,
    `analyze`,
    `select tandem_alignment_rebuild(${org})`,
    `vacuum analyze`,
  ];
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const extrasOnly = process.argv.includes("--extras-only");
  const deals = Number(argument("deals") ?? process.env.BENCH_DEALS ?? 10_000);
  if (!Number.isInteger(deals) || deals < 1) throw new Error(`--deals must be a positive integer, not ${deals}`);
  const database = argument("database") ?? process.env.BENCH_DATABASE ?? (extrasOnly ? "" : `tandem_bench_${deals}`);
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`bad database name ${database || "(--database is required)"}`);
  const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (extrasOnly) {
    // An existing bench database: its shape follows from its deals.
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await client<{ deals: number }[]>`select count(*)::int as deals from deals`;
      const shape = benchShape(row!.deals);
      log(`${database} (reviews and plans only): ${JSON.stringify(shape)}`);
      await runStatements(client, extrasStatements(shape), log);
    } finally {
      await client.end({ timeout: 5 });
    }
    log(`${database}: reviews and plans ready`);
    return 0;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.unsafe(`create database ${database}`);
  await admin.end();

  const shape = benchShape(deals);
  log(`${database}: ${JSON.stringify(shape)}`);
  const handle = openDatabase({ url: url.toString(), max: 1 });
  await handle.migrate();
  await handle.close();
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    await runStatements(client, [...statements(shape, passwordHash), ...extrasStatements(shape)], log);
  } finally {
    await client.end({ timeout: 5 });
  }
  log(`${database} ready (${url.toString()})`);
  return 0;
}

if (process.argv[1]?.endsWith("bench-seed.ts")) runScript("bench-seed", 4 * 3600, main);
