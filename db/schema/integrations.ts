import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId } from "./columns";
import { memberRef, tenantRef } from "./references";
import { organizations } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Integrations (docs/api.md): API keys, webhook endpoints and their deliveries

/** An organization's API keys: only the SHA-256 of the key is stored; `prefix` lets people tell keys apart. */
export const apiKeys = pgTable(
  "api_keys",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    scope: text({ enum: ["read", "write"] }).notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("api_keys_creator_fk", [t.orgId, t.createdBy]),
    // A request names only its key: the lookup by hash crosses organizations (like share links).
    uniqueIndex().on(t.keyHash),
    index().on(t.orgId, t.createdAt),
  ],
);

/** Where an organization's events are sent. `allowPrivateNetwork`: an admin's opt-out of the SSRF guard. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    url: text().notNull(),
    events: text().array().notNull(),
    secret: text().notNull(),
    status: text({ enum: ["active", "paused"] })
      .notNull()
      .default("active"),
    allowPrivateNetwork: boolean().notNull().default(false),
    /** Deliveries that gave up in a row; reaching the limit pauses the endpoint. */
    consecutiveFailures: integer().notNull().default(0),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("webhook_endpoints_creator_fk", [t.orgId, t.createdBy]),
    index().on(t.orgId, t.createdAt),
  ],
);

/** One event for one endpoint: pending until answered 2xx or out of attempts. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    orgId: orgId(),
    id: id(),
    endpointId: uuid().notNull(),
    event: text().notNull(),
    payload: jsonb().notNull(),
    status: text({ enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer(),
    responseBody: text(),
    error: text(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("webhook_deliveries_endpoint_fk", [t.orgId, t.endpointId], webhookEndpoints).onDelete("cascade"),
    index().on(t.orgId, t.endpointId, t.createdAt),
    // The worker's queue: only pending rows, due first.
    index()
      .on(t.orgId, t.nextAttemptAt)
      .where(sql`status = 'pending'`),
  ],
);
