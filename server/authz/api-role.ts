/**
 * The "api" role (docs/api.md): what an API key may do, as data next to the permissions table. A key acts in
 * its organization with an admin's reach over records (an integration syncs the whole organization) but only
 * with the permissions of its scope: `read` the read permissions of the REST API, `write` those and the writes
 * of accounts, contacts, deals, stakeholders, strategies and goals (a key writes the goals of the admin who
 * created it: goals belong to a person). Nothing else (members, teams, settings, keys, webhooks).
 */
import { can, type Permission, type Role } from "./permissions";

export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const READ = ["org.read", "deals.read", "strategy.read", "goals.read", "alignment.team.read"] as const;

export const API_KEY_PERMISSIONS = {
  read: READ,
  write: [...READ, "deals.write", "accounts.write", "goals.write", "strategy.manage"],
} as const satisfies Record<ApiScope, readonly Permission[]>;

export function apiKeyCan(scope: ApiScope, permission: Permission): boolean {
  return (API_KEY_PERMISSIONS[scope] as readonly Permission[]).includes(permission);
}

/** Whether a member (a person by role, or an API key by its scope) holds the permission. */
export function memberCan(member: { role: Role; apiScope?: ApiScope }, permission: Permission): boolean {
  return member.apiScope ? apiKeyCan(member.apiScope, permission) : can(member.role, permission);
}

/** Who calls through an API key: set on the context by the REST handler (server/api/handler.ts) only. */
export interface ApiPrincipal {
  keyId: string;
  orgId: string;
  scope: ApiScope;
  /** The admin who created the key: records the key creates are theirs unless it names an owner. */
  userId: string;
}
