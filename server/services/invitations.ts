import { and, eq, isNull, type SQL } from "drizzle-orm";
import { invitations } from "@/db/schema";

/**
 * The organization's invitations that `which` picks and that are still unused: neither accepted nor revoked
 * (expiry is checked where a link is followed). Creating one revokes the email's earlier ones through it;
 * accepting one claims it through it, so a link works once.
 */
export function unusedInvitations(orgId: string, which: SQL) {
  return and(eq(invitations.orgId, orgId), which, isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
}
