import { index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, orgId } from "./columns";
import { membershipStatusEnum, roleEnum } from "./enums";
import { users } from "./identity";

// ---------------------------------------------------------------------------------------------------
// Tenancy
export const organizations = pgTable("organizations", {
  id: id().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  /** A rep with no review in this many days is overdue on the team's review board (docs/reviews.md). */
  reviewOverdueDays: integer().notNull().default(90),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: roleEnum().notNull(),
    status: membershipStatusEnum().notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("memberships_org_user_unique").on(t.orgId, t.userId),
    // The organization switcher lists a user's memberships across organizations.
    index().on(t.userId),
  ],
);
