import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { invitations, memberships, organizations, teams, users } from "@/db/schema";
import { hashToken, newToken } from "@/server/auth/tokens";
import { auditAs } from "@/server/services/audit";
import { unusedInvitations } from "@/server/services/invitations";
import { isEmailConfigured, sendEmail } from "@/server/services/mailer";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, keysetPage, olderThan } from "@/server/db/keyset";
import { emailSchema, idSchema, pageLimitSchema, roleSchema } from "@/server/domain/schemas";
import { AppError, conflict, notFound } from "@/server/domain/errors";

export const INVITATION_LIFETIME_DAYS = 7;

const cursorSchema = z.object({ createdAt: cursorTimeSchema, id: z.uuid() });

const statusSchema = z.enum(["pending", "accepted", "revoked", "expired"]);

export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
) {
  if (row.acceptedAt) return "accepted" as const;
  if (row.revokedAt) return "revoked" as const;
  if (row.expiresAt.getTime() <= now.getTime()) return "expired" as const;
  return "pending" as const;
}

export const invitationsRouter = router({
  /** Newest first, keyset-paginated on (created_at, id). */
  list: orgProcedure("invitations.manage")
    .input(z.object({ limit: pageLimitSchema, cursor: cursorSchema.nullish() }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            email: z.string(),
            role: roleSchema,
            teamName: z.string().nullable(),
            status: statusSchema,
            expiresAt: z.date(),
            createdAt: z.date(),
            invitedByName: z.string(),
          }),
        ),
        nextCursor: cursorSchema.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          row: {
            id: invitations.id,
            email: invitations.email,
            role: invitations.role,
            teamName: teams.name,
            expiresAt: invitations.expiresAt,
            acceptedAt: invitations.acceptedAt,
            revokedAt: invitations.revokedAt,
            createdAt: invitations.createdAt,
            invitedByName: users.name,
          },
          cursorCreatedAt: cursorTime(invitations.createdAt),
        })
        .from(invitations)
        .leftJoin(teams, and(eq(teams.orgId, invitations.orgId), eq(teams.id, invitations.teamId)))
        .innerJoin(users, eq(users.id, invitations.invitedBy))
        .where(
          and(
            eq(invitations.orgId, ctx.orgId),
            input.cursor
              ? olderThan(invitations.createdAt, invitations.id, { time: input.cursor.createdAt, id: input.cursor.id })
              : undefined,
          ),
        )
        .orderBy(desc(invitations.createdAt), desc(invitations.id))
        .limit(input.limit + 1);
      const { page, nextCursor } = keysetPage(rows, input.limit, (last) => ({
        createdAt: last.cursorCreatedAt,
        id: last.row.id,
      }));
      const items = page.map(({ row: { acceptedAt, revokedAt, ...row } }) => ({
        ...row,
        status: invitationStatus({ acceptedAt, revokedAt, expiresAt: row.expiresAt }),
      }));
      return { items, nextCursor };
    }),

  /**
   * Creates an invitation and returns its link path. The token exists only in the link; the database keeps
   * its hash. An earlier pending invitation for the same email is revoked, so only the newest link works.
   */
  create: orgProcedure("invitations.manage")
    .input(z.object({ email: emailSchema, role: roleSchema, teamId: idSchema.nullable().default(null) }))
    .output(z.object({ id: z.uuid(), path: z.string(), expiresAt: z.date(), emailed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const [alreadyMember] = await ctx.db
        .select({ status: memberships.status })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, ctx.orgId), eq(users.email, input.email)));
      if (alreadyMember) {
        conflict(
          "email",
          alreadyMember.status === "active"
            ? "This person is already a member."
            : "This person is a deactivated member: reactivate them instead.",
        );
      }
      if (input.teamId) {
        const [team] = await ctx.db
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.orgId, ctx.orgId), eq(teams.id, input.teamId)));
        if (!team) notFound("teamId", "Team not found.");
      }
      const now = new Date();
      await ctx.db
        .update(invitations)
        .set({ revokedAt: now })
        .where(unusedInvitations(ctx.orgId, eq(invitations.email, input.email)));
      const token = newToken();
      const id = crypto.randomUUID();
      const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
      await ctx.db.insert(invitations).values({
        orgId: ctx.orgId,
        id,
        email: input.email,
        role: input.role,
        teamId: input.teamId,
        tokenHash: hashToken(token),
        expiresAt,
        invitedBy: ctx.user.id,
      });
      await auditAs(ctx.db, ctx.actor, {
        action: "invitation.created",
        entityType: "invitation",
        entityId: id,
        after: { email: input.email, role: input.role, teamId: input.teamId },
      });

      const path = `/invite/${token}`;
      let emailed = false;
      if (isEmailConfigured()) {
        const [org] = await ctx.db
          .select({ name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, ctx.orgId));
        const base = process.env.APP_URL ?? "http://localhost:3000";
        emailed = await sendEmail({
          to: input.email,
          subject: `${ctx.user.name} invited you to ${org?.name ?? "Tandem"} on Tandem`,
          text: `Join ${org?.name ?? "your team"} on Tandem as ${input.role}: ${new URL(path, base).toString()}\nThe link works once and expires in ${INVITATION_LIFETIME_DAYS} days.`,
        });
      }
      return { id, path, expiresAt, emailed };
    }),

  revoke: orgProcedure("invitations.manage")
    .input(z.object({ invitationId: idSchema }))
    .output(z.object({ id: z.uuid(), status: statusSchema }))
    .mutation(async ({ ctx, input }) => {
      const [invitation] = await ctx.db
        .select({
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
          expiresAt: invitations.expiresAt,
          email: invitations.email,
        })
        .from(invitations)
        .where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.id, input.invitationId)));
      if (!invitation) throw new AppError("NOT_FOUND", "Invitation not found.");
      const status = invitationStatus(invitation);
      if (status !== "pending") throw new AppError("CONFLICT", `This invitation is already ${status}.`);
      await ctx.db
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.id, input.invitationId)));
      await auditAs(ctx.db, ctx.actor, {
        action: "invitation.revoked",
        entityType: "invitation",
        entityId: input.invitationId,
        before: { email: invitation.email },
      });
      return { id: input.invitationId, status: "revoked" as const };
    }),
});
