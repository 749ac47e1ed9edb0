/**
 * Demo integrations (issue 14), so that an admin of the demo organization finds Settings' integration sections
 * populated:
 * - an SSO connection to a (fictitious) Okta tenant covering acme.test, configured but not required — passwords
 *   keep working, and "Sign in with SSO" shows the provider cannot be reached;
 * - two API keys made by the admin through the service that makes them (hash only, audited): "CRM sync" (write,
 *   used two hours ago) and "Old BI export" (read, revoked). Nobody knows either key;
 * - a webhook to a (fictitious) receiver with five answered deliveries, one of which failed after every attempt.
 *   No delivery is left pending, so the worker of a demo instance sends nothing.
 * Everything is written on the seed's privileged connection, inside its transaction.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../server/authz/actor";
import { encryptSecret } from "../server/auth/sso/crypto";
import { createApiKey, revokeApiKey } from "../server/services/api-keys";
import { recordAudit } from "../server/services/audit";
import { newWebhookSecret } from "../server/services/webhooks-signing";
import type { Database } from "./client";
import * as s from "./schema";

const DAY = 24 * 60 * 60 * 1000;
const SSO_DOMAIN = "acme.test";
const WEBHOOK_URL = "https://hooks.acme-robotics.example/tandem";

export async function seedIntegrations(tx: Database, orgId: string): Promise<void> {
  const [admin] = await tx
    .select({ id: s.users.id })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.orgId, orgId), eq(s.users.email, "admin@acme.test")));
  if (!admin) throw new Error("seed-integrations: no demo admin");
  const actor: Actor = { orgId, userId: admin.id, role: "admin" };
  const ago = (days: number) => new Date(Date.now() - days * DAY);

  await tx.insert(s.ssoConfigs).values({
    orgId,
    issuer: "https://acme-robotics.okta.example",
    clientId: "0oa1tandemdemo",
    clientSecretEncrypted: encryptSecret("demo-client-secret-not-a-real-one"),
    required: false,
    defaultRole: "rep",
    updatedBy: admin.id,
    updatedAt: ago(30),
  });
  // A domain belongs to one organization at most: a database holding two demo organizations (the security
  // tests seed it twice) covers it once.
  await tx.insert(s.ssoDomains).values({ orgId, domain: SSO_DOMAIN }).onConflictDoNothing();

  const crm = await createApiKey(tx, actor, { name: "CRM sync", scope: "write", expiresAt: null });
  await tx
    .update(s.apiKeys)
    .set({ createdAt: ago(40), lastUsedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) })
    .where(and(eq(s.apiKeys.orgId, orgId), eq(s.apiKeys.id, crm.id)));
  const bi = await createApiKey(tx, actor, { name: "Old BI export", scope: "read", expiresAt: null });
  await tx
    .update(s.apiKeys)
    .set({ createdAt: ago(120), lastUsedAt: ago(45) })
    .where(and(eq(s.apiKeys.orgId, orgId), eq(s.apiKeys.id, bi.id)));
  await revokeApiKey(tx, actor, bi.id);

  const endpointId = crypto.randomUUID();
  const events = ["deal.created", "deal.stage_changed", "deal.disqualified"] as const;
  await tx.insert(s.webhookEndpoints).values({
    orgId,
    id: endpointId,
    url: WEBHOOK_URL,
    events: [...events],
    secret: newWebhookSecret(),
    createdBy: admin.id,
    createdAt: ago(30),
  });
  await recordAudit(tx, {
    orgId,
    actorId: admin.id,
    action: "webhook.created",
    entityType: "webhook",
    entityId: endpointId,
    after: { url: WEBHOOK_URL, events, allowPrivateNetwork: false },
  });

  const dealRows = await tx
    .select({ id: s.deals.id, name: s.deals.name, stage: s.deals.stage })
    .from(s.deals)
    .where(eq(s.deals.orgId, orgId))
    .orderBy(asc(s.deals.name))
    .limit(5);
  const deliveries = dealRows.map((deal, index) => {
    const id = crypto.randomUUID();
    const at = ago(5 - index);
    const failed = index === 3;
    const event = index % 2 === 0 ? "deal.created" : "deal.stage_changed";
    const data =
      event === "deal.created"
        ? { dealId: deal.id, name: deal.name, stage: deal.stage }
        : { dealId: deal.id, from: "qualification", to: deal.stage };
    return {
      orgId,
      id,
      endpointId,
      event,
      payload: { id, type: event, occurredAt: at.toISOString(), orgId, data },
      createdAt: at,
      nextAttemptAt: at,
      completedAt: new Date(at.getTime() + (failed ? 2 * DAY : 1000)),
      ...(failed
        ? { status: "failed" as const, attempts: 8, responseStatus: 503, responseBody: "Service Unavailable" }
        : { status: "succeeded" as const, attempts: 1, responseStatus: 200, responseBody: '{"received":true}' }),
    };
  });
  if (deliveries.length > 0) await tx.insert(s.webhookDeliveries).values(deliveries);
}
