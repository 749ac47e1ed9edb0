/** API keys of the organization (docs/api.md): admins create, list and revoke them. */
import { z } from "zod";
import { API_SCOPES } from "@/server/authz/api-role";
import { badRequest } from "@/server/domain/errors";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";
import { orgProcedure, router } from "../init";
import { idSchema, nameSchema } from "@/server/domain/schemas";

const MAX_KEY_LIFETIME_MS = 5 * 366 * 24 * 60 * 60 * 1000;

const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(API_SCOPES),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const apiKeysRouter = router({
  list: orgProcedure("integrations.manage")
    .output(z.array(apiKeySchema))
    .query(({ ctx }) => listApiKeys(ctx.db)),

  /** Answers the key itself: the only time it is ever shown. */
  create: orgProcedure("integrations.manage")
    .input(z.object({ name: nameSchema, scope: z.enum(API_SCOPES), expiresAt: z.coerce.date().nullish() }))
    .output(z.object({ id: z.uuid(), key: z.string(), prefix: z.string() }))
    .mutation(({ ctx, input }) => {
      const expiresAt = input.expiresAt ?? null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) badRequest("expiresAt", "Pick a time in the future.");
      // A bound keeps the value inside Postgres' timestamp range; longer-lived keys should not expire at all.
      if (expiresAt && expiresAt.getTime() > Date.now() + MAX_KEY_LIFETIME_MS)
        badRequest("expiresAt", "Pick a time within five years, or no expiry.");
      return createApiKey(ctx.db, ctx.actor, { name: input.name, scope: input.scope, expiresAt });
    }),

  revoke: orgProcedure("integrations.manage")
    .input(z.object({ keyId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.db, ctx.actor, input.keyId);
      return { id: input.keyId };
    }),
});
