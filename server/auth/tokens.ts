import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/server/domain/errors";

/**
 * A random, URL-safe token (256 bits) for the links of invitations, sign-up confirmations, password resets and
 * (future) share links. Only its hash is stored, each kind in its own table.
 */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as a procedure receives it (43 characters; a little leeway either way, nothing huge). */
export const tokenSchema = z.string().min(20).max(100);

/** What the row of a mailed link says about its use. */
export interface LinkState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt?: Date | null;
}

/** The NOT_FOUND message of each reason a link cannot be used (`revoked` where links can be revoked). */
export interface LinkMessages {
  invalid: string;
  revoked?: string;
  used: string;
  expired: string;
}

/**
 * The row of a mailed link (found by its token's hash) while it can be used; else NOT_FOUND saying why, checked in
 * this order: no row, revoked, used, expired. Invitations, sign-up confirmations and password resets share it.
 */
export function usableLink<T>(
  row: T | undefined,
  state: (row: T) => LinkState,
  messages: LinkMessages,
  now = new Date(),
): T {
  if (!row) throw new AppError("NOT_FOUND", messages.invalid);
  const { revokedAt, usedAt, expiresAt } = state(row);
  if (revokedAt) throw new AppError("NOT_FOUND", messages.revoked ?? messages.invalid);
  if (usedAt) throw new AppError("NOT_FOUND", messages.used);
  if (expiresAt.getTime() <= now.getTime()) throw new AppError("NOT_FOUND", messages.expired);
  return row;
}
