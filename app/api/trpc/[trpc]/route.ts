import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { createContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { sessionClaims } from "@/server/trpc/session";

/** Requests whose Origin is another site are refused: a forged cross-site mutation never reaches a procedure. */
function isCrossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false; // same-origin fetches from older browsers, and server-to-server calls
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function handler(request: Request) {
  if (request.method !== "GET" && isCrossSite(request)) {
    return Response.json({ error: { message: "Cross-site request refused." } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      const [session, { db }] = await Promise.all([auth(), getDatabase()]);
      return createContext({ db, session: sessionClaims(session), headers: request.headers });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
