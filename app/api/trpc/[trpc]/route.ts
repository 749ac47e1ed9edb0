import { getDatabase } from "@/server/db";
import { appReplicas } from "@/server/db/replicas";
import { handleTrpcRequest } from "@/server/trpc/http";
import { contextOfRequest } from "@/server/trpc/request-context";

/**
 * tRPC over HTTP. `handleTrpcRequest` refuses cross-site mutations (403), bodies over the limit (413, see
 * BODY_LIMITS) and answers 503 while the database is unreachable. The session is read from its cookie alone
 * (server/auth/session-cookie.ts): every signed-in procedure checks revocation and the session version itself.
 */
function handler(request: Request) {
  return handleTrpcRequest(request, async () => contextOfRequest(request, (await getDatabase()).db, appReplicas()));
}

export { handler as GET, handler as POST };
