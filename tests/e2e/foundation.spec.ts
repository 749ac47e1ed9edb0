import { expect, test } from "@playwright/test";
import {
  appAlert,
  DEMO_PASSWORD,
  joinAsNewMember,
  signIn,
  signInWithForm,
  testClientAddress,
  uniqueEmail,
  uniqueSuffix,
} from "./helpers";
import { createAccount, linkIn, mailboxForThisFile } from "./mailbox";

const mailbox = mailboxForThisFile();

test("sign up, sign out, sign in, invite a rep who joins in another browser and lands on the dashboard", async ({
  page,
  browser,
}) => {
  const adminEmail = uniqueEmail("founder");
  const password = "a-long-password-1";
  // An organization name of its own: its slug is then known (a name taken before would get "-2").
  const suffix = uniqueSuffix();
  const orgName = `Globex Sales ${suffix}`;
  const slug = `globex-sales-${suffix}`;
  // A client address of its own: sign-ups are limited per address (10 an hour), and the suite may be repeated.
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress() });

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Fran Founder");
  await page.getByLabel("Organization").fill(orgName);
  await page.getByLabel("Work email").fill(adminEmail);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create organization" }).click();
  // The organization is created once the email is confirmed through the mailed link (tests/e2e/email.spec.ts).
  await expect(page.getByTestId("check-inbox")).toContainText(adminEmail);
  await page.goto(linkIn(await mailbox.next(adminEmail), "/confirm-email/"));
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Confirm and create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}(?:[/?#]|$)`));
  await expect(page.getByRole("heading", { name: "Welcome, Fran" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithForm(page, adminEmail, password);
  await expect(page.getByRole("heading", { name: "Welcome, Fran" })).toBeVisible();

  // Invite a rep.
  await page.getByRole("link", { name: "Members" }).first().click();
  const repEmail = uniqueEmail("rep");
  await page.getByLabel("Email").fill(repEmail);
  await page.getByLabel("Role").selectOption("rep");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByRole("listitem").filter({ hasText: repEmail })).toContainText("pending");

  // The invitee accepts in a separate browser context (no shared cookies).
  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await repPage.goto(link);
  await expect(repPage.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await repPage.getByLabel("Your name").fill("Rosa Rep");
  await repPage.getByLabel("Choose a password").fill("another-long-pass");
  await repPage.getByRole("button", { name: "Join" }).click();
  await expect(repPage).toHaveURL(new RegExp(`/o/${slug}$`));
  await expect(repPage.getByRole("heading", { name: "Welcome, Rosa" })).toBeVisible();
  // The rep's home; the new organization has no strategy yet, so it guides instead of showing empty charts.
  await expect(repPage.getByText("Your goals, your pipeline, and where your deals are (mis)aligned.")).toBeVisible();
  await expect(repPage.getByRole("heading", { name: "Let's set Tandem up" })).toBeVisible();
  // A rep cannot manage members: no invitation form, no audit log.
  await expect(repPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  // The link works once.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(againPage.getByText("This invitation was already used.")).toBeVisible();
  await again.close();

  // The admin sees the rep as a member now.
  await page.reload();
  await expect(page.getByTestId(`member-${repEmail}`)).toContainText("Rosa Rep");
  await repContext.close();
});

test("a wrong password shows the error and does not sign in", async ({ page, request }) => {
  // An account of its own: failed sign-ins count against the account, and the demo accounts must stay open.
  const email = uniqueEmail("wrong-password");
  await createAccount(request, mailbox, {
    name: "Wren Wrong",
    email,
    password: "the-right-password-3",
    organizationName: `Wrong password ${uniqueSuffix()}`,
  });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  // An unknown email gets the very same answer.
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText("Wrong email or password.");
});

test("a deactivated member is signed out at their next request", async ({ page, browser }) => {
  await signIn(page, "admin@acme.test");
  // A member of its own (a demo account, once deactivated, would stay so for the next run).
  const repContext = await browser.newContext();
  const member = await joinAsNewMember(page.request, repContext.request, { firstName: "Dale", role: "rep" });
  const repPage = await repContext.newPage();
  await signIn(repPage, member.email, member.password);
  await expect(repPage.getByRole("heading", { name: "Welcome, Dale" })).toBeVisible();

  await page.getByRole("link", { name: "Members" }).first().click();
  const row = page.getByTestId(`member-${member.email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("deactivated")).toBeVisible();

  await repPage.getByRole("link", { name: "Teams" }).first().click();
  await expect(repPage).toHaveURL(/\/sign-in\?reason=access-removed/);
  await expect(repPage.getByText("Your access to the organization was removed.")).toBeVisible();
  // And the session is really gone: the app sends them back to sign in.
  await repPage.goto("/");
  await expect(repPage).toHaveURL(/\/sign-in/);
  await repContext.close();
});

test("the demo admin lands on a populated dashboard and the team tree refuses cycles", async ({ page }) => {
  await signIn(page, "admin@acme.test", DEMO_PASSWORD);
  await expect(page.getByTestId("open-deals")).not.toHaveText("0");
  // Five open stages: a header row and one row each.
  await expect(page.getByRole("table", { name: "Open pipeline by stage" }).getByRole("row")).toHaveCount(6);

  await page.getByRole("link", { name: "Teams" }).first().click();
  await expect(page.getByTestId("team-Enterprise East")).toBeVisible();
  // Moving Sales under its own sub-team is refused with a clear message.
  await page.getByLabel("Parent of Sales").selectOption({ label: "Under Enterprise East" });
  await expect(appAlert(page)).toContainText("cannot be moved under itself or one of its sub-teams");
});

test("every page carries the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("signing out ends that session for good: a copy of its cookie no longer works", async ({ page, browser }) => {
  await signIn(page, "james@acme.test");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie before the sign-out replays it in another browser.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/o/acme-robotics");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
});
