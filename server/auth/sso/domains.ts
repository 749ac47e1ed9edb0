/**
 * Pure rules of SSO sign-in: what the person typed (an email or an organization's slug), email domains, and the
 * checks a login's state must pass. No I/O.
 */
import { z } from "zod";

/** A DNS name of at least two labels, lower case, no trailing dot: `example.com`, `eu.corp.example`. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function normalizeDomain(raw: string): string {
  return raw.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
}

export function isValidDomain(domain: string): boolean {
  return DOMAIN.test(domain);
}

export const domainSchema = z
  .string()
  .max(253)
  .transform(normalizeDomain)
  .refine(isValidDomain, "Enter a domain like example.com");

/** The domain of an email address (lower case), or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  const domain = normalizeDomain(email.slice(at + 1));
  return isValidDomain(domain) ? domain : null;
}

/** Whether the address is in one of the covered domains: exactly, never a subdomain nor a suffix. */
export function isCoveredEmail(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && domains.includes(domain);
}

/** What "Sign in with SSO" was given: an email (find the organization by its domain) or an organization's slug. */
export type SsoLogin = { kind: "email"; email: string; domain: string } | { kind: "slug"; slug: string };

export function parseSsoLogin(raw: string): SsoLogin | null {
  const value = raw.trim().toLowerCase();
  if (value.length === 0 || value.length > 320) return null;
  if (value.includes("@")) {
    const domain = emailDomain(value);
    return domain ? { kind: "email", email: value, domain } : null;
  }
  return /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(value) ? { kind: "slug", slug: value } : null;
}

/** How long an SSO sign-in may take, from leaving for the provider to holding a Tandem session. */
export const SSO_LOGIN_TTL_MS = 10 * 60 * 1000;

export type StateRefusal = "state_unknown" | "state_used" | "state_expired" | "state_not_this_browser";

/**
 * Whether the provider's answer may continue the login it names: the login exists, its state was not used yet,
 * it has not expired, and it comes back to the browser that started it (the cookie set at the start).
 */
export function checkLoginState(
  login: { stateUsedAt: Date | null; expiresAt: Date } | undefined,
  sameBrowser: boolean,
  now: Date,
): StateRefusal | null {
  if (!login) return "state_unknown";
  if (login.stateUsedAt) return "state_used";
  if (login.expiresAt.getTime() <= now.getTime()) return "state_expired";
  if (!sameBrowser) return "state_not_this_browser";
  return null;
}
