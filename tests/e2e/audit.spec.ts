import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Other specs add events to the demo organization while this one runs: assertions hold whatever they add.
const DEAL = "Granite Peak Manufacturing — Vision QA multi-site deployment";

const rows = (page: Page) => page.getByTestId("audit-log").locator("tbody tr");

async function actions(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action") ?? ""));
}

test("an admin filters the audit log by area, person, dates and record, and sees an empty state when nothing matches", async ({
  page,
}) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/o/acme-robotics/audit");
  await expect(rows(page).first()).toBeVisible();

  // Area: strategy activations are filterable, in words.
  await page.getByLabel("Area").selectOption({ label: "Strategies" });
  await expect(rows(page).first()).toHaveAttribute("data-action", /^strategy\./);
  expect((await actions(page)).every((action) => action.startsWith("strategy."))).toBe(true);
  await expect(page.getByText(/activated the strategy/).first()).toBeVisible();
  await page.getByLabel("Area").selectOption({ label: "Everything" });

  // A range of UTC days: the seeded stage change of 1 October 2026.
  await page.getByLabel("From (UTC)").fill("2026-10-01");
  await page.getByLabel("To (UTC)").fill("2026-10-01");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("moved the deal from Qualification to Discovery");

  // Everything that happened to that deal.
  await rows(page).first().getByRole("button", { name: "History of this deal" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Everything that happened to deal “${DEAL}”` }),
  ).toBeVisible();
  await expect(page.getByLabel("Entity type")).toHaveValue("deal");
  await expect(rows(page).nth(3)).toBeVisible();
  expect((await actions(page)).every((action) => action.startsWith("deal."))).toBe(true);
  await expect(page.getByText("created the deal in Qualification")).toBeVisible();

  // Who: only Riley's events.
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Who", { exact: true }).selectOption({ label: "Riley Chen" });
  await expect(rows(page).first()).toBeVisible();
  const who = await rows(page).locator("td:nth-child(2)").allTextContents();
  expect(who.every((name) => name.trim() === "Riley Chen")).toBe(true);

  // Nothing matches: the empty state, with a way out.
  await page.getByLabel("From (UTC)").fill("2020-01-01");
  await page.getByLabel("To (UTC)").fill("2020-01-02");
  await expect(page.getByText("No events match these filters")).toBeVisible();

  // A malformed id is refused before any request.
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Entity type").selectOption({ label: "Deal" });
  await page.getByLabel("Entity id").fill("not-an-id");
  await expect(page.getByText("Paste an entity id (a UUID)")).toBeVisible();
  await expect(page.getByText("Fix the filters above to see events.")).toBeVisible();
});
