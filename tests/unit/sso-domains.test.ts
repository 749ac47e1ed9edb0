import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, ssoEncryptionKey } from "@/server/auth/sso/crypto";
import {
  checkLoginState,
  domainSchema,
  emailDomain,
  isCoveredEmail,
  parseSsoLogin,
  SSO_LOGIN_TTL_MS,
} from "@/server/auth/sso/domains";

describe("SSO domain matching", () => {
  it("covers an address only by its exact domain, whatever the case", () => {
    const domains = ["initech.example", "eu.initech.example"];
    expect(isCoveredEmail("peter@initech.example", domains)).toBe(true);
    expect(isCoveredEmail("Peter@INITECH.example", domains)).toBe(true);
    expect(isCoveredEmail("joanna@eu.initech.example", domains)).toBe(true);
    expect(isCoveredEmail("bill@us.initech.example", domains)).toBe(false); // a subdomain is not covered
    expect(isCoveredEmail("eve@evilinitech.example", domains)).toBe(false); // nor a suffix
    expect(isCoveredEmail("eve@initech.example.evil", domains)).toBe(false);
    expect(isCoveredEmail("initech.example", domains)).toBe(false);
    expect(isCoveredEmail("eve@", domains)).toBe(false);
  });

  it("takes the domain after the last @", () => {
    expect(emailDomain('"a@initech.example"@evil.example')).toBe("evil.example");
  });

  it("property: an address is covered exactly when its domain is in the list", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    const domain = fc.tuple(label, label).map(([a, b]) => `${a}.${b}`);
    fc.assert(
      fc.property(label, domain, fc.array(domain, { maxLength: 4 }), (local, own, domains) => {
        expect(isCoveredEmail(`${local}@${own}`, domains)).toBe(domains.includes(own));
      }),
    );
  });

  it("normalizes admins' domains and refuses what is no domain", () => {
    expect(domainSchema.parse(" @Initech.Example. ")).toBe("initech.example");
    for (const bad of ["localhost", "initech.example/x", "*.initech.example", "-a.example", "a..example", ""]) {
      expect(domainSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("reads what 'Sign in with SSO' was given: an email or an organization's slug", () => {
    expect(parseSsoLogin(" Peter@Initech.example ")).toEqual({
      kind: "email",
      email: "peter@initech.example",
      domain: "initech.example",
    });
    expect(parseSsoLogin("Initech-1")).toEqual({ kind: "slug", slug: "initech-1" });
    expect(parseSsoLogin("not a slug")).toBeNull();
    expect(parseSsoLogin("peter@")).toBeNull();
    expect(parseSsoLogin("")).toBeNull();
  });
});

describe("SSO login state", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const fresh = { stateUsedAt: null, expiresAt: new Date(now.getTime() + SSO_LOGIN_TTL_MS) };

  it("a fresh state from the browser that started it passes", () => {
    expect(checkLoginState(fresh, true, now)).toBeNull();
  });

  it("refuses an unknown, used, expired or foreign-browser state", () => {
    expect(checkLoginState(undefined, true, now)).toBe("state_unknown");
    expect(checkLoginState({ ...fresh, stateUsedAt: now }, true, now)).toBe("state_used");
    expect(checkLoginState({ ...fresh, expiresAt: now }, true, now)).toBe("state_expired");
    expect(checkLoginState(fresh, false, now)).toBe("state_not_this_browser");
  });
});

describe("SSO client secret encryption", () => {
  const key = ssoEncryptionKey({ SSO_ENCRYPTION_KEY: "k".repeat(32) });

  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret("client-secret", key);
    const b = encryptSecret("client-secret", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret");
    expect(decryptSecret(a, key)).toBe("client-secret");
  });

  it("another key, or a tampered value, reads nothing", () => {
    const stored = encryptSecret("client-secret", key);
    expect(decryptSecret(stored, ssoEncryptionKey({ SSO_ENCRYPTION_KEY: "x".repeat(32) }))).toBeNull();
    const [version, iv, tag, data] = stored.split(".");
    const flipped = (data![0] === "A" ? "B" : "A") + data!.slice(1);
    expect(decryptSecret([version, iv, tag, flipped].join("."), key)).toBeNull();
    expect(decryptSecret("garbage", key)).toBeNull();
  });

  it("SSO_ENCRYPTION_KEY wins over AUTH_SECRET; a short one is refused", () => {
    const both = { SSO_ENCRYPTION_KEY: "k".repeat(32), AUTH_SECRET: "a".repeat(40) };
    expect(ssoEncryptionKey(both).equals(key)).toBe(true);
    const fromAuth = ssoEncryptionKey({ AUTH_SECRET: "a".repeat(40) });
    expect(fromAuth.equals(key)).toBe(false);
    expect(fromAuth.equals(ssoEncryptionKey({ AUTH_SECRET: "b".repeat(40) }))).toBe(false);
    expect(() => ssoEncryptionKey({ SSO_ENCRYPTION_KEY: "short" })).toThrow(/32 characters/);
  });
});
