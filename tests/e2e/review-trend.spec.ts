import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the manager sees the team's average alignment score over time on the review board", async ({ page }) => {
  await signIn(page, "maria@acme.test");
  await page.goto("/o/acme-robotics/reviews");
  await expect(page.getByRole("heading", { name: "Team average over time" })).toBeVisible();
  const trend = page.getByTestId("team-trend");
  await expect(trend.getByRole("columnheader")).toHaveText(["Month", "Team average", "Reviews"]);
  await expect(trend.locator("tbody tr").first()).toHaveText(/^\d{4}-\d{2}\d{1,3}\d+$/);
  await page.getByTestId("team-trend").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/review-team-trend.png", fullPage: true });
});
