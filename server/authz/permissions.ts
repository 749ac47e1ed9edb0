/**
 * Authorization as data: which role may perform which action. Procedures check it (orgProcedure) and the
 * UI reads it (to hide what a user cannot do). Adding an action means adding one row here.
 */
export const ROLES = ["admin", "manager", "rep", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const everyone = ROLES;
const adminOnly = ["admin"] as const;
/** Everyone but viewers (who only read). */
const writers = ["admin", "manager", "rep"] as const;

export const PERMISSIONS = {
  /** See the organization, its dashboard, members and teams. */
  "org.read": everyone,
  "org.update": adminOnly,
  "members.manage": adminOnly,
  "invitations.manage": adminOnly,
  "teams.manage": adminOnly,
  "audit.read": adminOnly,
  /** Accounts, contacts, deals and stakeholders the member may see (visibility narrows it further). */
  "deals.read": everyone,
  /** Create and edit deals and their stakeholders (reps: their own deals; admins: all). */
  "deals.write": writers,
  /** Create and edit accounts and contacts (reps: accounts they own; admins: all). */
  "accounts.write": writers,
  /** CSV import of accounts and deals (non-admins: records they own). */
  "imports.run": writers,
  /** The organization's list of disqualification reasons. */
  "reasons.manage": adminOnly,
  /** Active and archived strategies with their objectives (drafts only with strategy.manage). */
  "strategy.read": everyone,
  /** Create, edit, activate, archive and duplicate strategies. */
  "strategy.manage": adminOnly,
  /** One's own goals and alignment score, and teammates' goals shared with the team. */
  "goals.read": everyone,
  /** Write one's own goals (nobody writes another person's goals). */
  "goals.write": writers,
  /** The team alignment view (heat-map) of the teams in the member's scope; reps see only their own. */
  "alignment.team.read": ["admin", "manager", "viewer"],
  /**
   * Alignment reviews one may see (docs/reviews.md): the reviews of the people one manages (drafts included) and
   * one's own once shared; the record rule answers NOT_FOUND for every other review (viewers see none).
   */
  "reviews.read": everyone,
  /** Start, write, share and close the reviews of the people one manages (admins: everyone's). */
  "reviews.manage": ["admin", "manager"],
  /** Respond to one's own review: notes, acknowledgement, marking one's own actions done. */
  "reviews.respond": writers,
  /** Account plans the member collaborates on (or manages the account's team); each plan narrows it further. */
  "plans.read": everyone,
  /** Create account plans (on accounts the member can see). */
  "plans.write": writers,
  /** The organization's mutual action plan templates. */
  "plans.templates.manage": adminOnly,
  /** API keys and webhooks (docs/api.md). */
  "integrations.manage": adminOnly,
  /** Single sign-on settings: provider, covered domains, enforcement, role and team of just-in-time members. */
  "sso.manage": adminOnly,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Every permission a role holds: sent to the client so the UI can hide what the user cannot do. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}
