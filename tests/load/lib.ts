/**
 * Shared pieces of the load and fault scripts: processes that are always cleaned up, a Next server on a free
 * loopback port, signed-in HTTP clients speaking tRPC, latency statistics and tables.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, createWriteStream, existsSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import superjson from "superjson";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEMO_ADMIN = { email: "admin@acme.test", password: "tandem-demo-2026" };

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// Clean-up that always runs: normal end, failure, Ctrl-C, or the overall deadline.

const cleanups: (() => Promise<void> | void)[] = [];
export function onCleanup(fn: () => Promise<void> | void) {
  cleanups.unshift(fn);
}
let cleaning: Promise<void> | undefined;
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups) {
      try {
        await fn();
      } catch (error) {
        console.error("[cleanup]", error);
      }
    }
  })();
  return cleaning;
}

/** Runs `main` with a hard deadline and clean-up on every exit path; exits with main's code. */
export function runScript(name: string, deadlineSeconds: number, main: () => Promise<number>) {
  const deadline = setTimeout(() => {
    console.error(`[${name}] did not finish within ${deadlineSeconds} s: aborting.`);
    void cleanUp().finally(() => process.exit(3));
  }, deadlineSeconds * 1000);
  deadline.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  main()
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      console.error(`[${name}] failed:`, error);
      await cleanUp();
      process.exit(1);
    });
}

// ---------------------------------------------------------------------------------------------------------
// Processes

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

/** `next start` of the existing production build, on loopback only, against `databaseUrl` (on `port`, or a free one). */
export async function startNext(databaseUrl: string, logFile: string, port?: number): Promise<NextServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first (the load tests never build).");
  }
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules", ".bin", "next"),
    ["start", "-H", "127.0.0.1", "-p", String(port)],
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
    if (exited) throw new Error(`next start exited early:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { url, logFile, stop };
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`next start did not answer within 60 s:\n${tail(logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

// ---------------------------------------------------------------------------------------------------------
// Signed-in clients speaking tRPC over HTTP

function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1);
  }
  return jar;
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

export interface Client {
  label: string;
  cookie: string;
  orgId?: string;
}

/** Signs in through Auth.js's own endpoints (CSRF token, then the credentials callback), like a browser form. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Client> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(15_000) });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/` }),
    signal: AbortSignal.timeout(15_000),
  });
  Object.assign(jar, cookiesOf(response));
  if (!Object.keys(jar).some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(`sign-in of ${email} failed: HTTP ${response.status} → ${response.headers.get("location")}`);
  }
  return { label: email, cookie: cookieHeader(jar) };
}

export interface CallResult<T = unknown> {
  ok: boolean;
  status: number;
  /** tRPC error code, "NETWORK" or "TIMEOUT" when there is no answer. */
  code?: string;
  message?: string;
  data?: T;
  ms: number;
}

export async function trpc<T = unknown>(
  baseUrl: string,
  client: Client | null,
  type: "query" | "mutation",
  procedure: string,
  input?: unknown,
  timeoutMs = 15_000,
): Promise<CallResult<T>> {
  const headers: Record<string, string> = {};
  if (client) headers.cookie = client.cookie;
  if (client?.orgId) headers["x-tandem-org"] = client.orgId;
  const serialized = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url =
    type === "query" && serialized
      ? `${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(serialized)}`
      : `${baseUrl}/api/trpc/${procedure}`;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: type === "query" ? "GET" : "POST",
      headers: type === "mutation" ? { ...headers, "content-type": "application/json" } : headers,
      body: type === "mutation" ? (serialized ?? "{}") : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let body: { result?: { data: never }; error?: { json: { message: string; data?: { code?: string } } } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      /* not JSON */
    }
    if (response.ok && body.result)
      return { ok: true, status: response.status, data: superjson.deserialize<T>(body.result.data), ms };
    return {
      ok: false,
      status: response.status,
      code: body.error?.json.data?.code ?? `HTTP_${response.status}`,
      message: body.error?.json.message ?? text.slice(0, 200),
      ms,
    };
  } catch (error) {
    const ms = performance.now() - started;
    const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      ok: false,
      status: 0,
      code: timeout ? "TIMEOUT" : "NETWORK",
      message: error instanceof Error ? error.message : String(error),
      ms,
    };
  }
}

export interface BatchResult {
  status: number;
  ms: number;
  /** Each call's tRPC error code, or "OK". */
  codes: string[];
  retryAfter: string | null;
}

/** One batched GET of queries, as the browser's client sends it (`/api/trpc/a,b?batch=1&input=…`). */
export async function trpcBatch(
  baseUrl: string,
  client: Client,
  calls: { procedure: string; input?: unknown }[],
  timeoutMs = 60_000,
): Promise<BatchResult> {
  const inputs: Record<string, unknown> = {};
  calls.forEach((call, i) => {
    if (call.input !== undefined) inputs[i] = superjson.serialize(call.input);
  });
  const url = `${baseUrl}/api/trpc/${calls.map((call) => call.procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  const headers: Record<string, string> = { cookie: client.cookie };
  if (client.orgId) headers["x-tandem-org"] = client.orgId;
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let codes: string[] = [];
    try {
      const items = JSON.parse(text) as { error?: { json: { data?: { code?: string } } } }[];
      codes = items.map((item) => item.error?.json.data?.code ?? "OK");
    } catch {
      codes = [`HTTP_${response.status}`];
    }
    return {
      status: response.status,
      ms: performance.now() - started,
      codes,
      retryAfter: response.headers.get("retry-after"),
    };
  } catch (error) {
    const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { status: 0, ms: performance.now() - started, codes: [timeout ? "TIMEOUT" : "NETWORK"], retryAfter: null };
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

/**
 * The demo admin plus `count - 1` more members who join through invitations (so every client is a distinct,
 * really signed-in person): `roleOf(i)` gives each one's role. Returns signed-in clients acting in the demo org.
 */
export async function signedInClients(
  baseUrl: string,
  count: number,
  roleOf: (i: number) => "admin" | "manager" | "rep" | "viewer",
): Promise<(Client & { role: string })[]> {
  const admin = await signIn(baseUrl, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const me = await trpc<{ organizations: { id: string; slug: string }[] }>(baseUrl, admin, "query", "me.get");
  const orgId = me.data?.organizations[0]?.id;
  if (!orgId) throw new Error(`the demo admin has no organization: ${JSON.stringify(me)}`);
  admin.orgId = orgId;
  const runId = crypto.randomUUID().slice(0, 8);
  const others = await pool(
    Array.from({ length: count - 1 }, (_, i) => i + 1),
    6,
    async (i) => {
      const role = roleOf(i);
      const email = `load.${runId}.${i}@example.test`;
      const password = `load-password-${runId}-${i}`;
      const invitation = await trpc<{ path: string }>(baseUrl, admin, "mutation", "invitations.create", {
        email,
        role,
      });
      if (!invitation.ok) throw new Error(`invitation ${i} failed: ${invitation.code} ${invitation.message}`);
      const token = invitation.data!.path.split("/").pop()!;
      const accepted = await trpc(baseUrl, null, "mutation", "onboarding.acceptInvitation", {
        token,
        name: `Load Client ${i}`,
        password,
      });
      if (!accepted.ok) throw new Error(`acceptance ${i} failed: ${accepted.code} ${accepted.message}`);
      const client = await signIn(baseUrl, email, password);
      return { ...client, orgId, role };
    },
  );
  return [{ ...admin, role: "admin" }, ...others];
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and tables

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [
    headers,
    ...rows.map((row) =>
      row.map((cell) => (typeof cell === "number" ? (Number.isInteger(cell) ? String(cell) : cell.toFixed(1)) : cell)),
    ),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  const line = (row: (string | number)[]) =>
    `| ${row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

export interface Sample {
  op: string;
  ms: number;
  ok: boolean;
  status: number;
  code?: string;
  /** Milliseconds since the load started. */
  at: number;
}

export function latencyTable(samples: Sample[], seconds: number): string {
  const ops = [...new Set(samples.map((s) => s.op))].sort();
  const row = (label: string, list: Sample[]) => {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    return [
      label,
      list.length,
      list.filter((s) => !s.ok).length,
      percentile(ms, 50),
      percentile(ms, 95),
      percentile(ms, 99),
      ms.at(-1) ?? Number.NaN,
      list.length / seconds,
    ];
  };
  return table(
    ["procedure", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"],
    [
      ...ops.map((op) =>
        row(
          op,
          samples.filter((s) => s.op === op),
        ),
      ),
      row("ALL", samples),
    ],
  );
}
