import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyIdToken } from "@/server/auth/sso/id-token";

const ISSUER = "https://login.initech.example";
const CLIENT_ID = "tandem";
const NONCE = "the-nonce";

describe("ID token validation (our own layer, after openid-client's)", () => {
  let key: CryptoKey;
  let rogue: CryptoKey;
  let keys: ReturnType<typeof createLocalJWKSet>;
  const now = new Date("2026-11-30T12:00:00Z");
  const seconds = Math.floor(now.getTime() / 1000);

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    key = pair.privateKey;
    rogue = (await generateKeyPair("ES256")).privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256" }] });
  });

  async function token(claims: JWTPayload = {}, signer = key, alg = "ES256") {
    return new SignJWT({ sub: "s1", email: "p@initech.example", email_verified: true, nonce: NONCE, ...claims })
      .setProtectedHeader({ alg, kid: "k1" })
      .setIssuer((claims.iss as string | undefined) ?? ISSUER)
      .setAudience((claims.aud as string | string[] | undefined) ?? CLIENT_ID)
      .setIssuedAt(seconds)
      .setExpirationTime((claims.exp as number | undefined) ?? seconds + 300)
      .sign(signer);
  }
  const verify = async (idToken: string) =>
    verifyIdToken(idToken, { issuer: ISSUER, clientId: CLIENT_ID, nonce: NONCE, keys, now });

  it("accepts a valid token and reads its claims", async () => {
    expect(await verify(await token({ name: "Peter" }))).toEqual({
      ok: true,
      claims: { subject: "s1", email: "p@initech.example", emailVerified: true, name: "Peter" },
    });
  });

  it.each([
    ["another issuer", { iss: "https://evil.example" }, "wrong_issuer"],
    ["another audience", { aud: "someone-else" }, "wrong_audience"],
    ["several audiences without us as authorized party", { aud: [CLIENT_ID, "other"] }, "wrong_audience"],
    ["an expired token", { exp: seconds - 120 }, "expired"],
    ["no nonce", { nonce: undefined }, "nonce_missing"],
    ["another nonce", { nonce: "other" }, "nonce_mismatch"],
  ])("%s → %s", async (_label, claims, reason) => {
    expect(await verify(await token(claims as JWTPayload))).toEqual({ ok: false, reason });
  });

  it("a token expired less than the allowed clock skew ago still passes", async () => {
    expect((await verify(await token({ exp: seconds - 30 }))).ok).toBe(true);
  });

  it("a signature by an unpublished key → bad_signature", async () => {
    expect(await verify(await token({}, rogue))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("a symmetric (HS256) token is never accepted", async () => {
    const hs = await new SignJWT({ sub: "s1", nonce: NONCE })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(ISSUER)
      .setAudience(CLIENT_ID)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 300)
      .sign(new TextEncoder().encode("client-secret-client-secret-12345"));
    expect((await verify(hs)).ok).toBe(false);
  });

  it("garbage → invalid_token", async () => {
    expect(await verify("not.a.token")).toEqual({ ok: false, reason: "invalid_token" });
  });
});
