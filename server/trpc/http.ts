/**
 * The tRPC HTTP endpoint (`/api/trpc`), kept out of the route file so that tests can drive it with their own
 * context: refuses cross-site mutations, caps request bodies, enforces the cost limits (rate, rows per request),
 * and answers 503 when the database is away.
 */
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { noteDatabaseFailure } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { abandonDuringOutage } from "@/server/db/outage";
import { DATABASE_UNAVAILABLE_MESSAGE, withConnectionParams, type Context } from "./init";
import { chargeRequest, userBucket } from "@/server/services/rate-limit";
import { MAX_ROWS_PER_REQUEST, rowsAskedByRequest } from "./request-cost";
import { appRouter } from "./root";

export const TRPC_ENDPOINT = "/api/trpc";

const MB = 1024 * 1024;

/**
 * Most calls one batched request may carry; a longer batch is refused with 400 before any runs. The
 * browser client sends at most 20 (components/trpc/provider.tsx), so this only stops abuse: one request
 * must not be able to fan out into unbounded work.
 */
export const MAX_BATCH_SIZE = 50;

/** The body limit of every procedure not listed in BODY_LIMITS. */
export const DEFAULT_BODY_LIMIT = 1 * MB;

/**
 * Larger bodies, per procedure path. A batched request gets the largest limit among its procedures; each
 * procedure's input schema still bounds its own fields. Next's proxy buffers at most 10 MB of a body
 * (`proxyClientMaxBodySize`), so no entry may exceed that.
 */
export const BODY_LIMITS: readonly { path: RegExp; bytes: number; why: string }[] = [
  { path: /^imports\./, bytes: 8 * MB, why: "CSV import: a 5 MB file, JSON-escaped inside the request" },
];

/** The procedure paths a request names: `/api/trpc/a.b,c.d?batch=1` → ["a.b", "c.d"]. */
export function procedurePaths(url: URL): string[] {
  const rest = url.pathname.startsWith(TRPC_ENDPOINT) ? url.pathname.slice(TRPC_ENDPOINT.length) : url.pathname;
  return decodeURIComponent(rest.replace(/^\/+|\/+$/g, ""))
    .split(",")
    .filter(Boolean);
}

export function bodyLimitFor(paths: readonly string[]): number {
  let limit = DEFAULT_BODY_LIMIT;
  for (const path of paths) {
    for (const entry of BODY_LIMITS) if (entry.path.test(path)) limit = Math.max(limit, entry.bytes);
  }
  return limit;
}

/** Requests whose Origin is another site are refused: a forged cross-site mutation never reaches a procedure. */
export function isCrossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false; // same-origin fetches from older browsers, and server-to-server calls
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function tooLarge(limit: number): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request body is larger than ${Math.round(limit / 1024)} KB.`,
  });
}

/**
 * The request with its body capped at `limit` bytes: a declared Content-Length above it is refused before
 * anything is read, and a body streamed without one is cut off as soon as it passes the limit. tRPC turns
 * the error into its usual error answer, HTTP 413.
 */
function withBodyLimit(request: Request, limit: number): Request {
  if (!request.body) return request;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  let received = 0;
  const reader = request.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (Number.isFinite(declared) && declared > limit) {
        controller.error(tooLarge(limit));
        void reader.cancel().catch(() => {});
      }
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      if (received > limit) {
        controller.error(tooLarge(limit));
        await reader.cancel().catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

export const TOO_MANY_ROWS_MESSAGE = (rows: number) =>
  `This request asks for up to ${rows.toLocaleString("en-US")} rows; at most ${MAX_ROWS_PER_REQUEST.toLocaleString("en-US")} per request (all calls of a batch together). Ask for fewer rows or split it.`;
export const RATE_LIMITED_MESSAGE = (seconds: number) =>
  `Too many requests. Please try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;

/**
 * The cost limits of a request, checked once the context exists and before any call runs (an error thrown here
 * answers every call of the batch): a signed-in caller's request is charged to the user's and the organization's
 * rate buckets, one token per call (429 TOO_MANY_REQUESTS with `Retry-After`); then the rows its calls ask for
 * must fit MAX_ROWS_PER_REQUEST (400 BAD_REQUEST).
 */
async function enforceCostLimits(
  request: Request,
  ctx: Context,
  paths: readonly string[],
  onRetryAfter: (seconds: number) => void,
): Promise<void> {
  if (ctx.session) {
    const { userId } = ctx.session;
    const decision = await chargeRequest(ctx.db, {
      bucket: userBucket(userId),
      member: ctx.orgId ? { orgId: ctx.orgId, userId } : null,
      cost: Math.max(1, paths.length),
    });
    if (!decision.allowed) {
      onRetryAfter(decision.retryAfterSeconds);
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: RATE_LIMITED_MESSAGE(decision.retryAfterSeconds) });
    }
  }
  const rows = rowsAskedByRequest(request, paths);
  if (rows > MAX_ROWS_PER_REQUEST) throw new TRPCError({ code: "BAD_REQUEST", message: TOO_MANY_ROWS_MESSAGE(rows) });
}

export async function handleTrpcRequest(request: Request, createContext: () => Promise<Context>): Promise<Response> {
  if (request.method !== "GET" && isCrossSite(request)) {
    return Response.json({ error: { message: "Cross-site request refused." } }, { status: 403 });
  }
  const paths = procedurePaths(new URL(request.url));
  const limit = bodyLimitFor(paths);
  let retryAfterSeconds: number | null = null;
  const startedAt = Date.now();
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: withBodyLimit(request, limit),
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async ({ info }) => {
      try {
        const prepare = async () => {
          const ctx = withConnectionParams(await createContext(), info.connectionParams);
          if (paths.length <= MAX_BATCH_SIZE) {
            await enforceCostLimits(request, ctx, paths, (seconds) => (retryAfterSeconds = seconds));
          }
          return ctx;
        };
        return await abandonDuringOutage(prepare(), startedAt);
      } catch (error) {
        // The first request after a start-up without a database, or while it restarts.
        if (isDatabaseUnavailable(error)) {
          noteDatabaseFailure(error);
          throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
        }
        throw error;
      }
    },
    responseMeta: () => (retryAfterSeconds === null ? {} : { headers: { "retry-after": String(retryAfterSeconds) } }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
      if (error.code === "SERVICE_UNAVAILABLE")
        console.warn(
          `[trpc] ${new Date().toISOString()} ${path ?? "?"}: database unavailable (${describe(error.cause)})`,
        );
    },
  });
}

function describe(error: unknown): string {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return [code, message].filter((part) => typeof part === "string" && part).join(" ") || "unknown";
  }
  return String(error);
}
