/** Zod building blocks shared by the routers' input and output schemas. */
import { z } from "zod";
import { ROLES } from "@/server/authz/permissions";

export const idSchema = z.uuid();
export const roleSchema = z.enum(ROLES);
export const emailSchema = z
  .email({ message: "Enter a valid email address" })
  .max(320)
  .transform((email) => email.trim().toLowerCase());
export const passwordSchema = z
  .string()
  .min(10, { message: "Use at least 10 characters" })
  .max(200, { message: "Use at most 200 characters" });
/** A short human-entered name: trimmed, non-empty, no control characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, { message: "Required" })
  .max(120, { message: "Use at most 120 characters" })
  .regex(/^[^\p{Cc}]*$/u, { message: "Contains control characters" });
/** Postgres `integer` (int4): inputs stored in one must stay below it, or the database refuses them as a 500. */
export const INT4_MAX = 2_147_483_647;
/** The version a client read a row at, sent back for the optimistic-lock check. */
export const versionSchema = z.number().int().min(1).max(INT4_MAX);
export const pageLimitSchema = z.number().int().min(1).max(100).default(25);
/**
 * Whether stored scores wait for the background worker after a strategy change (server/services/alignment-queue.ts):
 * on an organization's views, whether any of its deals waits (figures may be out of date for a minute or two); on a
 * deal, whether its score is from before the change.
 */
export const recomputingSchema = z.boolean();
