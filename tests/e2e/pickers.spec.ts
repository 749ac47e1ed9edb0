import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the pipeline's owner filter is a searchable list box, used with the keyboard", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/o/acme-robotics/deals");
  const owner = page.getByRole("combobox", { name: "Owner" });
  await owner.focus();
  const list = page.getByRole("listbox", { name: "Owner" });
  await expect(list.getByRole("option", { name: "Anyone" })).toBeVisible();
  await owner.fill("RILEY");
  await expect(list.getByRole("option")).toHaveCount(1);
  await expect(list.getByRole("option").first()).toContainText("Riley Chen");
  await owner.press("ArrowDown");
  await owner.press("Enter");
  await expect(page).toHaveURL(/[?&]owner=[0-9a-f-]{36}/);
  await expect(owner).toHaveValue("Riley Chen");
  await expect(page.getByRole("listbox")).toHaveCount(0);

  await owner.focus();
  await owner.fill("nobody by that name");
  await expect(list.getByRole("option")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "No one matches" })).toBeVisible();
  await owner.press("Escape");
  await expect(owner).toHaveValue("Riley Chen");
});
