import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

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
