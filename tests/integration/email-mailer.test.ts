/**
 * The mailer: without SMTP_URL each mail lands in the outbox folder with its links logged (the offline demo);
 * with it, the mail goes through a real SMTP server.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appUrl, emailsSent, queueEmail, sendEmail } from "@/server/services/mailer";

const message = {
  to: "someone@example.test",
  subject: "Reset your Tandem password",
  text: `Choose a new password here:\n${"http://localhost:3000/reset-password/" + "t".repeat(43)}\nThanks`,
};

describe("mailer", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("without SMTP_URL: writes the mail to the outbox and logs its links", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-outbox-"));
    try {
      vi.stubEnv("SMTP_URL", "");
      vi.stubEnv("MAIL_OUTBOX_DIR", dir);
      const logged = vi.spyOn(console, "info").mockImplementation(() => {});
      queueEmail(message);
      await emailsSent();
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(JSON.parse(readFileSync(path.join(dir, files[0]!), "utf8"))).toMatchObject(message);
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining(`\n  http://localhost:3000/reset-password/${"t".repeat(43)}`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with SMTP_URL: delivers through the SMTP server", async () => {
    const received: { from?: string; to: string[]; subject?: string; text?: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              from: mail.from?.text,
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: mail.subject,
              text: mail.text,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.server.address() as AddressInfo;
      vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
      vi.stubEnv("SMTP_FROM", "Tandem Test <tandem@example.test>");
      expect(await sendEmail(message)).toBe(true);
      expect(received).toEqual([
        {
          from: `"Tandem Test" <tandem@example.test>`,
          to: ["someone@example.test"],
          subject: message.subject,
          text: `${message.text}\n`,
        },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(resolve));
    }
  });

  it("an unreachable SMTP server is logged, not thrown", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:1");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await sendEmail(message)).toBe(false);
    expect(logged).toHaveBeenCalledWith("[mailer] sending failed:", expect.stringMatching(/ECONNREFUSED/));
  });

  it("links are built on APP_URL, never on a request's Host", () => {
    vi.stubEnv("APP_URL", "https://tandem.example.com");
    expect(appUrl("/confirm-email/abc")).toBe("https://tandem.example.com/confirm-email/abc");
  });
});
