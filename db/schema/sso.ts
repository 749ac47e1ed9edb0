import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users } from "./identity";
import { teams } from "./teams";
import { memberships, organizations } from "./tenancy";
import { tenantRef } from "./references";

// ---------------------------------------------------------------------------------------------------
// Single sign-on through OpenID Connect, per organization (docs/sso.md). The sign-in flow runs on the privileged
// connection, like password sign-in (there is no tenant scope before signing in); the admin settings (sso router)
// run as the application role under the tenant policy.

/** One identity provider per organization. The client secret is stored encrypted (server/auth/sso/crypto.ts). */
export const ssoConfigs = pgTable(
  "sso_configs",
  {
    orgId: uuid()
      .notNull()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The provider's issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` (base64url); never sent to a client. */
    clientSecretEncrypted: text().notNull(),
    /** Members' passwords are refused (admins keep a break-glass password sign-in, audited). */
    required: boolean().notNull().default(false),
    /** Role and team of a person from a covered domain who signs in for the first time (just-in-time). */
    defaultRole: roleEnum().notNull().default("rep"),
    defaultTeamId: uuid(),
    updatedBy: uuid().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantRef("sso_configs_default_team_fk", [t.orgId, t.defaultTeamId], teams).onDelete("set null"), // only default_team_id: the migration says SET NULL ("default_team_id")
    foreignKey({
      name: "sso_configs_updater_fk",
      columns: [t.orgId, t.updatedBy],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);

/**
 * The email domains an organization's provider covers. A domain belongs to one organization at most (the unique
 * index on the domain alone, like a user's email), so an address never leads to two providers.
 */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    orgId: uuid()
      .notNull()
      .references(() => ssoConfigs.orgId, { onDelete: "cascade" }),
    domain: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.domain] }), uniqueIndex("sso_domains_domain_unique").on(t.domain)],
);

/**
 * One SSO sign-in in progress (server/auth/sso/logins.ts). Two single-use steps, both within `expiresAt`:
 * the provider's answer claims the `state` (stateUsedAt), then the browser redeems the one-time ticket the
 * callback handed it for a Tandem session (ticketUsedAt). Only hashes of the state and the ticket are stored.
 */
export const ssoLogins = pgTable(
  "sso_logins",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid().notNull(),
    stateHash: text().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    stateUsedAt: timestamp({ withTimezone: true }),
    ticketHash: text(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    ticketUsedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.stateHash),
    uniqueIndex().on(t.ticketHash),
    index().on(t.expiresAt),
  ],
);

/**
 * Which provider account (the ID token's `sub`) is which Tandem user, per organization: once linked, a sign-in is
 * recognized by its subject, and another subject claiming the same email is refused.
 */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    orgId: uuid().notNull(),
    subject: text().notNull(),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subject] }),
    unique("sso_identities_org_user_unique").on(t.orgId, t.userId),
    foreignKey({
      name: "sso_identities_member_fk",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
  ],
);
