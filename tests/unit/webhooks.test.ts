/** Webhook signing and the SSRF address check (docs/api.md). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detach } from "@/server/api/detach";
import { retryDelayMs, DEFAULT_POLICY } from "@/server/services/webhooks-worker";
import { signatureHeader, verifySignature } from "@/server/services/webhooks-signing";
import { isPublicAddress } from "@/server/services/webhooks-ssrf";
import { z } from "zod";

const NOW = 1_800_000_000;

describe("webhook signatures", () => {
  it("verify for the body, secret and timestamp they were made with", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: -300, max: 300 }),
        (secret, body, skew) => {
          expect(verifySignature(secret, signatureHeader(secret, NOW + skew, body), body, NOW)).toBe(true);
        },
      ),
    );
  });

  it("fail for another body, another secret, or a timestamp outside the tolerance", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string(), (secret, body, other) => {
        fc.pre(body !== other);
        const header = signatureHeader(secret, NOW, body);
        expect(verifySignature(secret, header, other, NOW)).toBe(false);
        expect(verifySignature(`${secret}x`, header, body, NOW)).toBe(false);
        expect(verifySignature(secret, header, body, NOW + 301)).toBe(false);
      }),
    );
  });

  it("refuse a missing or malformed header", () => {
    expect(verifySignature("s", null, "{}", NOW)).toBe(false);
    expect(verifySignature("s", "t=abc,v1=00", "{}", NOW)).toBe(false);
    expect(verifySignature("s", `t=${NOW},v1=zz`, "{}", NOW)).toBe(false);
  });
});

describe("SSRF address check", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2002:c0a8:101::1",
    "2001:db8::1",
    "localhost",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join("."));

  it("judges an IPv4-mapped IPv6 address like the IPv4 address", () => {
    fc.assert(fc.property(v4, (address) => isPublicAddress(`::ffff:${address}`) === isPublicAddress(address)));
  });

  it("refuses every address of the private and loopback ranges", () => {
    const octet = fc.nat(255);
    fc.assert(fc.property(octet, octet, octet, (a, b, c) => !isPublicAddress(`10.${a}.${b}.${c}`)));
    fc.assert(fc.property(octet, octet, octet, (a, b, c) => !isPublicAddress(`127.${a}.${b}.${c}`)));
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 31 }), octet, octet, (a, b, c) => !isPublicAddress(`172.${a}.${b}.${c}`)),
    );
  });
});

describe("retry backoff", () => {
  it("doubles from the base delay and stops at the cap", () => {
    expect(retryDelayMs(1)).toBe(DEFAULT_POLICY.baseDelayMs);
    expect(retryDelayMs(2)).toBe(2 * DEFAULT_POLICY.baseDelayMs);
    expect(retryDelayMs(30)).toBe(DEFAULT_POLICY.maxDelayMs);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), (n) => retryDelayMs(n + 1) >= retryDelayMs(n)));
  });
});

describe("detached REST input schemas", () => {
  it("keep the app schema's checks, and coercing the copy leaves the app schema strict", () => {
    const app = z.object({ version: z.number().int().min(1), flag: z.boolean().default(false) });
    const copy = detach(app);
    (copy.shape.version._zod.def as { coerce?: boolean }).coerce = true;
    expect(copy.safeParse({ version: "2" }).success).toBe(true);
    expect(copy.safeParse({ version: "0" }).success).toBe(false);
    expect(app.safeParse({ version: "2" }).success).toBe(false);
  });
});
