/**
 * Password reset by a mailed link (docs/security.md, promise 4): the token's SHA-256 is stored, the link expires
 * after 30 minutes and works once. Asking for one answers the same whether the address has an account or not
 * (the mail is only sent when it has). Resetting ends every session of the account (users.session_version, as
 * "sign out everywhere" does), invalidates its other reset links, and lifts the account's sign-in throttle (the
 * person has just proved they own the mailbox). Runs on the privileged connection: the person is signed out.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, passwordResets, users } from "@/db/schema";
import { notFound } from "@/server/domain/errors";
import { recordAudit } from "@/server/services/audit";
import { queueEmail } from "@/server/services/mailer";
import { throttleKeys } from "./credentials";
import { passwordChangedEmail, passwordResetEmail } from "./emails";
import { hashPassword } from "./password";
import { clearAttempts } from "./throttle";
import { hashToken, newToken, usableLink } from "./tokens";

export const PASSWORD_RESET_LIFETIME_MS = 30 * 60 * 1000;
/** Links are kept a day after they expired or were used, so that an old link says why it no longer works. */
const SPENT_LINK_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Mails a reset link if the address has an account; nothing otherwise. */
export async function requestPasswordReset(db: Database, email: string, now = new Date()): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return;
  const token = newToken();
  await db.insert(passwordResets).values({
    id: crypto.randomUUID(),
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS),
  });
  await db
    .delete(passwordResets)
    .where(lt(passwordResets.expiresAt, new Date(now.getTime() - SPENT_LINK_RETENTION_MS)));
  queueEmail(passwordResetEmail(email, token, PASSWORD_RESET_LIFETIME_MS / 60_000));
}

export const RESET_LINK_MESSAGES = {
  invalid: "This password reset link is not valid. Ask for a new one.",
  expired: "This password reset link has expired (links work for 30 minutes). Ask for a new one.",
  used: "This password reset link was already used. Ask for a new one if you need to.",
} as const;

/** The account a link may reset, while it can; else NOT_FOUND saying why. */
export async function findPasswordReset(db: Database, token: string, now = new Date()) {
  const [reset] = await db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      email: users.email,
      state: { expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt },
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  return usableLink(reset, (link) => link.state, RESET_LINK_MESSAGES, now);
}

/** Sets the new password and ends every session of the account. Works once per link. */
export async function resetPassword(
  db: Database,
  input: { token: string; password: string },
  now = new Date(),
): Promise<{ email: string }> {
  const reset = await findPasswordReset(db, input.token, now);
  const passwordHash = await hashPassword(input.password);
  const email = await db.transaction(async (tx) => {
    // Claims the link: of two simultaneous uses, one wins. Every other unused link of the account goes too.
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id, expiresAt: passwordResets.expiresAt });
    const own = claimed.find((link) => link.id === reset.id);
    if (!own || own.expiresAt.getTime() <= now.getTime()) notFound(undefined, RESET_LINK_MESSAGES.used);
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, reset.userId))
      .returning({ email: users.email, sessionVersion: users.sessionVersion });
    const orgs = await tx
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(and(eq(memberships.userId, reset.userId), eq(memberships.status, "active")));
    for (const { orgId } of orgs) {
      await recordAudit(tx, {
        orgId,
        actorId: reset.userId,
        action: "member.password_reset",
        entityType: "member",
        entityId: reset.userId,
        after: { sessionVersion: user!.sessionVersion },
      });
    }
    return user!.email;
  });
  await clearAttempts(db, throttleKeys.account(email));
  queueEmail(passwordChangedEmail(email));
  return { email };
}
