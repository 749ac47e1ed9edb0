/** Processes of the load and fault scripts: free ports, commands, and a Next server on a loopback port. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, createWriteStream, existsSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT, onCleanup, sleep } from "./lib";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; asUser?: string } = {},
): string {
  const [cmd, argv] =
    options.asUser && process.getuid?.() === 0
      ? ["runuser", ["-u", options.asUser, "--", command, ...args]]
      : [command, args];
  const result = spawnSync(cmd, argv, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Migrates the database at `databaseUrl` and seeds the demo organization: the load scripts' starting point. */
export function migrateAndSeed(databaseUrl: string): void {
  run("npx", ["tsx", "db/migrate.ts"], { env: { DATABASE_URL: databaseUrl } });
  run("npx", ["tsx", "db/seed.ts"], { env: { DATABASE_URL: databaseUrl } });
}

/**
 * Like `run`, without blocking the event loop (the load keeps going meanwhile), and without waiting for
 * inherited output pipes (pg_ctl start leaves the server running with them): output goes to `logFile`.
 */
export function runAsync(
  command: string,
  args: string[],
  options: { asUser?: string; logFile: string; timeoutMs?: number },
): Promise<void> {
  const [cmd, argv] =
    options.asUser && process.getuid?.() === 0
      ? ["runuser", ["-u", options.asUser, "--", command, ...args]]
      : [command, args];
  return new Promise((resolve, reject) => {
    const fd = openSync(options.logFile, "a");
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", fd, fd] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} took over ${options.timeoutMs ?? 120_000} ms`));
    }, options.timeoutMs ?? 120_000);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${code ?? signal}):\n${tail(options.logFile, 15)}`));
    });
  });
}

export interface NextServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/** The production server (`npm start`: server/http/start.ts) of the existing production build, on loopback only, against `databaseUrl` (on `port`, or a free one). */
export async function startNext(databaseUrl: string, logFile: string, port?: number): Promise<NextServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first (the load tests never build).");
  }
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["server/http/start.ts", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: `load-${crypto.randomUUID()}-${crypto.randomUUID()}`,
        PGLITE_DIR: "",
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  onCleanup(stop);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (exited) throw new Error(`The production server exited early:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { url, logFile, stop };
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`The production server did not answer within 60 s:\n${tail(logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
