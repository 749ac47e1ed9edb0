/** Requests through the real tRPC HTTP handler (server/trpc/http.ts) with a session of our choosing, no server. */
import type { Database } from "@/db/client";
import { handleTrpcRequest } from "@/server/trpc/http";
import { createContext, type Context } from "@/server/trpc/init";

export const BASE = "http://tandem.test";

export interface HttpSession {
  user: { id: string } | null;
  /** Sent as the x-tandem-org header. */
  orgId?: string;
}

function contextFor(db: Database, session: HttpSession) {
  return (request: Request) => async (): Promise<Context> =>
    createContext({
      db,
      session: session.user ? { userId: session.user.id, sessionVersion: 1, sessionId: crypto.randomUUID() } : null,
      headers: request.headers,
    });
}

/** `url` (e.g. "/api/trpc/teams.list") as `session` would send it from the browser. */
export async function send(db: Database, session: HttpSession, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("host", new URL(BASE).host);
  if (session.orgId) headers.set("x-tandem-org", session.orgId);
  const request = new Request(new URL(url, BASE), {
    ...init,
    headers,
    duplex: init.body instanceof ReadableStream ? "half" : undefined,
  } as RequestInit);
  return handleTrpcRequest(request, contextFor(db, session)(request));
}
