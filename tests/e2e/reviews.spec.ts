import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A review's journey: Maria (manager) starts a review of Tom, writes a note and two actions, shares it; Tom sees the
 * notification, opens the review, adds a note, acknowledges and marks his action done; Maria sees the
 * acknowledgement and closes the review; Tom's trend shows the new point.
 */
test("manager starts and shares a review; the rep is notified, acknowledges and completes an action", async ({
  browser,
}) => {
  const manager = await browser.newPage();
  await signIn(manager, "maria@acme.test");
  await manager.getByRole("link", { name: "Reviews" }).first().click();
  await manager.getByRole("link", { name: "Start a review" }).click();
  // The rep is searched, not scrolled to: Maria is never offered herself.
  const repPicker = manager.getByRole("combobox", { name: "Rep" });
  await manager.getByRole("button", { name: "Start the review" }).click();
  await expect(manager.getByText("Pick the rep to review.")).toBeVisible();
  await repPicker.fill("maria");
  await expect(manager.getByRole("status").filter({ hasText: "No one matches" })).toBeVisible();
  await repPicker.fill("tom");
  await manager
    .getByRole("listbox", { name: "Rep" })
    .getByRole("option", { name: /Tom Becker/ })
    .click();
  await expect(repPicker).toHaveValue("Tom Becker");
  await manager.getByRole("button", { name: "Start the review" }).click();
  await expect(manager.getByRole("heading", { name: "Review of Tom Becker" })).toBeVisible();
  const reviewUrl = manager.url();

  await manager.getByLabel("Summary").fill("Good quarter; focus the pipeline on the strategy.");
  await manager.getByRole("button", { name: "Save summary" }).click();
  await expect(manager.getByRole("button", { name: "Save summary" })).toBeDisabled();
  for (const [text, owner] of [
    ["Qualify two healthcare accounts", "rep"],
    ["Review the territory plan together", "manager"],
  ] as const) {
    await manager.getByLabel("Action", { exact: true }).fill(text);
    await manager.getByLabel("Owner").selectOption(owner);
    await manager.getByRole("button", { name: "Add action" }).click();
    await expect(manager.getByLabel(text, { exact: true })).toBeVisible();
  }
  await manager.getByRole("button", { name: /^Share with/ }).click();
  await expect(manager.getByRole("button", { name: /^Share with/ })).toHaveCount(0);

  const rep = await browser.newPage();
  await signIn(rep, "tom@acme.test");
  const bell = rep.getByRole("button", { name: /Notifications, \d+ unread/ }).first();
  await bell.click();
  await rep
    .getByRole("dialog", { name: "Notifications" })
    .getByRole("link", { name: /alignment review/ })
    .first()
    .click();
  await expect(rep).toHaveURL(reviewUrl);
  await rep.getByLabel("Tom Becker's notes").fill("Agreed, healthcare first.");
  await rep.getByRole("button", { name: "Save tom becker's notes" }).click();
  await expect(rep.getByRole("button", { name: "Save tom becker's notes" })).toBeDisabled();
  await rep.getByRole("button", { name: "Acknowledge" }).click();
  await expect(rep.getByRole("status").filter({ hasText: "Acknowledged by Tom Becker" })).toBeVisible();
  await rep.getByLabel("Qualify two healthcare accounts", { exact: true }).click();
  await expect(rep.getByLabel("Qualify two healthcare accounts", { exact: true })).toBeChecked();
  await expect(rep.getByLabel("Review the territory plan together", { exact: true })).toBeDisabled();

  await manager.reload();
  await expect(manager.getByRole("status").filter({ hasText: "Acknowledged by Tom Becker" })).toBeVisible();
  await manager.getByRole("button", { name: "Close review" }).click();
  await manager.getByRole("dialog").getByRole("button", { name: "Close review" }).click();
  await expect(manager.getByText("This review is closed: it is read-only.")).toBeVisible();
  await manager.screenshot({ path: "test-results/review-page.png", fullPage: true });

  await rep.reload();
  const today = new Date().toISOString().slice(0, 10);
  await expect(
    rep
      .getByTestId("score-trend")
      .getByRole("row", { name: new RegExp(today) })
      .first(),
  ).toBeVisible();
});
