import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "tandem-demo-2026";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
}

/** A unique address per run, so the tests never collide with an earlier run's data. */
export function uniqueEmail(name: string) {
  return `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.test`;
}

/** The app's own alerts (Next.js adds a hidden route announcer with role="alert" too). */
export function appAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
