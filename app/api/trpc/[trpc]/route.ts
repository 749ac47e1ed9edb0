import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { appReplicas } from "@/server/db/replicas";
import { handleTrpcRequest } from "@/server/trpc/http";
import { createContext } from "@/server/trpc/init";
import { sessionClaims } from "@/server/trpc/session";

/**
 * tRPC over HTTP. `handleTrpcRequest` refuses cross-site mutations (403), bodies over the limit (413, see
 * BODY_LIMITS) and answers 503 while the database is unreachable.
 */
function handler(request: Request) {
  return handleTrpcRequest(request, async () => {
    const [session, { db }] = await Promise.all([auth(), getDatabase()]);
    return createContext({ db, session: sessionClaims(session), headers: request.headers, replicas: appReplicas() });
  });
}

export { handler as GET, handler as POST };
