import { handleRestRequest } from "@/server/api/handler";
import { getDatabase } from "@/server/db";

/** The REST API (docs/api.md): every route of server/api/routes.ts, authenticated by an API key. */
async function handler(request: Request) {
  const { db } = await getDatabase();
  return handleRestRequest(db, request);
}

export { handler as GET, handler as POST, handler as PATCH, handler as DELETE };
