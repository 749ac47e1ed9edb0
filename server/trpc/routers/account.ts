/**
 * Public entry points: sign up and accepting an invitation. They run on the privileged connection because
 * there is no tenant yet (a new organization) or the tenant is only known through the invitation token.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { invitations, memberships, organizations, teamMembers, users } from "@/db/schema";
import { clientIp } from "@/server/auth/client-ip";
import { verifyCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { hashToken } from "@/server/auth/tokens";
import { isUniqueViolation } from "@/server/db/errors";
import { recordAudit } from "@/server/services/audit";
import { uniqueSlug } from "@/server/services/organizations";
import { publicProcedure, router } from "../init";
import { emailSchema, nameSchema, passwordSchema, roleSchema } from "../schemas";

const tokenSchema = z.string().min(20).max(100);

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
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
  if (invitation.revokedAt) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation was revoked." });
  if (invitation.acceptedAt) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation was already used." });
  if (invitation.expiresAt.getTime() <= Date.now()) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation has expired." });
  return invitation;
}

export const accountRouter = router({
  signUp: publicProcedure
    .input(z.object({ name: nameSchema, email: emailSchema, password: passwordSchema, organizationName: nameSchema }))
    .output(z.object({ orgSlug: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      try {
        return await ctx.db.transaction(async (tx) => {
          const userId = crypto.randomUUID();
          const orgId = crypto.randomUUID();
          const slug = await uniqueSlug(tx, input.organizationName);
          await tx.insert(users).values({ id: userId, email: input.email, name: input.name, passwordHash });
          await tx.insert(organizations).values({ id: orgId, name: input.organizationName, slug });
          await tx.insert(memberships).values({ orgId, id: crypto.randomUUID(), userId, role: "admin" });
          await recordAudit(tx, { orgId, actorId: userId, action: "organization.created", entityType: "organization", entityId: orgId, after: { name: input.organizationName } });
          return { orgSlug: slug };
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
        }
        throw error;
      }
    }),

  invitation: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .output(z.object({ orgName: z.string(), email: z.string(), role: roleSchema, hasAccount: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const invitation = await findUsableInvitation(ctx.db, input.token);
      const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
      return { orgName: invitation.orgName, email: invitation.email, role: invitation.role, hasAccount: Boolean(existing) };
    }),

  /**
   * Joins the invitation's organization. A newcomer sets a name and password; someone who already has a
   * Tandem account confirms with their password instead. Works once.
   */
  acceptInvitation: publicProcedure
    .input(z.object({ token: tokenSchema, name: nameSchema.optional(), password: passwordSchema }))
    .output(z.object({ orgSlug: z.string(), email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const invitation = await findUsableInvitation(ctx.db, input.token);
      const [existing] = await ctx.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, invitation.email));
      if (existing) {
        // A password check like signing in, so it is throttled like signing in (else an admin could invite
        // anyone's email and guess their password through the invitation without limit).
        const check = await verifyCredentials(ctx.db, { email: invitation.email, password: input.password, ip: clientIp(ctx.headers) });
        if (!check.ok && check.reason === "throttled") {
          throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "Too many failed attempts. Try again in 15 minutes." });
        }
        if (!check.ok || check.userId !== existing.id) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: "That is not the password of your existing Tandem account." });
        }
      }
      if (!existing && !input.name) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "name: Required" });
      }
      const passwordHash = existing ? null : await hashPassword(input.password);
      return ctx.db.transaction(async (tx) => {
        const claimed = await tx
          .update(invitations)
          .set({ acceptedAt: new Date() })
          .where(and(eq(invitations.orgId, invitation.orgId), eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
          .returning({ id: invitations.id });
        if (claimed.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation was already used." });

        const userId = existing?.id ?? crypto.randomUUID();
        if (!existing) {
          await tx.insert(users).values({ id: userId, email: invitation.email, name: input.name!, passwordHash: passwordHash! });
        }
        await tx
          .insert(memberships)
          .values({ orgId: invitation.orgId, id: crypto.randomUUID(), userId, role: invitation.role })
          .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role: invitation.role, status: "active" } });
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
    }),
});
