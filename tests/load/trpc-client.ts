/** Signed-in HTTP clients of the load and fault scripts, speaking tRPC (single calls and batches). */
import superjson from "superjson";
import { DEMO_ADMIN } from "./lib";

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
