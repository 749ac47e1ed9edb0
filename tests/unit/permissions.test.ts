import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsOf, ROLES, type Permission } from "@/server/authz/permissions";

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
/** Everything except reading: what a viewer must never be allowed. */
const WRITE_PERMISSIONS = ALL_PERMISSIONS.filter((permission) => !permission.endsWith(".read"));

describe("permissions table", () => {
  it("knows the four roles", () => {
    expect([...ROLES]).toEqual(["admin", "manager", "rep", "viewer"]);
  });

  it("only names known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) {
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it("gives the admin every permission", () => {
    for (const permission of ALL_PERMISSIONS) expect(can("admin", permission), permission).toBe(true);
    expect(permissionsOf("admin")).toEqual(ALL_PERMISSIONS);
  });

  it("gives the viewer no write permission", () => {
    expect(WRITE_PERMISSIONS.length).toBeGreaterThan(0);
    for (const permission of WRITE_PERMISSIONS) expect(can("viewer", permission), permission).toBe(false);
    expect(permissionsOf("viewer").every((permission) => permission.endsWith(".read"))).toBe(true);
  });

  it("lets every role read the organization", () => {
    for (const role of ROLES) expect(can(role, "org.read")).toBe(true);
  });

  it("keeps organization management to admins", () => {
    for (const permission of [
      "org.update",
      "members.manage",
      "invitations.manage",
      "teams.manage",
      "audit.read",
    ] as const) {
      expect(ROLES.filter((role) => can(role, permission))).toEqual(["admin"]);
    }
  });

  it("never grants a lower role what a higher role lacks (admin ⊇ manager ⊇ rep; manager ⊇ viewer)", () => {
    // A viewer is not below a rep: DESIGN.md lets a viewer read the records of their teams (e.g. the team
    // alignment view), which a rep — who reads only their own — may not. A viewer still writes nothing.
    for (const [higher, lower] of [
      ["admin", "manager"],
      ["manager", "rep"],
      ["manager", "viewer"],
    ] as const) {
      const held = new Set(permissionsOf(higher));
      for (const permission of permissionsOf(lower)) expect(held.has(permission), `${lower} ${permission}`).toBe(true);
    }
  });

  it("property: permissionsOf(role) is exactly the permissions `can` allows, in table order", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), (role) => {
        expect(permissionsOf(role)).toEqual(ALL_PERMISSIONS.filter((permission) => can(role, permission)));
      }),
    );
  });

  it("property: can(role, permission) agrees with the table", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...ALL_PERMISSIONS), (role, permission) => {
        expect(can(role, permission)).toBe((PERMISSIONS[permission] as readonly string[]).includes(role));
        expect(permissionsOf(role).includes(permission)).toBe(can(role, permission));
      }),
    );
  });
});
