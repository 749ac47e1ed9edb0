/** The context of a tRPC request over HTTP (app/api/trpc): the session from its cookie, the org from its header. */
import type { Database } from "@/db/client";
import { sessionFromCookie } from "@/server/auth/session-cookie";
import type { ReplicaSet } from "@/server/db/replicas";
import { createContext, type Context } from "./init";

export async function contextOfRequest(request: Request, db: Database, replicas: ReplicaSet | null): Promise<Context> {
  return createContext({ db, session: await sessionFromCookie(request.headers), headers: request.headers, replicas });
}
