import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { permissionsOf, ROLES } from "@/server/authz/permissions";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";

describe("org router", () => {
  const world = useWorld();

  describeOrgAccess(world, [
    { procedure: "org.current", call: (api) => api.org.current() },
    {
      procedure: "org.rename",
      call: (api) => api.org.rename({ name: "Initech" }),
    },
  ]);

  describe("current", () => {
    it.each(ROLES)("a %s gets the organization, their role and exactly their permissions", async (role) => {
      expect(await world.api(world.org[role]).org.current()).toEqual({
        id: world.org.id,
        name: "Initech",
        slug: world.org.slug,
        role,
        permissions: permissionsOf(role),
      });
    });

    it("each member sees the organization they act in", async () => {
      expect((await world.api(world.other.viewer, world.other.id).org.current()).id).toBe(world.other.id);
    });
  });

  describe("rename", () => {
    it("renames the organization, audited, without touching any other organization", async () => {
      expect(await world.api(world.org.admin).org.rename({ name: "  Initrode  " })).toEqual({ name: "Initrode" });
      const [org] = await world.db
        .select({ name: organizations.name, slug: organizations.slug })
        .from(organizations)
        .where(eq(organizations.id, world.org.id));
      expect(org).toEqual({ name: "Initrode", slug: world.org.slug });
      expect((await world.api(world.org.viewer).org.current()).name).toBe("Initrode");
      const [other] = await world.db
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, world.other.id));
      expect(other?.name).toBe("Umbrella");
      expect(await lastAudit(world.db, world.org.id, "organization.renamed")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: world.org.id,
        before: { name: "Initech" },
        after: { name: "Initrode" },
      });
      await world.api(world.org.admin).org.rename({ name: "Initech" });
    });

    it.each([
      ["empty", ""],
      ["blank", "    "],
      ["too long", "x".repeat(121)],
      ["control characters", "Evil\u0000Corp"],
    ])("a %s name → BAD_REQUEST naming name", async (_label, name) => {
      await expectBadRequest(world.api(world.org.admin).org.rename({ name }), "name");
    });

    it("a missing name → BAD_REQUEST naming name", async () => {
      await expectBadRequest(world.api(world.org.admin).org.rename({} as never), "name");
    });
  });
});
