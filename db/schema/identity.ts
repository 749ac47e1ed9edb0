import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

// ---------------------------------------------------------------------------------------------------
// Identity (global, not tenant-scoped)
export const users = pgTable("users", {
  id: id().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  /** Bumped to end every session of the user at once (sign out everywhere, deactivation). */
  sessionVersion: integer().notNull().default(1),
  createdAt: createdAt(),
});

/**
 * Sessions ended by signing out. Sessions are signed cookies (no server state), so signing out on one
 * device records the session's id here until the cookie would have expired anyway; every request checks it.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);

// ---------------------------------------------------------------------------------------------------
// Email ownership (global: they exist before an account does, or belong to one account)

/**
 * A sign-up waiting for its email address to be confirmed (server/auth/sign-up.ts). Nothing else exists until
 * its link is followed and the password chosen here is given again: the account and the organization are created
 * from this row then. So an address that nobody proved to own has no account: it cannot be squatted, cannot join
 * an organization and is never matched to an invitation. Several requests may wait for one address (someone
 * else may have typed it); each link names its own.
 */
export const signUpRequests = pgTable(
  "sign_up_requests",
  {
    id: id().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    organizationName: text().notNull(),
    passwordHash: text().notNull(),
    /** SHA-256 of the link's token; a resend replaces it (only the newest link works). */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.email, t.createdAt), index().on(t.expiresAt)],
);

/** A password reset link (server/auth/password-reset.ts): its token's SHA-256, 30 minutes, used once. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId), index().on(t.expiresAt)],
);
