/**
 * The ports of one end-to-end run, both from E2E_PORT, so that runs on different ports (helpers working side by
 * side, CI) never share the app's port nor its SMTP server (a shared one would hand one run's mails to another).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** The SMTP server the tests run for the app's mails: E2E_SMTP_PORT, else 2525 + (E2E_PORT − 3100). */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525 + (E2E_PORT - 3100));
