import { expect, type APIRequestContext, type Page } from "@playwright/test";
import superjson from "superjson";

export const DEMO_PASSWORD = "tandem-demo-2026";

/** Signs in as a person does: the sign-in form, then the dashboard. For tests about signing in. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
}

/**
 * Signs in for tests about something else: posts what the form posts (Auth.js's credentials callback with its
 * CSRF token) from the page's own context, whose cookie jar the page shares, then opens the dashboard. About a
 * second faster than the form, once per test (the form is covered by the sign-in journeys).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken },
    maxRedirects: 0,
  });
  await page.goto("/");
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
}

/**
 * A suffix no earlier run used (lower-case letters and digits, so it survives slugs). Every spec names what it
 * creates with one, so the suite can run again and again on the same database (`--repeat-each`).
 */
export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0")}`;
}

/** A unique address per run, so the tests never collide with an earlier run's data. */
export function uniqueEmail(name: string) {
  return `${name}.${uniqueSuffix()}@example.test`;
}

/**
 * A made-up client address (198.18.0.0/15, for tests) to send as X-Forwarded-For: the app, reached without a
 * proxy, keys its per-address limits on it (docs/security.md: 10 sign-ups an hour, 50 failed sign-ins in
 * 15 minutes). A test that signs up or fails sign-ins through the API uses its own, so that those limits are
 * its own too, whatever other tests and earlier repeats did from 127.0.0.1.
 */
export function testClientAddress() {
  const byte = (max: number) => Math.floor(Math.random() * max);
  return `198.${18 + byte(2)}.${byte(256)}.${1 + byte(254)}`;
}

/** The app's own alerts (Next.js adds a hidden route announcer with role="alert" too). */
export function appAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

export interface TrpcAnswer<T> {
  status: number;
  data?: T;
  code?: string;
}

/** One tRPC call over raw HTTP (superjson on the wire), with the request context's cookies. */
export async function trpc<T>(
  request: APIRequestContext,
  type: "query" | "mutation",
  procedure: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcAnswer<T>> {
  const serialized = JSON.stringify(superjson.serialize(input));
  const response =
    type === "query"
      ? await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(serialized)}`, { headers })
      : await request.post(`/api/trpc/${procedure}`, {
          headers: { "content-type": "application/json", ...headers },
          data: serialized,
        });
  const body = (await response.json().catch(() => ({}))) as {
    result?: { data: never };
    error?: { json: { data: { code: string } } };
  };
  return {
    status: response.status(),
    data: body.result ? superjson.deserialize<T>(body.result.data) : undefined,
    code: body.error?.json.data.code,
  };
}

/** The first organization of the signed-in user (the demo organization for the demo accounts). */
export async function demoOrgId(request: APIRequestContext): Promise<{ id: string; slug: string }> {
  const me = await trpc<{ organizations: { id: string; slug: string }[] }>(request, "query", "me.get", undefined);
  const org = me.data?.organizations[0];
  expect(org, "the demo admin belongs to the demo organization").toBeTruthy();
  return org!;
}

/**
 * A new member of the signed-in admin's organization (`adminRequest` carries the admin's cookies), invited and
 * joined through the API: a test that changes a member's state changes its own member, never a demo account.
 */
export async function joinAsNewMember(
  adminRequest: APIRequestContext,
  guestRequest: APIRequestContext,
  { firstName, role }: { firstName: string; role: "admin" | "manager" | "rep" | "viewer" },
) {
  const org = await demoOrgId(adminRequest);
  const member = {
    email: uniqueEmail(firstName.toLowerCase()),
    name: `${firstName} ${uniqueSuffix()}`,
    password: `a-long-password-${uniqueSuffix()}`,
  };
  const invitation = await trpc<{ path: string }>(
    adminRequest,
    "mutation",
    "invitations.create",
    { email: member.email, role },
    { "x-tandem-org": org.id },
  );
  expect(invitation.status, "invitation").toBe(200);
  const token = invitation.data!.path.split("/").pop()!;
  const joined = await trpc(guestRequest, "mutation", "onboarding.acceptInvitation", {
    token,
    name: member.name,
    password: member.password,
  });
  expect(joined.status, "joining").toBe(200);
  return member;
}
