/**
 * Password sign-in under "SSO required" (docs/sso.md "Enforcement"): after the password was verified, a person
 * who is an active non-admin member of an organization that requires SSO is refused (and told to use SSO); an
 * admin of such an organization keeps a break-glass password sign-in, recorded in its audit log. Refusals are
 * audited too. Privileged connection, like the password check.
 */
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, ssoConfigs } from "@/db/schema";
import { recordAudit } from "@/server/services/audit";

export async function passwordSignInAllowed(db: Database, userId: string): Promise<boolean> {
  const enforced = await db
    .select({ orgId: memberships.orgId, role: memberships.role })
    .from(memberships)
    .innerJoin(ssoConfigs, and(eq(ssoConfigs.orgId, memberships.orgId), eq(ssoConfigs.required, true)))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")));
  if (enforced.length === 0) return true;
  const allowed = enforced.every((membership) => membership.role === "admin");
  for (const { orgId } of enforced) {
    await recordAudit(db, {
      orgId,
      actorId: userId,
      action: allowed ? "sso.break_glass_sign_in" : "sso.password_refused",
      entityType: "member",
      entityId: userId,
    });
  }
  return allowed;
}
