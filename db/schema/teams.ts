import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId } from "./columns";
import { roleEnum } from "./enums";
import { memberRef, tenantRef } from "./references";
import { organizations } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Tenancy: teams and invitations
export const teams = pgTable(
  "teams",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    parentTeamId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("teams_parent_fk", [t.orgId, t.parentTeamId], t),
    index().on(t.orgId, t.parentTeamId),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    orgId: orgId(),
    teamId: uuid().notNull(),
    userId: uuid().notNull(),
    isManager: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.userId] }),
    tenantRef("team_members_team_fk", [t.orgId, t.teamId], teams).onDelete("cascade"),
    memberRef("team_members_member_fk", [t.orgId, t.userId]),
    index().on(t.orgId, t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    orgId: orgId(),
    id: id(),
    email: text().notNull(),
    role: roleEnum().notNull(),
    teamId: uuid(),
    /** SHA-256 of the token; the token itself is only ever in the link. */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    invitedBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "invitations_org_fk", columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete(
      "cascade",
    ),
    tenantRef("invitations_team_fk", [t.orgId, t.teamId], teams),
    memberRef("invitations_inviter_fk", [t.orgId, t.invitedBy]),
    uniqueIndex().on(t.tokenHash),
    index().on(t.orgId, t.createdAt),
  ],
);
