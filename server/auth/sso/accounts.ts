/**
 * Who an accepted ID token signs in (docs/sso.md "Accounts"). In the callback's transaction, on the privileged
 * connection:
 * - a provider account already linked to a member (sso_identities, by `sub`) is that member;
 * - else the Tandem account with the same verified email is linked (never a second account) — if it is a member
 *   of this organization, or of none yet (it then joins just in time); an account that belongs only to other
 *   organizations is refused, so that one organization's provider cannot take over anybody's account;
 * - else a person from a covered domain gets an account (their email verified by the provider) and joins with the
 *   organization's default role and team;
 * - a deactivated member is refused, whatever the provider says.
 */
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, ssoIdentities, teamMembers, users } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { recordAudit } from "@/server/services/audit";
import { normalizeEmail } from "../credentials";
import { hashPassword } from "../password";
import { isCoveredEmail } from "./domains";
import type { IdTokenClaims } from "./id-token";

export type AccountRefusal =
  | "email_missing"
  | "email_not_verified"
  | "domain_not_covered"
  | "identity_mismatch"
  | "account_elsewhere"
  | "deactivated";

export interface SsoOrg {
  orgId: string;
  domains: readonly string[];
  defaultRole: Role;
  defaultTeamId: string | null;
}

export type SsoPerson = { ok: true; userId: string; outcome: "returned" | "linked" | "joined" | "created" };

export async function resolveSsoPerson(
  tx: Database,
  org: SsoOrg,
  claims: IdTokenClaims,
): Promise<SsoPerson | { ok: false; reason: AccountRefusal; userId: string | null }> {
  const [identity] = await tx
    .select({ userId: ssoIdentities.userId })
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.orgId, org.orgId), eq(ssoIdentities.subject, claims.subject)));
  if (identity) {
    const status = await membershipStatus(tx, org.orgId, identity.userId);
    if (status !== "active") return { ok: false, reason: "deactivated", userId: identity.userId };
    return { ok: true, userId: identity.userId, outcome: "returned" };
  }

  if (!claims.email) return { ok: false, reason: "email_missing", userId: null };
  if (!claims.emailVerified) return { ok: false, reason: "email_not_verified", userId: null };
  const email = normalizeEmail(claims.email);
  if (!isCoveredEmail(email, org.domains)) return { ok: false, reason: "domain_not_covered", userId: null };

  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) {
    const userId = crypto.randomUUID();
    // No password: a random one nobody knows (the person may set one through "Forgot password?").
    const passwordHash = await hashPassword(crypto.randomUUID());
    await tx
      .insert(users)
      .values({ id: userId, email, name: claims.name?.trim() || email.split("@")[0]!, passwordHash });
    await joinJustInTime(tx, org, userId, claims.subject);
    return { ok: true, userId, outcome: "created" };
  }

  const status = await membershipStatus(tx, org.orgId, user.id);
  if (status === "deactivated") return { ok: false, reason: "deactivated", userId: user.id };
  if (status === "active") {
    const [linked] = await tx
      .select({ subject: ssoIdentities.subject })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.orgId, org.orgId), eq(ssoIdentities.userId, user.id)));
    // Already linked to another provider account: the provider reassigned the address; refuse rather than guess.
    if (linked) return { ok: false, reason: "identity_mismatch", userId: user.id };
    await tx.insert(ssoIdentities).values({ orgId: org.orgId, subject: claims.subject, userId: user.id });
    return { ok: true, userId: user.id, outcome: "linked" };
  }
  const [elsewhere] = await tx
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), ne(memberships.orgId, org.orgId)))
    .limit(1);
  if (elsewhere) return { ok: false, reason: "account_elsewhere", userId: user.id };
  await joinJustInTime(tx, org, user.id, claims.subject);
  return { ok: true, userId: user.id, outcome: "joined" };
}

async function membershipStatus(tx: Database, orgId: string, userId: string) {
  const [membership] = await tx
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return membership?.status ?? null;
}

/** Membership with the default role, the default team (if any), the provider link, and the audit entry. */
async function joinJustInTime(tx: Database, org: SsoOrg, userId: string, subject: string): Promise<void> {
  await tx.insert(memberships).values({ orgId: org.orgId, id: crypto.randomUUID(), userId, role: org.defaultRole });
  if (org.defaultTeamId) {
    await tx.insert(teamMembers).values({ orgId: org.orgId, teamId: org.defaultTeamId, userId, isManager: false });
  }
  await tx.insert(ssoIdentities).values({ orgId: org.orgId, subject, userId });
  await recordAudit(tx, {
    orgId: org.orgId,
    actorId: userId,
    action: "member.joined_via_sso",
    entityType: "member",
    entityId: userId,
    after: { role: org.defaultRole, teamId: org.defaultTeamId },
  });
}
