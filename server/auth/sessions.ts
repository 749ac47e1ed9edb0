/**
 * Session lifetime rules for the JWT cookies (Auth.js calls these from server/auth/index.ts).
 *
 * Auth.js re-issues the cookie with a fresh expiry whenever the session is read (GET /api/auth/session, and
 * every `auth()`), so a cookie's `exp` alone would let a session live for ever. Hence:
 * - the token carries the time of the sign-in that started it (`ast`), and a session older than
 *   SESSION_ABSOLUTE_MAX_AGE_S ends, however often it was refreshed;
 * - signing out records the session's id in `revoked_sessions` until that absolute end (not just until the
 *   cookie's own `exp`), so no copy of the cookie can outlive its revocation;
 * - a revoked session is refused when it is read (one primary-key lookup), so it is not refreshed either,
 *   besides every API call refusing it (server/trpc/init.ts).
 */
import { eq, lt } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { z } from "zod";
import type { Database } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import { isDatabaseUnavailable } from "@/server/db/errors";

/** How long a session may stay idle: Auth.js's cookie and token lifetime, renewed when the session is read. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
/** How long a session may last after the sign-in that started it, however active it is. */
export const SESSION_ABSOLUTE_MAX_AGE_S = 30 * 24 * 60 * 60;

/* Claims of ours in the token: `sv` the user's session version when signing in (compared with
 * users.session_version on every call), `sid` this session's id (revoked_sessions), `ast` when the sign-in that
 * started the session happened (seconds since the epoch). */

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The claims of a new session, right after a successful sign-in. */
export function startSession(token: JWT, user: { id: string; sessionVersion?: number }, now = new Date()): JWT {
  token.sub = user.id;
  token.sv = user.sessionVersion ?? 1;
  token.sid = crypto.randomUUID();
  token.ast = seconds(now);
  return token;
}

/**
 * When the session started. Cookies issued before `ast` existed count from their `iat` (their last refresh;
 * a copy taken earlier has an earlier `iat`, so it also ends earlier).
 */
function sessionStartedAt(token: JWT, now = new Date()): number {
  if (typeof token.ast === "number") return token.ast;
  if (typeof token.iat === "number") return token.iat;
  return seconds(now);
}

/** Whether the session is past its absolute end (SESSION_ABSOLUTE_MAX_AGE_S after the sign-in that started it). */
export function sessionPastAbsoluteEnd(token: JWT, now = new Date()): boolean {
  return now.getTime() >= sessionAbsoluteEnd(token, now).getTime();
}

/** The moment after which the session is refused in any case. */
function sessionAbsoluteEnd(token: JWT, now = new Date()): Date {
  return new Date((sessionStartedAt(token, now) + SESSION_ABSOLUTE_MAX_AGE_S) * 1000);
}

/**
 * Auth.js's `jwt` callback for an existing session: the token to keep (and re-issue), or null to end the
 * session (Auth.js then clears the cookie). `db` is only opened when needed.
 */
export async function continueSession(token: JWT, db: () => Promise<Database>, now = new Date()): Promise<JWT | null> {
  const sessionId = token.sid;
  if (!token.sub || typeof sessionId !== "string" || !z.uuid().safeParse(sessionId).success) return null;
  token.ast = sessionStartedAt(token, now);
  if (sessionPastAbsoluteEnd(token, now)) return null;
  try {
    const [revoked] = await (
      await db()
    )
      .select({ id: revokedSessions.sessionId })
      .from(revokedSessions)
      .where(eq(revokedSessions.sessionId, sessionId));
    if (revoked) return null;
  } catch (error) {
    // The database is down: keep the cookie (ending it would sign everybody out during an outage). Nothing is
    // served meanwhile: every API call checks the session against the database and answers 503.
    if (!isDatabaseUnavailable(error)) throw error;
  }
  return token;
}

/** Until when a signed-out session's id must be remembered: as long as any copy of its cookie could be used. */
export function revocationExpiry(token: JWT, now = new Date()): Date {
  const absoluteEnd = sessionAbsoluteEnd(token, now).getTime();
  const cookieEnd = typeof token.exp === "number" ? token.exp * 1000 : now.getTime() + SESSION_MAX_AGE_S * 1000;
  return new Date(Math.max(absoluteEnd, cookieEnd));
}

/**
 * Ends one session (a signed cookie) for good: its id is remembered until no copy of the cookie could be used
 * any more (revocationExpiry), and the session is refused when read (continueSession) and by every request
 * (server/trpc/init.ts). Runs on the privileged connection at sign-out.
 */
export async function revokeSession(
  db: Database,
  session: { sessionId: string; userId: string; expiresAt: Date },
  now = new Date(),
): Promise<void> {
  await db.insert(revokedSessions).values(session).onConflictDoNothing();
  // Housekeeping: past its absolute end a session is refused anyway, so its entry is no longer needed.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
}
