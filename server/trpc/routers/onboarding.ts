/**
 * Public entry points: sign up (confirmed by a mailed link, server/auth/sign-up.ts) and accepting an invitation.
 * They run on the privileged connection because there is no tenant yet (a new organization) or the tenant is only
 * known through the invitation token.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { invitations, memberships, organizations, teamMembers, users } from "@/db/schema";
import { clientIp } from "@/server/auth/client-ip";
import { verifyCredentials } from "@/server/auth/credentials";
import { deviceCookieFrom } from "@/server/auth/device-cookie";
import { hashPassword } from "@/server/auth/password";
import { countPublicRequest, type PublicLimits } from "@/server/auth/public-limits";
import { confirmSignUp, findSignUpRequest, requestSignUp, resendSignUpLink } from "@/server/auth/sign-up";
import { hashToken, tokenSchema, usableLink } from "@/server/auth/tokens";
import type { Role } from "@/server/authz/permissions";
import { recordAudit } from "@/server/services/audit";
import { unusedInvitations } from "@/server/services/invitations";
import { assertAnotherActiveAdmin } from "@/server/services/organizations";
import { publicProcedure, router } from "../init";
import { emailSchema, nameSchema, passwordSchema, roleSchema } from "@/server/domain/schemas";
import { AppError, badRequest } from "@/server/domain/errors";

/**
 * Per-address limits of the public entry points that create accounts (each runs argon2 and writes rows) or send
 * mail (server/auth/public-limits.ts; mails to one address are capped there too).
 * - Sign-up: every attempt counts (each one mails the address).
 * - Resending a confirmation link: every attempt counts.
 * - Confirming a sign-up and accepting an invitation: only failures count. A success needs a link mailed to
 *   that address, so a whole office joining at once from one address is never held up.
 */
export const SIGN_UP_LIMIT = { max: 10, windowMs: 60 * 60 * 1000 } as const;
export const RESEND_LIMIT = { max: 20, windowMs: 60 * 60 * 1000 } as const;
export const ACCEPT_INVITATION_FAILURE_LIMIT = { max: 20, windowMs: 15 * 60 * 1000 } as const;
export const SIGN_UP_THROTTLED_MESSAGE = "Too many sign-ups from your network or for this email. Try again in an hour.";
export const RESEND_THROTTLED_MESSAGE = "Too many links were sent. Wait an hour, then try again.";
export const ACCEPT_THROTTLED_MESSAGE = "Too many failed attempts to join from your network. Try again in 15 minutes.";

const failuresFrom = (ipPrefix: string) => ({
  ipPrefix,
  perIp: ACCEPT_INVITATION_FAILURE_LIMIT,
  message: ACCEPT_THROTTLED_MESSAGE,
});

/**
 * A public request that may mail an address (a link, or a note): counted against `limits` per client address and
 * against the address's mail cap, then `send` decides what to mail. The answer is the address, whatever was sent.
 */
export function mailRequest(
  limits: Omit<PublicLimits, "mailTo">,
  send: (db: Database, email: string) => Promise<void>,
) {
  return publicProcedure
    .input(z.object({ email: emailSchema }))
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await countPublicRequest(ctx.db, ctx.headers, { ...limits, mailTo: input.email });
      await send(ctx.db, input.email);
      return { email: input.email };
    });
}

const INVITATION_LINK_MESSAGES = {
  invalid: "This invitation link is not valid.",
  revoked: "This invitation was revoked.",
  used: "This invitation was already used.",
  expired: "This invitation has expired.",
};

async function findUsableInvitation(db: Database, token: string) {
  const [invitation] = await db
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      email: invitations.email,
      role: invitations.role,
      teamId: invitations.teamId,
      state: { expiresAt: invitations.expiresAt, usedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt },
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return usableLink(invitation, (link) => link.state, INVITATION_LINK_MESSAGES);
}

export const onboardingRouter = router({
  /**
   * Asks to create an account and an organization: mails a confirmation link to the address (or, when it already
   * has an account, a note saying so). The answer is the same in both cases: it never tells whether an email has
   * an account.
   */
  signUp: publicProcedure
    .input(z.object({ name: nameSchema, email: emailSchema, password: passwordSchema, organizationName: nameSchema }))
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await countPublicRequest(ctx.db, ctx.headers, {
        ipPrefix: "signup-ip",
        perIp: SIGN_UP_LIMIT,
        mailTo: input.email,
        message: SIGN_UP_THROTTLED_MESSAGE,
      });
      await requestSignUp(ctx.db, input);
      return { email: input.email };
    }),

  /** Mails the link of the address's waiting sign-up again (same answer when there is none). */
  resendSignUpLink: mailRequest(
    { ipPrefix: "resend-ip", perIp: RESEND_LIMIT, message: RESEND_THROTTLED_MESSAGE },
    resendSignUpLink,
  ),

  /** What a confirmation link would create (its page shows it before asking for the password). */
  signUpRequest: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .output(z.object({ email: z.string(), name: z.string(), organizationName: z.string() }))
    .query(async ({ ctx, input }) => {
      const { email, name, organizationName } = await findSignUpRequest(ctx.db, input.token);
      return { email, name, organizationName };
    }),

  /** Follows a confirmation link: with the password chosen at sign-up, creates the account and organization. */
  confirmSignUp: publicProcedure
    .input(z.object({ token: tokenSchema, password: passwordSchema }))
    .output(z.object({ orgSlug: z.string(), email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const attempt = await countPublicRequest(ctx.db, ctx.headers, failuresFrom("confirm-ip"));
      const created = await confirmSignUp(ctx.db, input);
      await attempt.forget(); // only failures count
      return created;
    }),

  invitation: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .output(z.object({ orgName: z.string(), email: z.string(), role: roleSchema, hasAccount: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const invitation = await findUsableInvitation(ctx.db, input.token);
      const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
      return {
        orgName: invitation.orgName,
        email: invitation.email,
        role: invitation.role,
        hasAccount: Boolean(existing),
      };
    }),

  /**
   * Joins the invitation's organization. A newcomer sets a name and password; someone who already has a
   * Tandem account confirms with their password instead. Works once.
   */
  acceptInvitation: publicProcedure
    .input(z.object({ token: tokenSchema, name: nameSchema.optional(), password: passwordSchema }))
    .output(z.object({ orgSlug: z.string(), email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const attempt = await countPublicRequest(ctx.db, ctx.headers, failuresFrom("invite-ip"));
      const joined = await acceptInvitation(ctx, input);
      await attempt.forget(); // only failures count
      return joined;
    }),
});

async function acceptInvitation(
  ctx: { db: Database; headers: Headers },
  input: { token: string; name?: string; password: string },
) {
  const invitation = await findUsableInvitation(ctx.db, input.token);
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  if (existing) {
    // A password check like signing in, so it is throttled like signing in (else an admin could invite
    // anyone's email and guess their password through the invitation without limit). A browser the person
    // signed in with before (device cookie) is not held up by someone else's guessing.
    const check = await verifyCredentials(ctx.db, {
      email: invitation.email,
      password: input.password,
      ip: clientIp(ctx.headers),
      device: deviceCookieFrom(ctx.headers),
    });
    if (!check.ok && check.reason === "throttled") {
      throw new AppError("TOO_MANY_REQUESTS", "Too many failed attempts. Try again in 15 minutes.");
    }
    if (!check.ok || check.userId !== existing.id) {
      throw new AppError("UNAUTHORIZED", "That is not the password of your existing Tandem account.");
    }
  }
  if (!existing && !input.name) {
    badRequest("name", "Required");
  }
  const passwordHash = existing ? null : await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(unusedInvitations(invitation.orgId, eq(invitations.id, invitation.id)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new AppError("NOT_FOUND", "This invitation was already used.");

    const userId = existing?.id ?? crypto.randomUUID();
    if (!existing) {
      await tx
        .insert(users)
        .values({ id: userId, email: invitation.email, name: input.name!, passwordHash: passwordHash! });
    }
    await joinWithRole(tx, { orgId: invitation.orgId, userId, role: invitation.role, invitationId: invitation.id });
    if (invitation.teamId) {
      await tx
        .insert(teamMembers)
        .values({ orgId: invitation.orgId, teamId: invitation.teamId, userId, isManager: false })
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      orgId: invitation.orgId,
      actorId: userId,
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: invitation.id,
      after: { email: invitation.email, role: invitation.role },
    });
    return { orgSlug: invitation.orgSlug, email: invitation.email };
  });
}

/**
 * Gives the invitee the invitation's role in the organization. Usually a new membership; but the person may
 * already have one (an invitation created just before they joined through another link, then deactivated
 * or given another role): then the change is audited like an admin's (member.reactivated,
 * member.role_changed) and the organization's last active admin cannot be demoted this way.
 */
async function joinWithRole(tx: Database, join: { orgId: string; userId: string; role: Role; invitationId: string }) {
  const inserted = await tx
    .insert(memberships)
    .values({ orgId: join.orgId, id: crypto.randomUUID(), userId: join.userId, role: join.role })
    .onConflictDoNothing({ target: [memberships.orgId, memberships.userId] })
    .returning({ id: memberships.id });
  if (inserted.length > 0) return;

  const [current] = await tx
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, join.orgId), eq(memberships.userId, join.userId)))
    .for("update");
  if (!current) throw new AppError("CONFLICT", "Joining the organization failed. Please try again.");
  if (current.role === join.role && current.status === "active") return;
  if (current.role === "admin" && current.status === "active" && join.role !== "admin") {
    await assertAnotherActiveAdmin(
      tx,
      join.orgId,
      join.userId,
      "You are this organization's last active admin: accepting this invitation would change your role.",
    );
  }
  await tx
    .update(memberships)
    .set({ role: join.role, status: "active" })
    .where(and(eq(memberships.orgId, join.orgId), eq(memberships.userId, join.userId)));
  const audit = { orgId: join.orgId, actorId: join.userId, entityType: "member", entityId: join.userId } as const;
  if (current.status !== "active") {
    await recordAudit(tx, {
      ...audit,
      action: "member.reactivated",
      before: { status: current.status },
      after: { status: "active", invitationId: join.invitationId },
    });
  }
  if (current.role !== join.role) {
    await recordAudit(tx, {
      ...audit,
      action: "member.role_changed",
      before: { role: current.role },
      after: { role: join.role, invitationId: join.invitationId },
    });
  }
}
