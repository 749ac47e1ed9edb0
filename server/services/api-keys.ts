/**
 * API keys (docs/api.md). A key is `tdm_` + 32 random bytes (base64url, 256 bits): far too many to guess, so a
 * fast unsalted SHA-256 is enough to store it — a slow password hash (argon2) protects low-entropy secrets
 * people choose, and would cost every API request tens of milliseconds for nothing. Only the hash and a short
 * display prefix are stored; the key itself is shown once, when created.
 */
import { timingSafeEqual } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { hashToken, newToken } from "@/server/auth/tokens";
import type { Actor } from "@/server/authz/actor";
import type { ApiPrincipal, ApiScope } from "@/server/authz/api-role";
import { notFound } from "@/server/domain/errors";
import { chargeRequest, type Bucket } from "./rate-limit";
import { auditAs, recordAudit } from "./audit";

export const API_KEY_PREFIX = "tdm_";

/** Per key: bursts of 60 requests, 10 per second sustained (`API_KEY_BURST`, `API_KEY_PER_SECOND`). */
export function apiKeyBucket(): Bucket {
  const burst = Number(process.env.API_KEY_BURST);
  const perSecond = Number(process.env.API_KEY_PER_SECOND);
  return { capacity: burst > 0 ? burst : 60, perSecond: perSecond > 0 ? perSecond : 10 };
}

export interface NewApiKey {
  name: string;
  scope: ApiScope;
  expiresAt: Date | null;
}

export async function createApiKey(tx: Database, actor: Actor, input: NewApiKey) {
  const key = API_KEY_PREFIX + newToken();
  const id = crypto.randomUUID();
  const row = {
    orgId: actor.orgId,
    id,
    name: input.name,
    prefix: key.slice(0, 12),
    keyHash: hashToken(key),
    scope: input.scope,
    expiresAt: input.expiresAt,
    createdBy: actor.userId,
  };
  await tx.insert(apiKeys).values(row);
  const after = { name: row.name, prefix: row.prefix, scope: row.scope, expiresAt: row.expiresAt };
  await auditAs(tx, actor, {
    action: "api_key.created",
    entityType: "api_key",
    entityId: id,
    after,
  });
  return { id, key, prefix: row.prefix };
}

export function listApiKeys(tx: Database) {
  return tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(200);
}

export async function revokeApiKey(tx: Database, actor: Actor, keyId: string): Promise<void> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.orgId, actor.orgId), eq(apiKeys.id, keyId)))
    .returning({ name: apiKeys.name });
  if (!row) notFound("keyId", "API key not found.");
  await auditAs(tx, actor, {
    action: "api_key.revoked",
    entityType: "api_key",
    entityId: keyId,
    before: { name: row.name },
  });
}

/** The record a write touched, for the audit entry: the output's id, else the input's first `…Id`. */
function recordIdOf(output: unknown, input: unknown): string | null {
  const fromOutput = (output as { id?: unknown } | null)?.id;
  if (typeof fromOutput === "string") return fromOutput;
  const entry = Object.entries((input ?? {}) as Record<string, unknown>).find(([key]) => key.endsWith("Id"));
  return typeof entry?.[1] === "string" ? entry[1] : null;
}

/**
 * Audits a write made with an API key (`api.write`: the key, the procedure, the record), in the write's own
 * transaction: a write that rolls back leaves no entry, and a committed write always has one.
 */
export async function recordApiWrite(
  tx: Database,
  key: ApiPrincipal,
  write: { procedure: string; input: unknown; output: unknown },
): Promise<void> {
  await recordAudit(tx, {
    orgId: key.orgId,
    actorId: key.userId,
    action: "api.write",
    entityType: "api_key",
    entityId: key.keyId,
    after: { procedure: write.procedure, recordId: recordIdOf(write.output, write.input) },
  });
}

export type ApiKeyCheck =
  { ok: true; principal: ApiPrincipal } | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

/** `Authorization: Bearer tdm_…` → the key's principal; the header is read case-insensitively on the scheme. */
export function bearerKey(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1]?.startsWith(API_KEY_PREFIX) ? match[1] : null;
}

/**
 * Checks a presented key on the privileged connection (the lookup by hash crosses organizations, like a share
 * link's), charges its rate bucket and records its use. Everything it then does runs under row-level security
 * in the key's organization (server/trpc/init.ts).
 */
export async function authenticateApiKey(db: Database, key: string | null): Promise<ApiKeyCheck> {
  const refused = { ok: false, status: 401, message: "Send a valid API key: Authorization: Bearer tdm_…" } as const;
  if (!key || key.length > 200) return refused;
  const keyHash = hashToken(key);
  const [row] = await db
    .select({
      id: apiKeys.id,
      orgId: apiKeys.orgId,
      scope: apiKeys.scope,
      keyHash: apiKeys.keyHash,
      createdBy: apiKeys.createdBy,
      usable: sql<boolean>`${apiKeys.revokedAt} is null and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, keyHash));
  if (!row || !timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(keyHash)) || !row.usable) return refused;
  // The key's own bucket, with its own limits: an integration cannot spend its creator's.
  const decision = await chargeRequest(
    db,
    { bucket: `key:${row.id}`, member: null, cost: 1 },
    { user: apiKeyBucket(), organization: apiKeyBucket() },
  );
  if (!decision.allowed) {
    const { retryAfterSeconds } = decision;
    return { ok: false, status: 429, message: "Too many requests for this API key.", retryAfterSeconds };
  }
  // Last use at minute precision: a busy key does not rewrite its row on every request.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.orgId, row.orgId),
        eq(apiKeys.id, row.id),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  return { ok: true, principal: { keyId: row.id, orgId: row.orgId, scope: row.scope, userId: row.createdBy } };
}
