/**
 * Single sign-on through a real OpenID provider (the `oidc-provider` package, its development login and consent
 * pages) on a local port derived from E2E_PORT: an admin sets SSO up in settings; a newcomer from the covered
 * domain signs in through the provider and joins; a second sign-in lands on the same account; a replayed provider
 * answer is refused; once SSO is required a rep's password is refused and the admin's break-glass password works.
 * The demo organization's SSO connection is removed afterwards, whatever happened.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import Provider from "oidc-provider";
import type { Server } from "node:http";
import { appAlert, demoOrgId, signIn, signInWithForm, trpc, uniqueSuffix } from "./helpers";
import { E2E_PORT } from "./ports";

const APP = `http://localhost:${E2E_PORT}`;
const ISSUER = `http://localhost:${E2E_PORT + 50}`;
const CLIENT_ID = "tandem-e2e";
const CLIENT_SECRET = "e2e-client-secret-0123456789";
const DOMAIN = `sso-${uniqueSuffix()}.example`;

let server: Server;

test.beforeAll(async () => {
  const provider = new Provider(ISSUER, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${APP}/api/auth/sso/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The development login page accepts any login: it becomes the subject and the (verified) email.
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, name: `SSO ${id.split("@")[0]}` }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-provider-cookie-key"] },
    features: { devInteractions: { enabled: true } },
  });
  server = provider.listen(E2E_PORT + 50);
});

test.afterAll(async ({ browser }) => {
  // Remove the connection this spec set up (it replaced the demo's seeded, never-required one), so that SSO is
  // off and required nowhere for the specs after this one, which sign in with passwords.
  const page = await newPage(browser);
  await signIn(page, "admin@acme.test");
  const org = await orgOf(page);
  await trpc(page.request, "mutation", "sso.remove", undefined, { "x-tandem-org": org.id });
  await page.context().close();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * The demo organization, asked again if the connection is reset: right after the server starts, a first slow page
 * can outlast the keep-alive of the request context's socket (read ECONNRESET).
 */
async function orgOf(page: Page): Promise<{ id: string; slug: string }> {
  let org: { id: string; slug: string } | undefined;
  await expect(async () => {
    org = await demoOrgId(page.request);
  }).toPass();
  return org!;
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** "Sign in with SSO" on the sign-in page, then the provider's login and consent pages. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  await page.getByLabel("Work email or organization").fill(login);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/`));
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("SSO: set up, first sign-in joins, second lands, replay refused, enforcement", async ({ browser }) => {
  test.setTimeout(150_000); // seven browser contexts and two trips through the provider
  // The admin sets SSO up in the organization's settings.
  const admin = await newPage(browser);
  await signIn(admin, "admin@acme.test");
  const org = await orgOf(admin);
  await admin.goto(`/o/${org.slug}/settings`);
  const section = admin.locator("section", { hasText: "Single sign-on (SSO)" });
  await expect(section.getByText("/api/auth/sso/callback")).toBeVisible();
  await section.getByLabel("Issuer URL").fill(ISSUER);
  await section.getByLabel("Client ID").fill(CLIENT_ID);
  await section.getByLabel("Client secret").fill(CLIENT_SECRET);
  await section.getByLabel("Email domains").fill(DOMAIN);
  await section.getByLabel("Role of new members").selectOption("viewer");
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(section.getByText("Single sign-on saved.")).toBeVisible();
  await expect(section.getByText("Set. Leave empty to keep it.")).toBeVisible();
  await expect(section.getByLabel("Client secret")).toHaveValue(""); // write-only: not left in the page

  // A newcomer from the covered domain signs in through the provider and joins the organization.
  const email = `nina@${DOMAIN}`;
  const nina = await newPage(browser);
  let callback: string | null = null;
  nina.on("request", (request) => {
    if (request.url().startsWith(`${APP}/api/auth/sso/callback`)) callback = request.url();
  });
  await signInWithSso(nina, email);
  await expect(nina).toHaveURL(`${APP}/o/${org.slug}`);
  const first = await trpc<{ user: { id: string; email: string }; organizations: { slug: string; role: string }[] }>(
    nina.request,
    "query",
    "me.get",
    undefined,
  );
  expect(first.data?.user.email).toBe(email);
  expect(first.data?.organizations).toEqual([expect.objectContaining({ slug: org.slug, role: "viewer" })]);

  // The provider's answer replayed (the same state) is refused.
  expect(callback).not.toBeNull();
  await nina.goto(callback!);
  await expect(nina).toHaveURL(/\/sign-in\/sso\?refused=state_used/);
  await expect(appAlert(nina)).toContainText("Single sign-on did not succeed");
  await nina.context().close();

  // The second sign-in (another browser) lands on the same account, by the organization's slug this time.
  const again = await newPage(browser);
  await again.goto("/sign-in/sso");
  await again.getByLabel("Work email or organization").fill(org.slug);
  await again.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(again).toHaveURL(new RegExp(`^${ISSUER}/`));
  await again.locator('input[name="login"]').fill(email);
  await again.locator('input[name="password"]').fill("any password");
  await again.getByRole("button", { name: "Sign-in" }).click();
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again).toHaveURL(`${APP}/o/${org.slug}`);
  const second = await trpc<{ user: { id: string } }>(again.request, "query", "me.get", undefined);
  expect(second.data?.user.id).toBe(first.data?.user.id);
  await again.context().close();

  // Enforcement: once SSO is required, a rep's password is refused with a pointer to SSO…
  await section.getByLabel(/Require SSO/).check();
  await section.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(section.getByText("Single sign-on saved.")).toBeVisible();
  const rep = await newPage(browser);
  await rep.goto("/sign-in");
  await rep.getByLabel("Email").fill("rep@acme.test");
  await rep.getByLabel("Password").fill("tandem-demo-2026");
  await rep.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(appAlert(rep)).toContainText("requires single sign-on");
  await expect(rep).toHaveURL(/\/sign-in/);
  await rep.context().close();

  // …while the admin keeps a break-glass password sign-in, recorded in the audit log.
  const breakGlass = await newPage(browser);
  await signInWithForm(breakGlass, "admin@acme.test");
  const audit = await trpc<{ items: { action: string }[] }>(
    breakGlass.request,
    "query",
    "audit.list",
    { limit: 20 },
    { "x-tandem-org": org.id },
  );
  expect(audit.data?.items.map((item) => item.action)).toEqual(
    expect.arrayContaining(["sso.break_glass_sign_in", "sso.password_refused", "sso.sign_in_refused", "sso.signed_in"]),
  );
  await breakGlass.context().close();
  await admin.context().close();
});
