import { expect, test, type Locator, type Page } from "@playwright/test";
import { axeViolations, THEMES } from "./axe";
import { signIn, uniqueSuffix } from "./helpers";

const SLUG = "acme-robotics";

/** Fills the editor's step `number` (1-based). */
async function fillStep(editor: Locator, number: number, title: string, side: "us" | "customer", days: number) {
  const step = editor.getByRole("group", { name: `Step ${number}`, exact: true });
  await step.getByLabel("Title", { exact: true }).fill(title);
  await step.getByLabel("Side").selectOption(side);
  await step.getByLabel("Due (days after start)").fill(String(days));
  return step;
}

async function expectNoAxeViolations(page: Page) {
  for (const theme of THEMES) {
    const violations = await axeViolations(page, theme);
    expect(violations.map((violation) => `${theme}: ${violation.id}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an admin defines a plan template with ordered, dependent steps; a rep starts a plan from it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const name = `Enterprise pilot ${uniqueSuffix()}`;
  await signIn(page, "admin@acme.test");
  await page.goto(`/o/${SLUG}/settings`);
  await page.getByRole("link", { name: "Manage plan templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan templates" })).toBeVisible();

  await page.getByRole("button", { name: "New template" }).click();
  const editor = page.getByRole("form", { name: "New template" });
  await expect(editor.getByLabel("Name")).toBeFocused();
  await editor.getByLabel("Name").fill(name);
  await editor.getByLabel("Description").fill("Six weeks from kick-off to a signed pilot.");
  for (let i = 0; i < 3; i++) await editor.getByRole("button", { name: "Add step" }).click();
  await expect(
    editor.getByRole("group", { name: "Step 3", exact: true }).getByLabel("Title", { exact: true }),
  ).toBeFocused();
  await fillStep(editor, 1, "Kick-off call", "us", 0);
  await fillStep(editor, 2, "Pilot sign-off", "us", 42);
  const review = await fillStep(editor, 3, "Security review", "customer", 14);
  await review.getByRole("checkbox", { name: "1. Kick-off call" }).check();

  // By keyboard: the review moves above the sign-off (it waits for step 1 only); the focus follows it.
  await review.getByRole("button", { name: "Move step 3 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("button", { name: "Move step 2 up" })).toBeFocused();
  await expect(editor.getByRole("status")).toHaveText("Step 3 is now step 2.");
  const signOff = editor.getByRole("group", { name: "Step 3", exact: true });
  await expect(signOff.getByLabel("Title", { exact: true })).toHaveValue("Pilot sign-off");
  await signOff.getByRole("checkbox", { name: "2. Security review" }).check();
  // The sign-off now waits for the review: it cannot move above it.
  await signOff.getByRole("button", { name: "Move step 3 up" }).click();
  await expect(editor.getByRole("status")).toHaveText("Step 3 waits for step 2. Untick it first to move the step.");
  await expect(signOff.getByLabel("Title", { exact: true })).toHaveValue("Pilot sign-off");
  await expectNoAxeViolations(page);

  await editor.getByRole("button", { name: "Create template" }).click();
  const active = page.getByRole("list", { name: "Active templates" });
  const row = active.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("3 steps");

  // The name is taken: the error shows at the field and nothing typed is lost.
  await page.getByRole("button", { name: "New template" }).click();
  const second = page.getByRole("form", { name: "New template" });
  await second.getByLabel("Name").fill(name.toUpperCase());
  await second.getByRole("button", { name: "Add step" }).click();
  await fillStep(second, 1, "Discovery", "us", 3);
  await second.getByRole("button", { name: "Create template" }).click();
  await expect(second.getByText("A template with this name exists already.")).toBeVisible();
  await expect(second.getByLabel("Name")).toHaveValue(name.toUpperCase());
  await expect(
    second.getByRole("group", { name: "Step 1", exact: true }).getByLabel("Title", { exact: true }),
  ).toHaveValue("Discovery");
  await second.getByRole("button", { name: "Cancel" }).click();
  await expect(second).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New template" })).toBeFocused();

  // A rep starts a plan from the template on one of their accounts and finds its three steps, in order.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, "rep@acme.test");
  await rep.goto(`/o/${SLUG}/settings`);
  await expect(rep.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(rep.getByRole("link", { name: "Manage plan templates" })).toHaveCount(0);
  expect((await rep.goto(`/o/${SLUG}/settings/plan-templates`))?.status()).toBe(404);
  await rep.goto(`/o/${SLUG}/accounts`);
  await rep.getByRole("table").getByRole("link").filter({ hasNotText: "Granite Peak Manufacturing" }).first().click();
  await rep.getByRole("button", { name: "Start an account plan" }).click();
  await rep.getByLabel("Plan title").fill(`${name} plan`);
  await rep.getByLabel("Start from template").selectOption({ label: `${name} (3 steps)` });
  await rep.getByRole("button", { name: "Create plan" }).click();
  await expect(rep.getByRole("heading", { level: 1, name: `${name} plan` })).toBeVisible();
  await rep.getByRole("tab", { name: "Mutual action plan" }).click();
  const steps = rep.getByRole("table", { name: "Steps" }).locator("tbody > tr");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Kick-off call");
  await expect(steps.nth(1)).toContainText("Security review");
  await expect(steps.nth(1)).toContainText("Kick-off call"); // waits for it
  await expect(steps.nth(2)).toContainText("Pilot sign-off");
  await expect(steps.nth(2)).toContainText("Security review");
  await repContext.close();

  // Archiving asks first; the template moves to the archived list, and back on restore.
  await row.getByRole("button", { name: "Archive" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Archive “${name}”?` })).toBeVisible();
  await dialog.getByRole("button", { name: "Archive" }).click();
  const archived = page.getByRole("list", { name: "Archived templates" });
  await expect(archived.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  await expect(active.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
  await archived.getByRole("button", { name: `Restore ${name}` }).click();
  await expect(row).toContainText("3 steps");
});
