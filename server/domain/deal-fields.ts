/**
 * Field rules for accounts, contacts, deals and stakeholders, shared by the tRPC inputs and the CSV import.
 * Pure (zod schemas and string checks). Money is a decimal string end to end: never a JS number.
 */
import { z } from "zod";
import { isRealDate } from "./dates";
import { BUYING_ROLES, DEAL_FLAGS, DEAL_STAGES, PROBLEM_FITS, STANCES } from "./deal-alignment";

/** numeric(14,2): up to 12 digits before the point and 2 after. */
export const MAX_AMOUNT_DIGITS = 12;
const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** Why an amount string is not acceptable, or null when it is. */
export function amountProblem(value: string): string | null {
  const text = value.trim();
  if (text === "") return "Required";
  if (/^-/.test(text)) return "Must not be negative";
  if (/^\d+(\.\d+)?$/.test(text) && !AMOUNT_PATTERN.test(text)) {
    return text.includes(".") && (text.split(".")[1]?.length ?? 0) > 2
      ? "Use at most 2 decimals"
      : "Too large (at most 12 digits before the point)";
  }
  if (!AMOUNT_PATTERN.test(text)) return "Use a decimal amount like 1250.00";
  return null;
}

/** A non-negative decimal amount, kept as the string typed (Postgres numeric stores it exactly). */
export const amountSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = amountProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

let currencies: Set<string> | undefined;
/** ISO 4217 codes the runtime knows (Intl), e.g. USD, EUR, JPY. */
export function isKnownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

export function currencyProblem(value: string): string | null {
  if (!/^[A-Z]{3}$/.test(value)) return "Use a 3-letter ISO 4217 code in capitals, like USD";
  if (!isKnownCurrency(value)) return `Unknown currency code ${value}`;
  return null;
}

export const currencySchema = z.string().superRefine((value, ctx) => {
  const problem = currencyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const dateSchema = z.string().refine(isRealDate, { message: "Use a date like 2026-12-31" });

const noControl = /^[^\p{Cc}]*$/u;
// Control characters other than tab and line breaks.
const noControlExceptLines = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/;

/** One line of text, trimmed; `min` 1 makes it required. */
export const lineSchema = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, { message: "Required" })
    .max(max, { message: `Use at most ${max} characters` })
    .regex(noControl, { message: "Contains control characters" });

/** Free text (may span lines), trimmed. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max} characters` })
    .regex(noControlExceptLines, { message: "Contains control characters" });

/** Optional short text: empty means none (stored as null). */
export const optionalLineSchema = (max: number) =>
  lineSchema(max)
    .nullish()
    .transform((value) => (value ? value : null));

export const stageSchema = z.enum(DEAL_STAGES);
export const problemFitSchema = z.enum(PROBLEM_FITS);
export const buyingRoleSchema = z.enum(BUYING_ROLES);
export const stanceSchema = z.enum(STANCES);
export const flagSchema = z.enum(DEAL_FLAGS);
export const influenceSchema = z
  .number()
  .int({ message: "Use a whole number from 1 to 5" })
  .min(1, { message: "Use 1 to 5" })
  .max(5, { message: "Use 1 to 5" });

export const contactEmailSchema = z
  .string()
  .trim()
  .max(320)
  .transform((email) => email.toLowerCase())
  .pipe(z.union([z.literal(""), z.email({ message: "Enter a valid email address" })]))
  .nullish()
  .transform((email) => (email ? email : null));

/** A website domain without scheme or path: "acme.com". Accepts a URL and keeps its host. */
export function normalizeDomain(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (text === "") return null;
  const host =
    text
      .replace(/^[a-z]+:\/\//, "")
      .replace(/^www\./, "")
      .split(/[/?#]/)[0] ?? "";
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

export const domainSchema = z
  .string()
  .trim()
  .max(253)
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const domain = normalizeDomain(value);
    if (!domain) {
      ctx.addIssue({ code: "custom", message: "Use a domain like acme.com" });
      return z.NEVER;
    }
    return domain;
  });
