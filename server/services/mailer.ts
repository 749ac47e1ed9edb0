/**
 * Outgoing email. With SMTP_URL it goes out through SMTP (nodemailer). Without it (a developer's machine, the
 * offline demo) each message is written to the outbox folder (`.data/outbox/`, or MAIL_OUTBOX_DIR) as JSON and
 * its links are logged, so a sign-up or password reset can still be completed by opening the link by hand.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { together } from "@/server/db/together";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export function isEmailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/** An absolute link into the app, on APP_URL (never on a request's Host header, which a client can forge). */
export function appUrl(pathname: string): string {
  return new URL(pathname, process.env.APP_URL ?? "http://localhost:3000").toString();
}

export function outboxDir(): string {
  return process.env.MAIL_OUTBOX_DIR ?? path.join(process.cwd(), ".data", "outbox");
}

/** Sends the message; true when it went out through SMTP (false: written to the outbox, or sending failed). */
export async function sendEmail(message: EmailMessage): Promise<boolean> {
  const url = process.env.SMTP_URL;
  try {
    if (!url) {
      await writeToOutbox(message);
      return false;
    }
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({ from: process.env.SMTP_FROM ?? "Tandem <no-reply@tandem.local>", ...message });
    return true;
  } catch (error) {
    console.error("[mailer] sending failed:", error instanceof Error ? error.message : error);
    return false;
  }
}

/**
 * Sends in the background: the request that triggers a mail does not wait for the mail server, so how long it
 * takes does not tell whether a mail was sent at all (e.g. whether an email has an account).
 */
export function queueEmail(message: EmailMessage): void {
  const sending: Promise<unknown> = sendEmail(message).finally(() => inFlight.delete(sending));
  inFlight.add(sending);
}

const inFlight = new Set<Promise<unknown>>();

/** Resolves once every mail queued so far has been handed over (or failed): for tests and a graceful shutdown. */
export async function emailsSent(): Promise<void> {
  await together([...inFlight]);
}

async function writeToOutbox(message: EmailMessage): Promise<void> {
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const at = new Date();
  const file = path.join(dir, `${at.toISOString().replaceAll(":", "-")}-${crypto.randomUUID().slice(0, 8)}.json`);
  await writeFile(file, `${JSON.stringify({ ...message, at: at.toISOString() }, null, 2)}\n`, { mode: 0o600 });
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  console.info(
    `[mailer] SMTP_URL is not set: "${message.subject}" to ${message.to} was written to ${file}` +
      (links.length > 0 ? `\n  ${links.join("\n  ")}` : ""),
  );
}
