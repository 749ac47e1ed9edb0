import type { Session } from "next-auth";
import type { SessionClaims } from "./init";

export function sessionClaims(session: Session | null): SessionClaims | null {
  return session?.userId ? { userId: session.userId, sessionVersion: session.sessionVersion } : null;
}
