import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { id, orgId } from "./columns";
import { organizations } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Rate limits (not tenant-scoped)

/**
 * Counted attempts of the public entry points (server/auth/throttle.ts): failed sign-ins per account, per
 * trusted browser and per IP, sign-ups and failed invitation acceptances per IP. In Postgres so that throttling
 * holds across instances. (An attempt is recorded before it is checked and removed if it does not count.)
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id().primaryKey(),
    /** `email:<address>`, `device:<nonce>`, `ip:<address>`, `signup-ip:<address>` or `invite-ip:<address>` */
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.key, t.at)],
);

/**
 * Request rate limits (server/services/rate-limit.ts): one token bucket per signed-in user (`user:<id>`) and per
 * organization (`org:<id>`), shared by every app instance. Unlogged (custom migration): a crash may reset the
 * buckets, which only forgives recent requests.
 */
export const requestRateBuckets = pgTable("request_rate_buckets", {
  key: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  refilledAt: timestamp({ withTimezone: true }).notNull(),
  /** Whether the last request charged to this bucket was let through. */
  granted: boolean().notNull(),
});

// ---------------------------------------------------------------------------------------------------
// Audit log (append-only: the application role may only INSERT and SELECT it)
export const auditEvents = pgTable(
  "audit_events",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    before: jsonb(),
    after: jsonb(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The audit log's filters: by date, by one record's history, by who acted — each newest first.
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.at),
    index().on(t.orgId, t.entityType, t.entityId, t.at),
    index().on(t.orgId, t.actorId, t.at),
  ],
);
