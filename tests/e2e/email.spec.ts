/**
 * Email ownership through real mail: the app sends to a local SMTP server (tests/e2e/mailbox.ts) and the tests
 * follow the links in what arrives — sign-up confirmation, resending it, password reset.
 */
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { appAlert, testClientAddress, uniqueEmail, uniqueSuffix } from "./helpers";
import { createAccount, linkIn, mailboxForThisFile } from "./mailbox";

const mailbox = mailboxForThisFile();

/** A screenshot in the test's report, to look at the pages. */
async function snap(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test("sign up, confirm through the mailed link with the chosen password, and land in the new organization", async ({
  page,
}, testInfo) => {
  const email = uniqueEmail("confirm");
  const password = "a-long-password-7";
  // Names and a client address of its own (sign-ups are limited per address), so the test can run again.
  const suffix = uniqueSuffix();
  const orgName = `Initrode Sales ${suffix}`;
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress() });
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Cora Confirm");
  await page.getByLabel("Organization").fill(orgName);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create organization" }).click();
  // (The first request of a fresh server also opens and migrates its database: allow it more time.)
  await expect(page.getByTestId("check-inbox")).toContainText(`We sent a link to ${email}`, { timeout: 30_000 });
  await snap(page, testInfo, "sign-up: check your inbox");
  const first = linkIn(await mailbox.next(email, /Confirm your email/), "/confirm-email/");

  // Signing in before confirming: the right password gets "confirm your email" and a way to resend the link.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText("Confirm your email first.");
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText(`A new link is on its way to ${email}.`)).toBeVisible();
  await snap(page, testInfo, "sign-in: confirm your email first, link sent again");
  const second = linkIn(await mailbox.next(email, /Confirm your email/), "/confirm-email/");
  expect(second).not.toBe(first);

  // Only the newest link works.
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();

  await page.goto(second);
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await expect(page.getByText(`Enter the password you chose to create “${orgName}”.`)).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("Password").fill("not-my-password-1");
  await page.getByRole("button", { name: "Confirm and create organization" }).click();
  await expect(appAlert(page)).toHaveText("That is not the password you chose when you signed up.");
  await snap(page, testInfo, "confirm: wrong password");
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/o/initrode-sales-${suffix}(?:[/?#]|$)`));
  await expect(page.getByRole("heading", { name: "Welcome, Cora" })).toBeVisible();

  // The link works once.
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "Already confirmed" })).toBeVisible();
  await expect(page.getByText("This email is already confirmed. Sign in to continue.")).toBeVisible();
});

test("forgot password: the mailed link sets a new password, signs in, and ends every other session", async ({
  browser,
  request,
}, testInfo) => {
  const email = uniqueEmail("reset");
  const oldPassword = "the-old-password-1";
  const newPassword = "the-new-password-2";
  const { orgSlug } = await createAccount(request, mailbox, {
    name: "Reese Reset",
    email,
    password: oldPassword,
    organizationName: `Reset ${Date.now()}`,
  });

  // A session on another device, signed in with the old password.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/sign-in");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(oldPassword);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(otherPage).toHaveURL(new RegExp(`/o/${orgSlug}$`));

  // "Forgot password?" is reached from the password field with the keyboard.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Password").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Forgot password?" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText(`If ${email} has a Tandem account`);
  await snap(page, testInfo, "forgot password: link sent");

  const link = linkIn(await mailbox.next(email, /Reset your Tandem password/), "/reset-password/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel(/^New password/).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill("something-else-3");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await snap(page, testInfo, "reset: passwords differ");
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${orgSlug}$`));
  await expect(page.getByRole("heading", { name: "Welcome, Reese" })).toBeVisible();
  expect((await mailbox.next(email, /password was changed/)).text).toMatch(/every\s+session was signed out/);

  // The other device's session has ended.
  expect((await otherPage.request.get("/api/trpc/me.get")).status()).toBe(401);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in/);

  // The link works once; the old password no longer signs in.
  await page.goto(link);
  await expect(page.getByText("This password reset link was already used.")).toBeVisible();
  await snap(page, testInfo, "reset: link already used");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(oldPassword);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(otherPage)).toHaveText("Wrong email or password.");
  await Promise.all([context.close(), other.close()]);
});

test("a reset asked for an unknown email gets the same answer, and no mail", async ({ page, request }) => {
  const unknown = uniqueEmail("unknown");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(unknown);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText(`If ${unknown} has a Tandem account`);
  // A known address asked after it gets its mail; by then nothing has come for the unknown one.
  const known = uniqueEmail("known");
  await createAccount(request, mailbox, {
    name: "Known Kim",
    email: known,
    password: "known-password-1",
    organizationName: `Known ${Date.now()}`,
  });
  await page.getByRole("button", { name: "Use another email" }).click();
  await page.getByLabel("Email").fill(known);
  await page.getByRole("button", { name: "Send the link" }).click();
  await mailbox.next(known, /Reset your Tandem password/);
  expect(mailbox.unread(unknown)).toEqual([]);
});
