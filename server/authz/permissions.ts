/**
 * Authorization as data: which role may perform which action. Procedures check it (orgProcedure) and the
 * UI reads it (to hide what a user cannot do). Adding an action means adding one row here.
 */
export const ROLES = ["admin", "manager", "rep", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const everyone = ROLES;
const adminOnly = ["admin"] as const;

export const PERMISSIONS = {
  /** See the organization, its dashboard, members and teams. */
  "org.read": everyone,
  "org.update": adminOnly,
  "members.manage": adminOnly,
  "invitations.manage": adminOnly,
  "teams.manage": adminOnly,
  "audit.read": adminOnly,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Every permission a role holds: sent to the client so the UI can hide what the user cannot do. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}
