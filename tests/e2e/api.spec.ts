import { expect, test } from "@playwright/test";
import { signIn, uniqueSuffix } from "./helpers";

test("an admin creates an API key, sees it once, and the REST API answers to it", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/o/acme-robotics/settings");
  const name = `Warehouse sync ${uniqueSuffix()}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByLabel("Scope").selectOption("read");
  await page.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^tdm_[\w-]{40,}$/);
  const key = (await shown.textContent()) ?? "";
  const keys = page.getByRole("list", { name: "API keys" });
  const row = keys.locator("li").filter({ has: page.getByText(name, { exact: true }) });
  await expect(row.getByText("Never used")).toBeVisible();

  const answer = await page.request.get("/api/v1/strategies", { headers: { authorization: `Bearer ${key}` } });
  expect(answer.status()).toBe(200);
  const refused = await page.request.post("/api/v1/accounts", {
    headers: { authorization: `Bearer ${key}` },
    data: { name: "Not with a read key" },
  });
  expect(refused.status()).toBe(403);

  // Shown once: gone after "Done", and not on the page after a reload either.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  await expect(row.getByText(/Last used/)).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);

  // Revoking asks first; the key is refused afterwards.
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  const after = await page.request.get("/api/v1/strategies", { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
});

test("the API reference and its OpenAPI document are served", async ({ page }) => {
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Tandem REST API" })).toBeVisible();
  await expect(page.getByText("/deals/{dealId}").first()).toBeVisible();
});
