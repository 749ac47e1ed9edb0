/**
 * A real SMTP server on SMTP_PORT (tests/e2e/ports.ts), where the app under test sends its mail (playwright.config.ts
 * points the app's SMTP_URL at it). Tests wait for a mail to an address and follow its links.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import superjson from "superjson";
import { testClientAddress } from "./helpers";
import { SMTP_PORT } from "./ports";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export class Mailbox {
  private readonly mails: ReceivedMail[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          this.mails.push({ to, subject: mail.subject ?? "", text: mail.text ?? "" });
          for (const wake of this.waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.server.once("error", reject);
      this.server.listen(SMTP_PORT, "127.0.0.1", resolve);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }

  /** The next mail to `to` whose subject matches, once it has arrived (mails already read are not returned again). */
  async next(to: string, subject: RegExp = /./, timeoutMs = 20_000): Promise<ReceivedMail> {
    const address = to.toLowerCase();
    const take = () => {
      const index = this.mails.findIndex((mail) => mail.to.includes(address) && subject.test(mail.subject));
      return index < 0 ? null : this.mails.splice(index, 1)[0]!;
    };
    return new Promise((resolve, reject) => {
      const check = () => {
        const mail = take();
        if (!mail) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Mails to `to` received so far and not read yet. */
  unread(to: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(to.toLowerCase()));
  }
}

/** Starts a mailbox before the file's tests and stops it after them. */
export function mailboxForThisFile(): Mailbox {
  const mailbox = new Mailbox();
  test.beforeAll(() => mailbox.start());
  test.afterAll(() => mailbox.stop());
  return mailbox;
}

/** The link to `route` (e.g. "/confirm-email/") in a mail, as an absolute URL. */
export function linkIn(mail: ReceivedMail, route: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname.startsWith(route));
  expect(link, `a ${route} link in: ${mail.text}`).toBeTruthy();
  return link!;
}

/** An account with its own organization, through sign-up and the mailed confirmation link (over the API). */
export async function createAccount(
  request: APIRequestContext,
  mailbox: Mailbox,
  account: { name: string; email: string; password: string; organizationName: string },
): Promise<{ orgSlug: string }> {
  // From a client address of its own: sign-ups are limited per address, and the suite may be repeated.
  const headers = { "content-type": "application/json", "x-forwarded-for": testClientAddress() };
  const call = (procedure: string, input: unknown) =>
    request.post(`/api/trpc/${procedure}`, { headers, data: JSON.stringify(superjson.serialize(input)) });
  expect((await call("onboarding.signUp", account)).status()).toBe(200);
  const token = new URL(linkIn(await mailbox.next(account.email), "/confirm-email/")).pathname.split("/").at(-1);
  const confirmed = await call("onboarding.confirmSignUp", { token, password: account.password });
  expect(confirmed.status()).toBe(200);
  const body = (await confirmed.json()) as { result: { data: never } };
  return superjson.deserialize<{ orgSlug: string }>(body.result.data);
}
