/**
 * Security promises seen from a browser and from raw HTTP against the production build:
 * stored strings render as text, security headers, cookie flags, CSRF refusal, body limit, sign-in answers
 * that do not tell accounts apart, sessions that end. Uses the demo admin and entities it creates itself.
 */
import { expect, test, type Page } from "@playwright/test";
import superjson from "superjson";
import {
  appAlert,
  demoOrgId,
  DEMO_PASSWORD,
  signIn,
  signInWithForm,
  testClientAddress,
  trpc,
  uniqueEmail,
  uniqueSuffix,
} from "./helpers";
import { createAccount, mailboxForThisFile } from "./mailbox";

const ADMIN = "admin@acme.test";
const SCRIPT_NAME = "<script>alert(1)</script>";
const IMG_NAME = '<img src=x onerror="window.__xss=1">';
/** Fresh accounts are made through sign-up and its mailed confirmation link. */
const mailbox = mailboxForThisFile();

function failOnDialog(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

test("a team and a member named with HTML render as text: no script runs, no element is injected", async ({
  page,
  browser,
}) => {
  const dialogs = failOnDialog(page);
  await signIn(page, ADMIN, DEMO_PASSWORD);
  const org = await demoOrgId(page.request);
  const headers = { "x-tandem-org": org.id };
  const suffix = uniqueSuffix();
  const teamName = `${SCRIPT_NAME} ${suffix}`;
  expect((await trpc(page.request, "mutation", "teams.create", { name: teamName }, headers)).status).toBe(200);

  // A member whose name is HTML, joining through an invitation in a separate browser context.
  const email = uniqueEmail("xss");
  const invitation = await trpc<{ path: string }>(
    page.request,
    "mutation",
    "invitations.create",
    { email, role: "viewer" },
    headers,
  );
  expect(invitation.status).toBe(200);
  const guest = await browser.newContext();
  const token = invitation.data!.path.split("/").pop()!;
  const memberName = `${IMG_NAME} ${suffix}`;
  expect(
    (
      await trpc(guest.request, "mutation", "onboarding.acceptInvitation", {
        token,
        name: memberName,
        password: "a-long-password-1",
      })
    ).status,
  ).toBe(200);
  await guest.close();

  await page.goto(`/o/${org.slug}/teams`);
  await expect(page.getByTestId(`team-${teamName}`)).toContainText(teamName);
  await page.goto(`/o/${org.slug}/members`);
  await expect(page.getByTestId(`member-${email}`)).toContainText(memberName);
  await page.goto(`/o/${org.slug}/audit`);
  await expect(page.getByText(suffix).filter({ visible: true }).first()).toBeVisible();

  for (const path of ["teams", "members", "audit"]) {
    await page.goto(`/o/${org.slug}/${path}`);
    await expect(page.locator('img[src="x"]'), path).toHaveCount(0);
    const injected = await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.includes("alert(1)")));
    expect(injected, path).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});

test("security headers: CSP with a per-response nonce and no unsafe-inline scripts, frame-ancestors none, HSTS, nosniff, referrer policy", async ({
  page,
  request,
}) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  for (const response of [first, second]) {
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  }
  expect(nonceOf(first.headers()["content-security-policy"]!)).not.toBe(
    nonceOf(second.headers()["content-security-policy"]!),
  );

  // Every script the page runs carries the response's nonce.
  const response = await page.goto("/sign-in");
  const nonce = nonceOf(response!.headers()["content-security-policy"]!);
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ nonce: s.nonce, src: s.src })));
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script.nonce, script.src || "inline script").toBe(nonce);

  // API answers and static files carry the headers too.
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  const chunk = scripts.find((script) => script.src.includes("/_next/static/"));
  expect(chunk).toBeDefined();
  const asset = await request.get(chunk!.src);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  expect(asset.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
});

test("the session cookie is HttpOnly and SameSite=Lax, and Secure with a __Secure- name over HTTPS", async ({
  page,
  baseURL,
}) => {
  await signInWithForm(page, ADMIN, DEMO_PASSWORD);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  // The device cookie of a browser that signed in (it keeps the account reachable when attackers exhaust its limit).
  const device = (await page.context().cookies()).find((c) => c.name === "tandem-device");
  expect(device?.httpOnly).toBe(true);
  expect(device?.sameSite).toBe("Lax");

  // Behind an HTTPS proxy (X-Forwarded-Proto: https) the cookies are Secure, with __Host-/__Secure- names.
  const https = { "x-forwarded-proto": "https" };
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers: https });
  const csrfCookie = csrf.headers.getSetCookie().find((c) => c.includes("csrf-token"))!;
  expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=/);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...https,
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie.split(";")[0]!,
      "x-forwarded-for": "198.51.100.10",
    },
    body: new URLSearchParams({ email: ADMIN, password: DEMO_PASSWORD, csrfToken }),
  });
  const cookie = signedIn.headers.getSetCookie().find((c) => c.includes("session-token"));
  expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  const deviceCookie = signedIn.headers.getSetCookie().find((c) => c.includes("tandem-device"));
  expect(deviceCookie).toMatch(/^__Host-tandem-device=.*;\s*HttpOnly;\s*SameSite=Lax;\s*Secure/i);
});

test("a cross-site POST to /api/trpc is refused (403) even with the victim's cookies, and changes nothing", async ({
  page,
}) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  const org = await demoOrgId(page.request);
  const before = await trpc<{ name: string }>(page.request, "query", "org.current", undefined, {
    "x-tandem-org": org.id,
  });
  const forged = await page.request.post("/api/trpc/org.rename", {
    headers: { "content-type": "application/json", origin: "https://evil.example", "x-tandem-org": org.id },
    data: JSON.stringify(superjson.serialize({ name: "Pwned Inc" })),
  });
  expect(forged.status()).toBe(403);
  const after = await trpc<{ name: string }>(page.request, "query", "org.current", undefined, {
    "x-tandem-org": org.id,
  });
  expect(after.data?.name).toBe(before.data?.name);

  // The same request from a page of the app itself goes through the Origin check (and here fails validation).
  const sameSite = await page.request.post("/api/trpc/org.rename", {
    headers: { "content-type": "application/json", origin: new URL(page.url()).origin, "x-tandem-org": org.id },
    data: JSON.stringify(superjson.serialize({ name: "" })),
  });
  expect(sameSite.status()).toBe(400);
});

test("a request body over the limit answers 413 before it is parsed", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  const org = await demoOrgId(page.request);
  const response = await page.request.post("/api/trpc/org.rename", {
    headers: { "content-type": "application/json", "x-tandem-org": org.id },
    data: JSON.stringify(superjson.serialize({ name: "x".repeat(2 * 1024 * 1024) })),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("PAYLOAD_TOO_LARGE");
});

test("an attacker who exhausts an account's sign-in limit keeps strangers out, but not the owner's own browser", async ({
  browser,
  baseURL,
  request,
}) => {
  const email = uniqueEmail("device");
  const password = "the-right-password-2";
  await createAccount(request, mailbox, {
    name: "Device Owner",
    email,
    password,
    organizationName: `Device ${uniqueSuffix()}`,
  });

  // The owner signs in once in their browser (which keeps a device cookie for the account), then signs out.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signInWithForm(ownerPage, email, password);
  expect((await owner.cookies()).map((c) => c.name)).toContain("tandem-device");
  await ownerPage.getByRole("button", { name: "Sign out" }).first().click();
  await expect(ownerPage).toHaveURL(/\/sign-in/);

  // The attacker: the account's 10 failures in 15 minutes, each from another address.
  for (let i = 1; i <= 10; i++) {
    const csrf = await fetch(`${baseURL}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const guess = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": `203.0.113.${i}` },
      body: new URLSearchParams({ email, password: `wrong-guess-${i}`, csrfToken }),
    });
    expect(
      guess.headers.getSetCookie().some((c) => c.includes("session-token=") && !c.includes("session-token=;")),
    ).toBe(false);
  }

  // Another browser is refused even with the right password while the attack lasts…
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/sign-in");
  await strangerPage.getByLabel("Email").fill(email);
  await strangerPage.getByLabel("Password").fill(password);
  await strangerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(strangerPage)).toHaveText("Too many failed attempts. Wait 15 minutes, then try again.");
  await expect(strangerPage).toHaveURL(/\/sign-in/);

  // …but the owner's own browser signs in.
  await signInWithForm(ownerPage, email, password);
  await Promise.all([owner.close(), stranger.close()]);
});

test("sign-in: an unknown email and a wrong password get the same answer (timing reported)", async ({
  baseURL,
  request,
}) => {
  // A fresh account and a client address of its own, so that no other test's throttling is touched.
  const email = uniqueEmail("timing");
  await createAccount(request, mailbox, {
    name: "Timing Test",
    email,
    password: "the-right-password-1",
    organizationName: `Timing ${uniqueSuffix()}`,
  });
  const address = testClientAddress();

  const attempt = async (who: string) => {
    const csrf = await fetch(`${baseURL}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const started = performance.now();
    const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
      body: new URLSearchParams({ email: who, password: "a-wrong-password-9", csrfToken }),
    });
    const ms = performance.now() - started;
    return {
      ms,
      status: response.status,
      location: response.headers.get("location"),
      sessionCookie: response.headers
        .getSetCookie()
        .some((c) => c.includes("session-token=") && !c.includes("session-token=;")),
    };
  };
  await attempt(`warmup.${Date.now()}@example.test`);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 4; i++) {
    const a = await attempt(email);
    const b = await attempt(`nobody.${Date.now()}.${i}@example.test`);
    expect(b.status).toBe(a.status);
    expect(b.location).toBe(a.location);
    expect(a.sessionCookie || b.sessionCookie).toBe(false);
    known.push(a.ms);
    unknown.push(b.ms);
  }
  // The timing is reported, not asserted: over HTTP on a shared machine it moves with the load (a 0.47 ratio was seen
  // with another suite running). The same work on both paths is asserted in-process by security-signin.test.ts.
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  test.info().annotations.push({
    type: "timing",
    description: `unknown ${median(unknown).toFixed(0)} ms / wrong password ${median(known).toFixed(0)} ms (medians of 4)`,
  });
});

test("sessions end: after signing out the API refuses the browser; a tampered session cookie is refused", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  expect((await trpc(page.request, "query", "me.get", undefined)).status).toBe(200);

  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"))!;
  const tampered = `${session.value.slice(0, -4)}${session.value.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
  const forged = await fetch(`${baseURL}/api/trpc/me.get`, { headers: { cookie: `${session.name}=${tampered}` } });
  expect(forged.status).toBe(401);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  const after = await trpc(page.request, "query", "me.get", undefined);
  expect(after.status).toBe(401);
  expect(after.code).toBe("UNAUTHORIZED");
});

test("the health endpoint reports the database: ok, and nothing more", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
