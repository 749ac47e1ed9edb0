/**
 * The organization's single sign-on settings (docs/sso.md), admins only. The client secret is write-only: it is
 * stored encrypted and never returned, the answer only says whether one is set.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ssoConfigs, ssoDomains, teams } from "@/db/schema";
import { encryptSecret } from "@/server/auth/sso/crypto";
import { domainSchema } from "@/server/auth/sso/domains";
import { ssoRedirectUri } from "@/server/auth/sso/http";
import { isUniqueViolation } from "@/server/db/errors";
import { AppError, badRequest, conflict, notFound } from "@/server/domain/errors";
import { auditAs } from "@/server/services/audit";
import { orgProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";

/** Just-in-time members never become admins: an admin is made by another admin. */
const jitRoleSchema = z.enum(["manager", "rep", "viewer"]);

const issuerSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(500)
  .or(z.url({ protocol: /^http$/, hostname: /^(localhost|127\.0\.0\.1)$/ }).max(500))
  .transform((url) => url.replace(/\/+$/, ""));

const settingsSchema = z.object({
  configured: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  domains: z.array(z.string()),
  required: z.boolean(),
  defaultRole: jitRoleSchema,
  defaultTeamId: z.uuid().nullable(),
  redirectUri: z.string(),
});

const updateSchema = z.object({
  issuer: issuerSchema,
  clientId: z.string().trim().min(1).max(200),
  /** Omitted: keep the stored secret (required the first time). */
  clientSecret: z.string().min(1).max(500).optional(),
  domains: z.array(domainSchema).min(1).max(20),
  required: z.boolean(),
  defaultRole: jitRoleSchema,
  defaultTeamId: idSchema.nullable(),
});

export const ssoRouter = router({
  get: orgProcedure("sso.manage")
    .output(settingsSchema)
    .query(async ({ ctx }) => {
      const [config] = await ctx.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, ctx.orgId));
      const domains = await ctx.db
        .select({ domain: ssoDomains.domain })
        .from(ssoDomains)
        .where(eq(ssoDomains.orgId, ctx.orgId))
        .orderBy(ssoDomains.domain);
      return {
        configured: Boolean(config),
        issuer: config?.issuer ?? "",
        clientId: config?.clientId ?? "",
        clientSecretSet: Boolean(config?.clientSecretEncrypted),
        domains: domains.map((d) => d.domain),
        required: config?.required ?? false,
        defaultRole: config && config.defaultRole !== "admin" ? config.defaultRole : "rep",
        defaultTeamId: config?.defaultTeamId ?? null,
        redirectUri: ssoRedirectUri(),
      };
    }),

  update: orgProcedure("sso.manage")
    .input(updateSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const domains = [...new Set(input.domains)];
      const [before] = await ctx.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, ctx.orgId));
      if (!before && !input.clientSecret) badRequest("clientSecret", "Required");
      if (input.defaultTeamId) {
        const [team] = await ctx.db
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.orgId, ctx.orgId), eq(teams.id, input.defaultTeamId)));
        if (!team) notFound("defaultTeamId", "Team not found.");
      }
      const values = {
        issuer: input.issuer,
        clientId: input.clientId,
        required: input.required,
        defaultRole: input.defaultRole,
        defaultTeamId: input.defaultTeamId,
        updatedBy: ctx.user.id,
        updatedAt: new Date(),
        ...(input.clientSecret ? { clientSecretEncrypted: encryptSecret(input.clientSecret) } : {}),
      };
      if (before) {
        await ctx.db.update(ssoConfigs).set(values).where(eq(ssoConfigs.orgId, ctx.orgId));
      } else {
        await ctx.db
          .insert(ssoConfigs)
          .values({ ...values, orgId: ctx.orgId, clientSecretEncrypted: encryptSecret(input.clientSecret!) });
      }
      const domainsBefore = await replaceDomains(ctx.db, ctx.orgId, domains);
      await auditAs(ctx.db, ctx.actor, {
        action: before ? "sso.config_updated" : "sso.config_created",
        entityType: "organization",
        entityId: ctx.orgId,
        before: before ? { ...auditView(before), domains: domainsBefore } : null,
        after: { ...auditView(values), domains, clientSecretChanged: Boolean(input.clientSecret) },
      });
      return { ok: true as const };
    }),

  /** Turns SSO off: members sign in with passwords again; accounts created by SSO stay. */
  remove: orgProcedure("sso.manage")
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      const [removed] = await ctx.db.delete(ssoConfigs).where(eq(ssoConfigs.orgId, ctx.orgId)).returning();
      if (!removed) throw new AppError("NOT_FOUND", "Single sign-on is not set up.");
      await auditAs(ctx.db, ctx.actor, {
        action: "sso.config_removed",
        entityType: "organization",
        entityId: ctx.orgId,
        before: auditView(removed),
      });
      return { ok: true as const };
    }),
});

/** What the audit log keeps of a configuration: never the secret, encrypted or not. */
function auditView(config: {
  issuer: string;
  clientId: string;
  required: boolean;
  defaultRole: string;
  defaultTeamId: string | null;
}) {
  const { issuer, clientId, required, defaultRole, defaultTeamId } = config;
  return { issuer, clientId, required, defaultRole, defaultTeamId };
}

/** Sets the covered domains; a domain another organization covers answers CONFLICT naming it. */
async function replaceDomains(db: Parameters<typeof auditAs>[0], orgId: string, domains: string[]) {
  const before = await db
    .delete(ssoDomains)
    .where(eq(ssoDomains.orgId, orgId))
    .returning({ domain: ssoDomains.domain });
  for (const domain of domains) {
    try {
      // A savepoint per domain, so that the refusal can name the domain (the unique index spans organizations).
      await db.transaction((sp) => sp.insert(ssoDomains).values({ orgId, domain }));
    } catch (error) {
      if (isUniqueViolation(error)) conflict("domains", `${domain} is already covered by another organization.`);
      throw error;
    }
  }
  return before.map((d) => d.domain).sort();
}
