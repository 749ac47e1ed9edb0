/**
 * The mails the app sends, for integration tests: SMTP_URL unset, so the mailer writes each one to an outbox
 * folder (the offline path), here a temporary one per test file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { emailsSent, type EmailMessage } from "@/server/services/mailer";

export interface Outbox {
  /** Every mail written so far, oldest first, once the mails queued so far are handed over. */
  all(): Promise<EmailMessage[]>;
  /** The mails to `email` not returned by an earlier call, oldest first. */
  newMailsTo(email: string): Promise<EmailMessage[]>;
  /** The one new mail to `email` (fails if there is none or several). */
  mailTo(email: string): Promise<EmailMessage>;
}

export function useOutbox(): Outbox {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-outbox-"));
  const seen = new Set<string>();
  beforeAll(() => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("MAIL_OUTBOX_DIR", dir);
  });
  afterAll(async () => {
    // Mails still being written (a request's mail is sent after its answer) go to this folder, not a deleted one.
    await emailsSent();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });
  const files = async () => {
    await emailsSent();
    return readdirSync(dir).sort();
  };
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as EmailMessage;
  const newMailsTo = async (email: string) => {
    const fresh = (await files()).filter((file) => !seen.has(file) && read(file).to === email);
    for (const file of fresh) seen.add(file);
    return fresh.map(read);
  };
  return {
    all: async () => (await files()).map(read),
    newMailsTo,
    async mailTo(email) {
      const mails = await newMailsTo(email);
      if (mails.length !== 1) throw new Error(`expected one new mail to ${email}, got ${mails.length}`);
      return mails[0]!;
    },
  };
}

/** The token of the link to `route` (e.g. "/confirm-email/") in a mail. */
export function tokenIn(mail: EmailMessage, route: string): string {
  const match = new RegExp(`${route.replaceAll("/", "\\/")}([A-Za-z0-9_-]{43})(\\s|$)`).exec(mail.text);
  if (!match) throw new Error(`no ${route} link in: ${mail.text}`);
  return match[1]!;
}
