/**
 * The session straight from Auth.js's cookie, for the tRPC endpoint, the pages and the page rate limit: the JWT
 * is decrypted with AUTH_SECRET (which also checks its `exp`) and refused past its absolute end, without Auth.js's
 * session round (`auth()`: decrypt, a revocation lookup, re-encrypt a refreshed cookie that a route handler or a
 * server component cannot set).
 *
 * Revocation and the session version are not checked here: every signed-in procedure checks both in its own
 * first statement (server/trpc/init.ts), so a revoked cookie still reaches nothing. Public procedures do not use
 * the session; the rate limit only picks the person's bucket with it.
 *
 * The decryption is Auth.js's own `decode` (@auth/core/jwt.js: "dir" keys derived with HKDF from the secret, the
 * cookie's name as salt, the key's thumbprint as `kid`), with the derived keys kept in memory instead of derived
 * again for every request, and each cookie value decrypted once (decryptOnce).
 */
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";
import { z } from "zod";
import { authSecret } from "./secret";
import { sessionPastAbsoluteEnd } from "./sessions";

/** Auth.js's session cookie: `__Secure-` over HTTPS. Its name is also the key derivation's salt. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

function cookieValue(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

interface DerivedKey {
  key: Uint8Array;
  kid: string;
}

/** jwtDecrypt's tolerance for `exp`, kept for the cached tokens too. */
const CLOCK_TOLERANCE_S = 15;

/** Derived keys by secret, content encryption and salt: a handful at most (one secret, two cookie names). */
const derivedKeys = new Map<string, Promise<DerivedKey>>();

function derivedKey(secret: string, enc: string, salt: string): Promise<DerivedKey> {
  const id = JSON.stringify([secret, enc, salt]);
  let found = derivedKeys.get(id);
  if (!found) {
    const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
    if (!length) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    found = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${length << 3}` as "sha512").then(
      (kid) => ({ key, kid }),
    );
    if (derivedKeys.size > 16) derivedKeys.clear();
    derivedKeys.set(id, found);
  }
  return found;
}

/** Auth.js's decode with the derived key cached. */
async function decrypt(token: string, secret: string, salt: string): Promise<JWT> {
  const { payload } = await jwtDecrypt<JWT>(
    token,
    async ({ kid, enc }) => {
      const derived = await derivedKey(secret, enc, salt);
      if (kid !== undefined && kid !== derived.kid) throw new Error("no matching decryption secret");
      return derived.key;
    },
    {
      clockTolerance: CLOCK_TOLERANCE_S,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
    },
  );
  return payload;
}

/**
 * Tokens already decrypted, by secret, cookie name and the cookie's exact value: a browser sends the same cookie
 * with every request, and decrypting it (AES-CBC and an HMAC through WebCrypto) was about a tenth of a signed-in
 * trivial read's CPU. Only a value that decrypted and authenticated is kept, so a hit is that same ciphertext; its
 * `exp` is checked again on every hit. At most DECRYPTED_TOKENS_KEPT, the oldest dropped first.
 */
const decryptedTokens = new Map<string, JWT>();
const DECRYPTED_TOKENS_KEPT = 10_000;
function stillValid(token: JWT, now: number): boolean {
  return typeof token.exp !== "number" || now < (token.exp + CLOCK_TOLERANCE_S) * 1000;
}

async function decryptOnce(token: string, secret: string, salt: string): Promise<JWT> {
  const id = `${salt}\n${secret}\n${token}`;
  const known = decryptedTokens.get(id);
  if (known && stillValid(known, Date.now())) return known;
  decryptedTokens.delete(id);
  const payload = await decrypt(token, secret, salt);
  if (decryptedTokens.size >= DECRYPTED_TOKENS_KEPT) decryptedTokens.delete(decryptedTokens.keys().next().value!);
  decryptedTokens.set(id, Object.freeze(payload));
  return payload;
}

/** The cookie's decrypted token, or null (no cookie, one we did not issue, or expired). */
export async function sessionToken(headers: Headers): Promise<JWT | null> {
  for (const salt of SESSION_COOKIES) {
    const token = cookieValue(headers, salt);
    if (!token) continue;
    try {
      return await decryptOnce(token, authSecret(), salt);
    } catch {
      return null;
    }
  }
  return null;
}

/** Made once: building a zod schema costs about 20 times checking a value with it (read on every request). */
const sessionIdSchema = z.uuid();

export interface CookieSession {
  userId: string;
  sessionVersion: number;
  sessionId: string;
}

/**
 * The claims of a session cookie we issued that is not past its absolute end, as Auth.js's `auth()` would give
 * them; null otherwise (a cookie without a session id cannot be revoked: refused).
 */
export async function sessionFromCookie(headers: Headers, now = new Date()): Promise<CookieSession | null> {
  const token = await sessionToken(headers);
  if (!token?.sub || typeof token.sid !== "string" || !sessionIdSchema.safeParse(token.sid).success) return null;
  if (sessionPastAbsoluteEnd(token, now)) return null;
  return { userId: token.sub, sessionVersion: typeof token.sv === "number" ? token.sv : 0, sessionId: token.sid };
}
