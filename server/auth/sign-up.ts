/**
 * Sign-up with a confirmed email (docs/security.md, promise 4). Signing up only records a request and mails a
 * link; following the link and giving the chosen password again creates the account and the organization. Until
 * then nothing exists under that address: it cannot be squatted (the real owner's own sign-up or invitation is
 * never refused because of it), cannot join an organization and is never matched to an invitation.
 * Why the password again: the link proves the mailbox, the password proves the person who chose it, so someone
 * who types another person's address cannot get an account created with *their* password by that person
 * clicking a link out of curiosity. It also lets the confirmation sign the person in straight away.
 * Runs on the privileged connection: there is no tenant yet.
 */
import { and, desc, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, organizations, signUpRequests, users } from "@/db/schema";
import { isUniqueViolation } from "@/server/db/errors";
import { AppError, conflict, notFound } from "@/server/domain/errors";
import { recordAudit } from "@/server/services/audit";
import { queueEmail } from "@/server/services/mailer";
import { uniqueSlug } from "@/server/services/organizations";
import { alreadyHaveAccountEmail, signUpConfirmationEmail } from "./emails";
import { hashPassword, verifyPassword } from "./password";
import { hashToken, newToken, usableLink } from "./tokens";

export const SIGN_UP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Requests are kept this long after they expired, so that an old link says "expired" rather than "not valid". */
const EXPIRED_REQUEST_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}

/**
 * Records the request and mails its link; if the address already has an account, mails that account a note
 * instead. The caller's answer is the same either way (it cannot tell whether the address has an account).
 */
export async function requestSignUp(db: Database, input: SignUpInput, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(input.password); // in both cases, so both take as long
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) {
    queueEmail(alreadyHaveAccountEmail(input.email));
    return;
  }
  const token = newToken();
  await db.insert(signUpRequests).values({
    id: crypto.randomUUID(),
    email: input.email,
    name: input.name,
    organizationName: input.organizationName,
    passwordHash,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + SIGN_UP_LINK_LIFETIME_MS),
  });
  // Housekeeping: requests long expired are never needed again (and hold a password hash).
  await db
    .delete(signUpRequests)
    .where(lt(signUpRequests.expiresAt, new Date(now.getTime() - EXPIRED_REQUEST_RETENTION_MS)));
  queueEmail(signUpConfirmationEmail(input, token));
}

/** The newest request of this address still waiting for its confirmation, if any. */
export async function pendingSignUp(db: Database, email: string, now = new Date()) {
  const [request] = await db
    .select({ id: signUpRequests.id, passwordHash: signUpRequests.passwordHash })
    .from(signUpRequests)
    .where(and(eq(signUpRequests.email, email), isNull(signUpRequests.confirmedAt), gt(signUpRequests.expiresAt, now)))
    .orderBy(desc(signUpRequests.createdAt))
    .limit(1);
  return request ?? null;
}

/** Mails the newest waiting request's link again, with a new token (the previous link stops working). */
export async function resendSignUpLink(db: Database, email: string, now = new Date()): Promise<void> {
  const request = await pendingSignUp(db, email, now);
  if (!request) return;
  const token = newToken();
  const [updated] = await db
    .update(signUpRequests)
    .set({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SIGN_UP_LINK_LIFETIME_MS) })
    .where(eq(signUpRequests.id, request.id))
    .returning({
      email: signUpRequests.email,
      name: signUpRequests.name,
      organizationName: signUpRequests.organizationName,
    });
  if (updated) queueEmail(signUpConfirmationEmail(updated, token));
}

export const SIGN_UP_LINK_MESSAGES = {
  invalid: "This confirmation link is not valid. Sign up again to get a new one.",
  expired: "This confirmation link has expired. Sign up again, or sign in to have a new link sent.",
  used: "This email is already confirmed. Sign in to continue.",
} as const;

/** The request a link names, while it can still be confirmed; else NOT_FOUND saying why. */
export async function findSignUpRequest(db: Database, token: string, now = new Date()) {
  const [request] = await db
    .select()
    .from(signUpRequests)
    .where(eq(signUpRequests.tokenHash, hashToken(token)));
  return usableLink(
    request,
    (link) => ({ usedAt: link.confirmedAt, expiresAt: link.expiresAt }),
    SIGN_UP_LINK_MESSAGES,
    now,
  );
}

export const WRONG_SIGN_UP_PASSWORD_MESSAGE = "That is not the password you chose when you signed up.";

/**
 * Creates the account (its email proven by the link) and the organization with its admin membership. Works once;
 * a wrong password changes nothing. If the address got an account meanwhile (it joined through an invitation),
 * nothing is created: CONFLICT.
 */
export async function confirmSignUp(
  db: Database,
  input: { token: string; password: string },
  now = new Date(),
): Promise<{ orgSlug: string; email: string }> {
  const request = await findSignUpRequest(db, input.token, now);
  if (!(await verifyPassword(request.passwordHash, input.password))) {
    throw new AppError("UNAUTHORIZED", WRONG_SIGN_UP_PASSWORD_MESSAGE);
  }
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .update(signUpRequests)
        .set({ confirmedAt: now })
        .where(and(eq(signUpRequests.id, request.id), isNull(signUpRequests.confirmedAt)))
        .returning({ id: signUpRequests.id });
      if (claimed.length === 0) notFound(undefined, SIGN_UP_LINK_MESSAGES.used);
      const userId = crypto.randomUUID();
      const orgId = crypto.randomUUID();
      const slug = await uniqueSlug(tx, request.organizationName);
      await tx
        .insert(users)
        .values({ id: userId, email: request.email, name: request.name, passwordHash: request.passwordHash });
      await tx.insert(organizations).values({ id: orgId, name: request.organizationName, slug });
      await tx.insert(memberships).values({ orgId, id: crypto.randomUUID(), userId, role: "admin" });
      await recordAudit(tx, {
        orgId,
        actorId: userId,
        action: "organization.created",
        entityType: "organization",
        entityId: orgId,
        after: { name: request.organizationName },
      });
      // The address is taken now: other requests for it (someone else's, or older ones) can never be confirmed.
      await tx
        .delete(signUpRequests)
        .where(and(eq(signUpRequests.email, request.email), ne(signUpRequests.id, request.id)));
      return { orgSlug: slug, email: request.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      conflict(undefined, "This email already has a Tandem account. Sign in instead.");
    }
    throw error;
  }
}
