/**
 * The HTTP side of SSO sign-in (routes under app/api/auth/sso): addresses on APP_URL (never on the request's Host
 * header, which a client can forge), and the cookie that ties a provider's answer to the browser that started it.
 */
import { clientIp } from "../client-ip";
import { recordAttempt } from "../throttle";
import type { Database } from "@/db/client";

export const SSO_STATE_COOKIE = "tandem-sso-state";
const COOKIE_PATH = "/api/auth/sso";

export function appUrl(path: string): URL {
  return new URL(path, process.env.APP_URL ?? "http://localhost:3000");
}

/** The redirect URI to register at the provider. */
export function ssoRedirectUri(): string {
  return appUrl("/api/auth/sso/callback").href;
}

function cookieAttributes(maxAgeS: number): string {
  const secure = appUrl("/").protocol === "https:" ? "; Secure" : "";
  // Lax: the provider sends the browser back with a top-level GET, which carries a Lax cookie.
  return `Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure}`;
}

export function stateCookie(state: string, maxAgeS: number): string {
  return `${SSO_STATE_COOKIE}=${state}; ${cookieAttributes(maxAgeS)}`;
}

export function clearedStateCookie(): string {
  return `${SSO_STATE_COOKIE}=; ${cookieAttributes(0)}`;
}

export function readStateCookie(headers: Headers): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SSO_STATE_COOKIE) return value.join("=") || null;
  }
  return null;
}

/** SSO starts per client address: each makes the server fetch the provider's discovery document. */
export const SSO_STARTS_PER_IP = { max: 30, windowMs: 15 * 60 * 1000 };

/** Counts a start; false when the address is over its limit. */
export async function countSsoStart(db: Database, headers: Headers): Promise<boolean> {
  const ip = clientIp(headers);
  if (!ip) return true;
  const attempt = await recordAttempt(db, [{ key: `sso-ip:${ip}`, ...SSO_STARTS_PER_IP }]);
  return !attempt.throttled;
}
