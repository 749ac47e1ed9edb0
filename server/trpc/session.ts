import type { Session } from "next-auth";
import type { SessionClaims } from "./init";

/** A session cookie without an id cannot be revoked, so it is not accepted (every issued cookie has one). */
export function sessionClaims(session: Session | null): SessionClaims | null {
  return session?.userId && session.sessionId
    ? { userId: session.userId, sessionVersion: session.sessionVersion, sessionId: session.sessionId }
    : null;
}
