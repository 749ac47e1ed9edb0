/**
 * OWASP's "device cookie" against lockout: after a successful sign-in the browser gets a long-lived cookie that
 * names the account and a random nonce, signed with a key derived from the auth secret. When an account is
 * being guessed at (its account-wide failure limit is reached), a sign-in from a browser presenting a valid
 * device cookie *for that account* is not refused by the account-wide limit: it counts against its own limit,
 * keyed by the nonce (server/auth/credentials.ts). An attacker cannot forge one without the secret, and one
 * for another account gives nothing. No database state: a device cookie cannot be revoked early, it only
 * expires (DEVICE_COOKIE_MAX_AGE_S after it was issued, checked on the server from the signed issue time).
 *
 * A browser remembers up to MAX_DEVICE_ENTRIES accounts (a shared computer, several accounts): the cookie's
 * value is their entries joined by "~", each `userId.nonce.issuedAt.signature`.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";

/** Over HTTPS the cookie uses the `__Host-` prefix: Secure, path /, no Domain (like Auth.js's own cookies). */
const DEVICE_COOKIE_NAME = "tandem-device";
const SECURE_DEVICE_COOKIE_NAME = "__Host-tandem-device";
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;
const MAX_DEVICE_ENTRIES = 5;

export interface DeviceEntry {
  userId: string;
  /** Random, 128 bits, base64url: the key of the device's own failure limit. */
  nonce: string;
  /** Seconds since the epoch. */
  issuedAt: number;
}

const ENTRY = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** A key of its own for device cookies, derived from the auth secret (never the secret itself). */
function deviceKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("tandem/device-cookie/v1").digest();
}

function signature(key: Buffer, entry: DeviceEntry): Buffer {
  return createHmac("sha256", key).update(`${entry.userId}.${entry.nonce}.${entry.issuedAt}`).digest();
}

function encode(key: Buffer, entry: DeviceEntry): string {
  return `${entry.userId}.${entry.nonce}.${entry.issuedAt}.${signature(key, entry).toString("base64url")}`;
}

/** The entries of a device cookie whose signature checks out and that have not expired. */
export function readDeviceCookie(
  value: string | null | undefined,
  now = new Date(),
  secret = authSecret(),
): DeviceEntry[] {
  if (!value || value.length > 2048) return [];
  const key = deviceKey(secret);
  const nowS = Math.floor(now.getTime() / 1000);
  const entries: DeviceEntry[] = [];
  for (const part of value.split("~").slice(0, MAX_DEVICE_ENTRIES)) {
    const match = ENTRY.exec(part);
    if (!match) continue;
    const entry = { userId: match[1]!, nonce: match[2]!, issuedAt: Number(match[3]) };
    const expected = signature(key, entry);
    const given = Buffer.from(match[4]!, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
    if (entry.issuedAt > nowS + 300 || nowS - entry.issuedAt >= DEVICE_COOKIE_MAX_AGE_S) continue;
    entries.push(entry);
  }
  return entries;
}

/** The browser's valid device entry for this account, if it has one. */
export function trustedDevice(
  value: string | null | undefined,
  userId: string,
  now = new Date(),
  secret = authSecret(),
): DeviceEntry | null {
  return readDeviceCookie(value, now, secret).find((entry) => entry.userId === userId) ?? null;
}

/**
 * The cookie's new value after `userId` signed in on this browser: a fresh entry for that account first, the
 * browser's other valid accounts after it (at most MAX_DEVICE_ENTRIES in all).
 */
export function deviceCookieAfterSignIn(
  current: string | null | undefined,
  userId: string,
  now = new Date(),
  secret = authSecret(),
): string {
  const key = deviceKey(secret);
  const fresh: DeviceEntry = {
    userId,
    nonce: randomBytes(16).toString("base64url"),
    issuedAt: Math.floor(now.getTime() / 1000),
  };
  const others = readDeviceCookie(current, now, secret).filter((entry) => entry.userId !== userId);
  return [fresh, ...others]
    .slice(0, MAX_DEVICE_ENTRIES)
    .map((entry) => encode(key, entry))
    .join("~");
}

/** The device cookie sent with a request (the `__Host-` one first), or null. */
export function deviceCookieFrom(headers: Headers): string | null {
  const cookies = new Map<string, string>();
  for (const pair of (headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, pair.slice(at + 1).trim());
  }
  return cookies.get(SECURE_DEVICE_COOKIE_NAME) ?? cookies.get(DEVICE_COOKIE_NAME) ?? null;
}

/** Name and attributes of the cookie to set; `secure` when the site is served over HTTPS. */
export function deviceCookieOptions(secure: boolean) {
  return {
    name: secure ? SECURE_DEVICE_COOKIE_NAME : DEVICE_COOKIE_NAME,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  };
}

/** The Set-Cookie header value. */
export function serializeDeviceCookie(value: string, options: ReturnType<typeof deviceCookieOptions>): string {
  return `${options.name}=${value}; Path=${options.path}; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}
