import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { appAlert, demoOrgId, signIn, trpc } from "./helpers";

/** The alignment score shown on "My goals". */
async function myScore(page: Page): Promise<number> {
  const score = page.getByTestId("alignment-score");
  await expect(score).toBeVisible();
  return Number(await score.getAttribute("data-score"));
}

/**
 * The half-year after every strategy the organization has: each run activates a period of its own (two active
 * strategies never overlap), so the test can run again on the same database. FY2027 H1 on a fresh one.
 */
async function nextFreeHalfYear(adminRequest: APIRequestContext) {
  const org = await demoOrgId(adminRequest);
  const list = await trpc<{ items: { endsOn: string }[] }>(adminRequest, "query", "strategy.list", undefined, {
    "x-tandem-org": org.id,
  });
  expect(list.status, "strategy.list").toBe(200);
  const lastEnd = list
    .data!.items.map((strategy) => strategy.endsOn)
    .sort()
    .at(-1)!;
  const year = Number(lastEnd.slice(0, 4));
  return lastEnd <= `${year}-06-30`
    ? { name: `FY${year} H2`, startsOn: `${year}-07-01`, endsOn: `${year}-12-31` }
    : { name: `FY${year + 1} H1`, startsOn: `${year + 1}-01-01`, endsOn: `${year + 1}-06-30` };
}

test("admin builds and activates a strategy → rep adds and links goals and sees the score change → manager sees the rep's row", async ({
  browser,
}) => {
  // --- The admin builds a strategy for a new period (FY2026 H2 stays active: the periods do not overlap).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@acme.test");
  const period = await nextFreeHalfYear(admin.request);
  await admin.getByRole("link", { name: "Strategy" }).first().click();
  await expect(admin.getByRole("heading", { name: "Strategy", exact: true })).toBeVisible();
  await admin.getByLabel("Name").fill(period.name);
  await admin.getByLabel("Starts on").fill(period.startsOn);
  await admin.getByLabel("Ends on").fill(period.endsOn);
  await admin.getByRole("button", { name: "Create draft" }).click();
  await expect(admin.getByRole("heading", { name: period.name })).toBeVisible();
  await expect(admin.getByText("draft", { exact: true })).toBeVisible();

  // Two objectives whose weights do not add up yet: the running total says so and activation waits.
  await admin.getByRole("button", { name: "+ Add objective" }).click();
  await admin.getByLabel("Objective 1", { exact: true }).fill("Land healthcare logos");
  await admin.getByLabel("Weight (%)").first().fill("60");
  await admin.getByRole("button", { name: "+ Add focus rule" }).first().click();
  await admin.getByLabel("Focus rule 1 dimension of Land healthcare logos").selectOption("industry");
  await admin.getByLabel("Focus rule 1 value of Land healthcare logos").fill("Healthcare");
  await admin.getByRole("button", { name: "+ Add objective" }).click();
  await admin.getByLabel("Objective 2", { exact: true }).fill("Grow Fleet Analytics");
  await admin.getByLabel("Weight (%)").nth(1).fill("30");
  await expect(admin.getByTestId("weight-total")).toHaveText("Total 90 / 100 — 10 to go");
  await admin.getByRole("button", { name: "Save strategy" }).click();
  await expect(admin.getByText("version 2")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Activate" })).toBeDisabled();
  await expect(admin.getByText("The weights must add up to 100.")).toBeVisible();

  await admin.getByLabel("Weight (%)").nth(1).fill("40");
  await expect(admin.getByTestId("weight-total")).toHaveText("Total 100 / 100 ✓");
  await admin.getByRole("button", { name: "Save strategy" }).click();
  await expect(admin.getByText("version 3")).toBeVisible();
  await admin.getByRole("button", { name: "Activate" }).click();
  const confirm = admin.getByRole("dialog");
  await expect(confirm).toContainText(`Activate ${period.name}?`);
  await confirm.getByRole("button", { name: "Activate" }).click();
  await expect(admin.getByText("active", { exact: true })).toBeVisible();
  await expect(appAlert(admin)).toHaveCount(0);
  await adminContext.close();

  // --- The rep writes a goal for the new period, links it, and sees the score change.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, "rep@acme.test");
  await rep.getByRole("link", { name: "My goals" }).first().click();
  await rep.getByLabel("Strategy period").selectOption({ label: `${period.name} · active` });
  await expect(rep.getByText("No goals for this period yet", { exact: true })).toBeVisible();
  const before = await myScore(rep);

  await rep.getByRole("button", { name: "+ Add a goal" }).click();
  const form = rep.getByRole("form", { name: "New goal" });
  await form.getByLabel("Category").selectOption("skill");
  await form.getByLabel("Goal", { exact: true }).fill("Become the team's healthcare specialist");
  await form.getByLabel("Land healthcare logos").selectOption("3");
  await form.getByRole("button", { name: "Add goal" }).click();
  await expect(rep.getByTestId("goal-Become the team's healthcare specialist")).toContainText(
    "Land healthcare logos · central",
  );
  // Coverage: healthcare (60%) is now central → +24 points; focus: 1 of 1 goals linked → +20.
  await expect.poll(() => myScore(rep)).toBe(before + 44);

  // A second goal linked to nothing lowers focus; linking it raises the score again.
  await rep.getByRole("button", { name: "+ Add a goal" }).click();
  await rep.getByRole("form", { name: "New goal" }).getByLabel("Category").selectOption("promotion");
  await rep.getByRole("form", { name: "New goal" }).getByLabel("Goal", { exact: true }).fill("Senior AE by July");
  await rep.getByRole("form", { name: "New goal" }).getByRole("button", { name: "Add goal" }).click();
  await expect(rep.getByTestId("goal-Senior AE by July")).toContainText("Not linked to any objective");
  const withOrphan = await myScore(rep);
  expect(withOrphan).toBe(before + 44 - 10);
  await expect(rep.getByRole("list", { name: "Suggestions" })).toContainText(
    "Link your promotion goal “Senior AE by July” to an objective it serves.",
  );
  await rep.getByRole("button", { name: "Edit Senior AE by July" }).click();
  await rep.getByRole("form", { name: "Edit Senior AE by July" }).getByLabel("Grow Fleet Analytics").selectOption("1");
  await rep.getByRole("button", { name: "Save goal" }).click();
  await expect(rep.getByTestId("goal-Senior AE by July")).toContainText("Grow Fleet Analytics · supports");
  await expect.poll(() => myScore(rep)).toBeGreaterThan(withOrphan);
  const after = await myScore(rep);
  await repContext.close();

  // --- The manager opens the heat-map for the new period and sees the rep's row.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, "maria@acme.test");
  await manager.getByRole("link", { name: "Team alignment" }).first().click();
  await expect(manager.getByLabel("Team (with its sub-teams)")).toHaveValue(/.+/);
  await manager.getByLabel("Strategy period").selectOption({ label: `${period.name} · active` });
  const row = manager.getByTestId("heat-row-Riley Chen");
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: /Riley Chen, Land healthcare logos: goals central/ })).toBeVisible();
  await expect(row.getByRole("cell", { name: /Riley Chen, Grow Fleet Analytics: goals supports/ })).toBeVisible();
  await expect(row.getByLabel(`Alignment score ${after} out of 100`)).toBeVisible();
  // The rep's goals are "manager"-visible by default, so Maria can read them in the detail.
  await manager.getByText("Riley Chen", { exact: true }).last().click();
  await expect(manager.getByText("Become the team's healthcare specialist")).toBeVisible();
  await managerContext.close();
});

test("a viewer sees the team view read-only and cannot edit strategy or goals", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page.getByRole("link", { name: "My goals" })).toHaveCount(0);
  await page.getByRole("link", { name: "Team alignment" }).first().click();
  await expect(page.getByTestId("heat-map")).toBeVisible();
  await expect(page.getByText("A read-only view")).toBeVisible();
  await page.getByRole("link", { name: "Strategy" }).first().click();
  await expect(page.getByRole("button", { name: "Create draft" })).toHaveCount(0);
  await page.getByRole("link", { name: "FY2026 H2" }).click();
  await expect(page.getByRole("list", { name: "Objectives" })).toContainText("Win enterprise manufacturing");
  await expect(page.getByRole("button", { name: "Save strategy" })).toHaveCount(0);
});
