/**
 * A Postgres server of a test's own (the fault test, the read-replica test): initdb into a folder of a temporary
 * directory — or, for a streaming replica, pg_basebackup from another private server — started on a free loopback
 * port; as root it runs as the `postgres` user. Stopped at clean-up whatever happens.
 */
import { chownSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { log, onCleanup } from "./lib";
import { freePort, run, runAsync } from "./processes";

export interface PrivatePostgres {
  port: number;
  url: (database: string) => string;
  stop(mode: string): Promise<void>;
  start(): Promise<void>;
}

function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("No Postgres server binaries under /usr/lib/postgresql/*/bin (set PG_BIN).");
  return path.join(base, newest, "bin");
}

/**
 * A server whose data lives in `<work>/<name>`: a fresh cluster, or with `replicaOf` a hot standby streaming from
 * that server (`pg_basebackup -R`: it follows the primary from then on and refuses writes).
 */
export async function privatePostgres(
  work: string,
  { name = "data", replicaOf }: { name?: string; replicaOf?: PrivatePostgres } = {},
): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const port = await freePort();
  const data = path.join(work, name);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(run("id", ["-u", "postgres"]).trim());
    const gid = Number(run("id", ["-g", "postgres"]).trim());
    chownSync(work, uid, gid);
  }
  const as = asRoot ? "postgres" : undefined;
  if (replicaOf) {
    const source = ["-h", "127.0.0.1", "-p", String(replicaOf.port), "-U", "postgres"];
    run(path.join(bin, "pg_basebackup"), [...source, "-D", data, "-R", "-X", "stream", "-c", "fast", "--no-sync"], {
      asUser: as,
    });
  } else {
    run(
      path.join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
      { asUser: as },
    );
  }
  const options = `-p ${port} -k ${work} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const ctlLog = path.join(work, `${name}-pg_ctl.log`);
  const logFile = path.join(work, `${name}.log`);
  const ctl = (args: string[]) =>
    runAsync(path.join(bin, "pg_ctl"), ["-D", data, ...args], { asUser: as, logFile: ctlLog, timeoutMs: 90_000 });
  const start = () => ctl(["-o", options, "-l", logFile, "-w", "-t", "60", "start"]);
  await start();
  onCleanup(async () => {
    await ctl(["-m", "immediate", "-w", "stop"]).catch(() => undefined);
    log(`private Postgres ${name} stopped`);
  });
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode) => ctl(["-m", mode, "-w", "-t", "60", "stop"]),
    start,
  };
}
