import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@/db/schema";
import { PERMISSIONS, permissionsOf, type Permission } from "@/server/authz/permissions";
import { recordAudit } from "@/server/services/audit";
import { orgProcedure, router } from "../init";
import { nameSchema, roleSchema } from "@/server/domain/schemas";
import { AppError } from "@/server/domain/errors";

const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

export const orgRouter = router({
  /** The current organization, the caller's role in it and what that role may do (the UI hides the rest). */
  current: orgProcedure("org.read", { plans: "keyed" })
    .output(
      z.object({
        id: z.uuid(),
        name: z.string(),
        slug: z.string(),
        role: roleSchema,
        permissions: z.array(permissionSchema),
      }),
    )
    .query(async ({ ctx }) => {
      const [org] = await ctx.db
        .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
        .from(organizations)
        .where(eq(organizations.id, ctx.orgId));
      if (!org) throw new AppError("NOT_FOUND", "Organization not found.");
      return { ...org, role: ctx.membership.role, permissions: permissionsOf(ctx.membership.role) };
    }),

  rename: orgProcedure("org.update")
    .input(z.object({ name: nameSchema }))
    .output(z.object({ name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const [before] = await ctx.db
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, ctx.orgId));
      await ctx.db.update(organizations).set({ name: input.name }).where(eq(organizations.id, ctx.orgId));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "organization.renamed",
        entityType: "organization",
        entityId: ctx.orgId,
        before,
        after: { name: input.name },
      });
      return { name: input.name };
    }),
});
