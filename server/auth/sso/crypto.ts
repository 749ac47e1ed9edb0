/**
 * Encryption at rest of SSO client secrets: AES-256-GCM with a key from SSO_ENCRYPTION_KEY (any string of at least
 * 32 characters) or, without it, derived from AUTH_SECRET. HKDF-SHA256 with its own label either way, so the key
 * that signs session cookies is never used as is for anything else. Changing the key (or AUTH_SECRET without
 * SSO_ENCRYPTION_KEY) makes stored secrets unreadable: the admin enters the client secret again.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../secret";

const VERSION = "v1";
const INFO = "tandem sso client secret v1";

export function ssoEncryptionKey(env: Record<string, string | undefined> = process.env): Buffer {
  const configured = env.SSO_ENCRYPTION_KEY;
  if (configured !== undefined && configured.length < 32) {
    throw new Error("SSO_ENCRYPTION_KEY must be at least 32 characters long.");
  }
  const material = configured ?? env.AUTH_SECRET ?? authSecret();
  return Buffer.from(hkdfSync("sha256", material, "tandem-sso", INFO, 32));
}

export function encryptSecret(plain: string, key = ssoEncryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plain secret, or null when it cannot be read (another key, or tampered with: GCM authenticates). */
export function decryptSecret(stored: string, key = ssoEncryptionKey()): string | null {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
