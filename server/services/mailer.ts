/**
 * Outgoing email through SMTP (nodemailer) when SMTP_URL is configured. Without it, nothing is sent and
 * the UI shows the link to pass on by hand.
 */
import nodemailer from "nodemailer";

export function isEmailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export async function sendEmail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const url = process.env.SMTP_URL;
  if (!url) return false;
  try {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({ from: process.env.SMTP_FROM ?? "Tandem <no-reply@tandem.local>", ...message });
    return true;
  } catch (error) {
    console.error("[mailer] sending failed:", error instanceof Error ? error.message : error);
    return false;
  }
}
