import { expect, test } from "@playwright/test";
import { appAlert, signIn, uniqueSuffix } from "./helpers";

const SLUG = "acme-robotics";

test("a rep plans an account with the customer: problem, step, org chart, share link, customer tick, engagement", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // a long journey: two browsers, a dozen saves
  const suffix = uniqueSuffix();
  await signIn(page, "rep@acme.test");

  // Start a plan on one of the rep's accounts (not the demo's flagship, which has its own plan).
  await page.goto(`/o/${SLUG}/accounts`);
  const account = page
    .getByRole("table")
    .getByRole("link")
    .filter({ hasNotText: "Granite Peak Manufacturing" })
    .first();
  await account.click();
  await page.getByRole("button", { name: "Start an account plan" }).click();
  await page.getByLabel("Plan title").fill(`Joint plan ${suffix}`);
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Joint plan ${suffix}` })).toBeVisible();

  // A problem with our solution, shown to the customer.
  await page.getByRole("button", { name: "Add problem" }).click();
  const problemForm = page.getByRole("form", { name: "New problem" });
  await problemForm.getByLabel("Customer problem").fill(`Slow month-end close ${suffix}`);
  await problemForm.getByLabel("Our solution").fill("Automated reconciliation");
  await problemForm.getByLabel("Show to the customer (share link)").check();
  await problemForm.getByRole("button", { name: "Add problem" }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText(`Slow month-end close ${suffix}`);

  // A customer-side step on the mutual action plan.
  await page.getByRole("tab", { name: "Mutual action plan" }).click();
  await page.getByRole("button", { name: "Add step" }).click();
  const stepForm = page.getByRole("form", { name: "New step" });
  await stepForm.getByLabel("Step").fill(`Upload ledger extract ${suffix}`);
  await stepForm.getByLabel("Side").selectOption("customer");
  await stepForm.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByRole("table", { name: "Steps" })).toContainText(`Upload ledger extract ${suffix}`);

  // The org chart by keyboard: someone who reports to a person moves to the top ("Home"); if everyone is at the
  // top already, the last person moves under the first option (no loop either way).
  await page.getByRole("tab", { name: "Stakeholder map" }).click();
  await expect(page.getByTestId("stakeholder-diagram")).toBeVisible();
  const selects = page.getByLabel(/ reports to/);
  const count = await selects.count();
  let index = count - 1;
  for (let i = 0; i < count; i++) if ((await selects.nth(i).inputValue()) !== "") index = i;
  const reportsTo = selects.nth(index);
  const before = await reportsTo.inputValue();
  await reportsTo.focus();
  await page.keyboard.press(before === "" ? "ArrowDown" : "Home");
  await expect(reportsTo).not.toHaveValue(before);
  const after = await reportsTo.inputValue();
  await expect(appAlert(page)).toHaveCount(0);
  await page.reload();
  await page.getByRole("tab", { name: "Stakeholder map" }).click();
  await expect(page.getByLabel(/ reports to/).nth(index)).toHaveValue(after);

  // A share link, opened by the customer in a browser with no session.
  await page.getByRole("tab", { name: "Sharing & team" }).click();
  await page.getByLabel("For (optional)").fill(`Customer ${suffix}`);
  await page.getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(url).toMatch(/\/share\/[\w-]{40,}$/);

  // The rep keeps the plan open on the sharing tab while the customer works: it updates live, no reload.
  await expect(page.getByTestId("plan-live")).toContainText("Live");
  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(url);
  await expect(view.getByRole("heading", { level: 1, name: `Joint plan ${suffix}` })).toBeVisible();
  await expect(view.getByRole("list", { name: "Challenges and solutions" })).toContainText("Automated reconciliation");
  await view.getByRole("button", { name: `Mark done: Upload ledger extract ${suffix}` }).click();
  await expect(view.getByTestId("customer-steps")).toContainText("Done");
  await expect(view.getByRole("button", { name: `Mark done: Upload ledger extract ${suffix}` })).toHaveCount(0);
  await customer.close();

  // The team sees the opening and the customer's tick, live.
  await expect(page.getByRole("status").filter({ hasText: "The customer marked a customer step done" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Customer actions" })).toContainText(
    `Customer ${suffix} marked a customer step done (customer view): “Upload ledger extract ${suffix}”`,
  );
  await expect(page.getByTestId("share-links")).toContainText(/[1-9]\d* times?/);
  await page.getByRole("tab", { name: "Mutual action plan" }).click();
  await expect(page.getByRole("table", { name: "Steps" })).toContainText("Done (by customer)");
});

test("two people on one plan see each other, and each other's edits without reloading", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const open = async (target: typeof page, email: string) => {
    await signIn(target, email);
    await target.goto(`/o/${SLUG}/plans`);
    await target
      .getByRole("link", { name: /Granite Peak/ })
      .first()
      .click();
    await expect(target.getByTestId("plan-live")).toContainText("Live");
    await target.getByRole("tab", { name: "Mutual action plan" }).click();
  };
  await open(page, "rep@acme.test");
  const other = await browser.newContext();
  const admin = await other.newPage();
  await open(admin, "admin@acme.test");

  await expect(page.getByTestId("plan-viewers")).toContainText("Also viewing:");
  await expect(admin.getByTestId("plan-viewers")).toContainText("Also viewing:");

  await page.getByRole("button", { name: "Add step" }).click();
  const stepForm = page.getByRole("form", { name: "New step" });
  await stepForm.getByRole("textbox", { name: "Step" }).fill(`Live step ${suffix}`);
  await stepForm.getByRole("button", { name: "Add step" }).click();
  await expect(admin.getByRole("table", { name: "Steps" })).toContainText(`Live step ${suffix}`);

  await other.close();
  await expect(page.getByTestId("plan-viewers")).toContainText("No one else is viewing");
});

test("the demo customer view shows the plan but no personal win, stance or internal note", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/share/granite-peak-demo-customer-view-2026");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Granite Peak");
  const html = await page.content();
  for (const internal of [
    "COO role",
    "Opponent",
    "discount guardrails",
    "Karin is the real risk",
    "Unplanned downtime",
  ])
    expect(html).not.toContain(internal);
  await page.goto("/share/not-a-real-token-but-long-enough-0123456789");
  await expect(page.getByText("This link does not work")).toBeVisible();
  await context.close();
});
