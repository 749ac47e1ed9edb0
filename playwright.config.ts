import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT as port, SMTP_PORT as smtpPort } from "./tests/e2e/ports";

const baseURL = `http://localhost:${port}`;
// A fresh embedded database per run, seeded with the demo organization.
const dataDir = `.data/e2e-${port}`;
// The app mails through SMTP to smtpPort, where the tests that read mail run a real SMTP server
// (tests/e2e/mailbox.ts); links in the mails point at the server under test.

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // Not in CI, whose only output is the log: recording a trace of every test made the suite about a fifth slower.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Runs against the production build (`next build` must have run).
    command: `rm -rf ${dataDir} && npx tsx db/seed.ts && npx tsx server/http/start.ts -p ${port}`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: "",
      PGLITE_DIR: dataDir,
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      APP_URL: baseURL,
      // tests/e2e/sso.spec.ts runs an OpenID provider on plain HTTP on this machine.
      SSO_HTTP_LOCALHOST: "1",
    },
    stdout: "pipe",
  },
});
