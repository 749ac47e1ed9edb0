import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ssoConfigs } from "@/db/schema";
import { decryptSecret } from "@/server/auth/sso/crypto";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";

const SECRET = "s3cret-client-value-never-returned";

describe("sso router", () => {
  const world = useWorld();
  const input = (overrides: Record<string, unknown> = {}) => ({
    issuer: "https://login.initech.example",
    clientId: "tandem-initech",
    clientSecret: SECRET,
    domains: ["initech.example"],
    required: false,
    defaultRole: "rep" as const,
    defaultTeamId: null,
    ...overrides,
  });

  describeOrgAccess(world, [
    { procedure: "sso.get", call: (api) => api.sso.get() },
    { procedure: "sso.update", call: (api) => api.sso.update(input()) },
    { procedure: "sso.remove", call: (api) => api.sso.remove() },
  ]);

  it("not set up: get answers an empty configuration with the redirect URI to register", async () => {
    expect(await world.api(world.org.admin).sso.get()).toMatchObject({
      configured: false,
      clientSecretSet: false,
      domains: [],
      required: false,
      redirectUri: expect.stringMatching(/\/api\/auth\/sso\/callback$/),
    });
  });

  it("a first configuration without a client secret → BAD_REQUEST naming clientSecret", async () => {
    await expectBadRequest(world.api(world.org.admin).sso.update(input({ clientSecret: undefined })), "clientSecret");
  });

  it("saves the configuration, audited; the secret is stored encrypted and never returned", async () => {
    const api = world.api(world.org.admin);
    await api.sso.update(
      input({ domains: ["Initech.example", "@eu.initech.example"], defaultTeamId: world.org.subTeamId }),
    );
    const settings = await api.sso.get();
    expect(settings).toMatchObject({
      configured: true,
      issuer: "https://login.initech.example",
      clientId: "tandem-initech",
      clientSecretSet: true,
      domains: ["eu.initech.example", "initech.example"],
      defaultRole: "rep",
      defaultTeamId: world.org.subTeamId,
    });
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    const [row] = await world.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, world.org.id));
    expect(row!.clientSecretEncrypted).not.toContain(SECRET);
    expect(decryptSecret(row!.clientSecretEncrypted)).toBe(SECRET);
    const audit = await lastAudit(world.db, world.org.id, "sso.config_created");
    expect(audit).toMatchObject({ actorId: world.org.admin.id, after: { clientSecretChanged: true } });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(audit)).not.toContain(row!.clientSecretEncrypted);
  });

  it("an update without a secret keeps the stored one; requiring SSO is audited", async () => {
    const api = world.api(world.org.admin);
    const [before] = await world.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, world.org.id));
    await api.sso.update(input({ clientSecret: undefined, required: true }));
    const [after] = await world.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, world.org.id));
    expect(after!.clientSecretEncrypted).toBe(before!.clientSecretEncrypted);
    expect((await api.sso.get()).required).toBe(true);
    expect(await lastAudit(world.db, world.org.id, "sso.config_updated")).toMatchObject({
      before: { required: false, domains: ["eu.initech.example", "initech.example"] },
      after: { required: true, domains: ["initech.example"], clientSecretChanged: false },
    });
  });

  it("a domain another organization covers → CONFLICT naming it, nothing changed", async () => {
    await world.api(world.other.admin, world.other.id).sso.update(input({ domains: ["umbrella.example"] }));
    const error = await expectTRPCError(
      world.api(world.org.admin).sso.update(input({ domains: ["initech.example", "umbrella.example"] })),
      "CONFLICT",
    );
    expect(error.message).toContain("umbrella.example");
    expect((await world.api(world.org.admin).sso.get()).domains).toEqual(["initech.example"]);
  });

  it("another organization's team as default team → NOT_FOUND", async () => {
    await expectTRPCError(
      world.api(world.org.admin).sso.update(input({ defaultTeamId: world.other.subTeamId })),
      "NOT_FOUND",
    );
  });

  it.each([
    ["a plain-HTTP issuer on a public host", { issuer: "http://login.initech.example" }, "issuer"],
    ["an issuer that is no URL", { issuer: "login" }, "issuer"],
    ["no domain", { domains: [] }, "domains"],
    ["a domain with a path", { domains: ["initech.example/x"] }, "domains.0"],
    ["a single-label domain", { domains: ["localhost"] }, "domains.0"],
    ["admin as default role", { defaultRole: "admin" }, "defaultRole"],
    ["an empty client id", { clientId: "  " }, "clientId"],
    ["a team id that is no id", { defaultTeamId: "x" }, "defaultTeamId"],
  ])("%s → BAD_REQUEST naming the field", async (_label, overrides, field) => {
    await expectBadRequest(world.api(world.org.admin).sso.update(input(overrides) as never), field);
  });

  it("remove turns SSO off, audited; removing again → NOT_FOUND", async () => {
    const api = world.api(world.org.admin);
    await api.sso.remove();
    expect((await api.sso.get()).configured).toBe(false);
    expect(await lastAudit(world.db, world.org.id, "sso.config_removed")).toMatchObject({
      actorId: world.org.admin.id,
    });
    await expectTRPCError(api.sso.remove(), "NOT_FOUND");
  });
});
