/**
 * Limits of the public entry points (sign-up, confirmation links, password reset, invitations), counted in
 * Postgres like sign-in failures (throttle.ts), so they hold across instances. Each limit counts per client address
 * (`…-ip:<address>`) or per email address (`mail-to:<email>`: every request that makes us send a mail to an
 * address counts there, so nobody can flood an inbox through Tandem). Without a known client address (never the
 * case behind Next's server, which fills X-Forwarded-For) there is no per-address limit, as for sign-in.
 */
import type { Database } from "@/db/client";
import { AppError } from "@/server/domain/errors";
import { clientIp } from "./client-ip";
import { recordAttempt, type Attempt, type Limit } from "./throttle";

export interface Window {
  max: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;
/** Mails one address may be sent by sign-ups, resends and reset requests, together. */
export const MAILS_PER_ADDRESS_LIMIT: Window = { max: 5, windowMs: HOUR };

export interface PublicLimits {
  /** The key prefix of the per-address limit, e.g. `signup-ip`. */
  ipPrefix: string;
  perIp: Window;
  /** The email address this request makes us write to, if any (counted under MAILS_PER_ADDRESS_LIMIT). */
  mailTo?: string;
  /** The TOO_MANY_REQUESTS message. */
  message: string;
}

/**
 * Counts the request against its limits; over one of them → TOO_MANY_REQUESTS with `message` (the same whether
 * the email has an account or not). The attempt can be forgotten when only failures should count.
 */
export async function countPublicRequest(
  db: Database,
  headers: Headers,
  limits: PublicLimits,
): Promise<Extract<Attempt, { throttled: false }>> {
  const ip = clientIp(headers);
  const keys: Limit[] = [];
  if (ip) keys.push({ key: `${limits.ipPrefix}:${ip}`, ...limits.perIp });
  if (limits.mailTo) keys.push({ key: `mail-to:${limits.mailTo}`, ...MAILS_PER_ADDRESS_LIMIT });
  const attempt = await recordAttempt(db, keys);
  if (attempt.throttled) throw new AppError("TOO_MANY_REQUESTS", limits.message);
  return attempt;
}
