import { lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { revokedSessions } from "@/db/schema";

/**
 * Ends one session (a signed cookie) for good: its id is remembered until the cookie would have expired,
 * and every request refuses it (server/trpc/init.ts). Runs on the privileged connection at sign-out.
 */
export async function revokeSession(db: Database, session: { sessionId: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(revokedSessions).values(session).onConflictDoNothing();
  // Housekeeping: an expired cookie is refused anyway, so its entry is no longer needed.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
}
