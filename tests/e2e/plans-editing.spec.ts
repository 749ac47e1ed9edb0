import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueSuffix } from "./helpers";

const SLUG = "acme-robotics";

/** Opens the demo's Granite Peak plan on one of its tabs (the mutual action plan unless told), live. */
async function openPlan(page: Page, email: string, tab = "Mutual action plan") {
  await signIn(page, email);
  await page.goto(`/o/${SLUG}/plans`);
  await page
    .getByRole("link", { name: /Granite Peak/ })
    .first()
    .click();
  await expect(page.getByTestId("plan-live")).toContainText("Live");
  await page.getByRole("tab", { name: tab }).click();
}

const steps = (page: Page) => page.getByRole("table", { name: "Steps" });

test("steps edit in place by keyboard: Enter saves, Escape cancels, the server's error shows at the field", async ({
  page,
}) => {
  const title = `Security review ${uniqueSuffix()}`;
  await openPlan(page, "rep@acme.test");
  await page.getByRole("button", { name: "Add step" }).click();
  const form = page.getByRole("form", { name: "New step" });
  await form.getByRole("textbox", { name: "Step" }).fill(title);
  await form.getByRole("button", { name: "Add step" }).click();
  await expect(steps(page)).toContainText(title);

  // Owner: open with Enter, type, Enter saves; focus returns to the value.
  const owner = page.getByRole("button", { name: `Edit owner of “${title}”: —` });
  await owner.focus();
  await page.keyboard.press("Enter");
  const ownerInput = page.getByRole("textbox", { name: `Owner of “${title}”` });
  await expect(ownerInput).toBeFocused();
  await page.keyboard.type("Priya (CISO office)");
  await page.keyboard.press("Enter");
  const saved = page.getByRole("button", { name: `Edit owner of “${title}”: Priya (CISO office)` });
  await expect(saved).toBeFocused();

  // Due date by keyboard, then Escape on a second edit leaves it as it was.
  await page.getByRole("button", { name: `Edit due of “${title}”: —` }).click();
  await page.getByLabel(`Due of “${title}”`).fill("2027-03-15");
  await page.getByLabel(`Due of “${title}”`).press("Enter");
  const due = page.getByRole("button", { name: `Edit due of “${title}”: 2027-03-15` });
  await expect(due).toBeVisible();
  await due.click();
  await page.getByLabel(`Due of “${title}”`).fill("2027-04-01");
  await page.getByLabel(`Due of “${title}”`).press("Escape");
  await expect(due).toBeFocused();

  // An empty title is refused by the server; the message shows at the field, which stays open with the input.
  await page.getByRole("button", { name: `Edit step of “${title}”: ${title}` }).click();
  const titleInput = page.getByRole("textbox", { name: `Step of “${title}”` });
  await titleInput.fill("   ");
  await titleInput.press("Enter");
  await expect(titleInput).toHaveAttribute("aria-invalid", "true");
  await expect(steps(page).getByRole("alert")).not.toBeEmpty();
  await titleInput.press("Escape");
  await expect(steps(page).getByRole("alert")).toHaveCount(0);

  await page.reload();
  await page.getByRole("tab", { name: "Mutual action plan" }).click();
  await expect(page.getByRole("button", { name: `Edit due of “${title}”: 2027-03-15` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Edit owner of “${title}”: Priya (CISO office)` })).toBeVisible();
});

test("two people edit one step: the stale save keeps its input next to theirs and re-applies in one click", async ({
  page,
  browser,
}) => {
  const title = `Pilot sign-off ${uniqueSuffix()}`;
  await openPlan(page, "rep@acme.test");
  const other = await browser.newContext();
  const admin = await other.newPage();
  await openPlan(admin, "admin@acme.test");
  await page.getByRole("button", { name: "Add step" }).click();
  const form = page.getByRole("form", { name: "New step" });
  await form.getByRole("textbox", { name: "Step" }).fill(title);
  await form.getByRole("textbox", { name: "Owner" }).fill("Dana");
  await form.getByRole("button", { name: "Add step" }).click();
  await expect(steps(admin)).toContainText(title);

  // Both open the owner; the admin saves first.
  await page.getByRole("button", { name: `Edit owner of “${title}”: Dana` }).click();
  const mine = page.getByRole("textbox", { name: `Owner of “${title}”` });
  await mine.fill("Rep's pick");
  await admin.getByRole("button", { name: `Edit owner of “${title}”: Dana` }).click();
  await admin.getByRole("textbox", { name: `Owner of “${title}”` }).fill("Admin's pick");
  await admin.getByRole("textbox", { name: `Owner of “${title}”` }).press("Enter");
  await expect(admin.getByRole("button", { name: `Edit owner of “${title}”: Admin's pick` })).toBeVisible();

  // The rep's page reloads live under the open editor; the input is kept, and the save is refused as stale.
  await expect(mine).toHaveValue("Rep's pick");
  await mine.press("Enter");
  const conflict = page.getByTestId("plan-conflict");
  await expect(conflict).toContainText("Someone else changed this step");
  const ownerRow = conflict.getByRole("row", { name: /Owner/ });
  await expect(ownerRow.getByRole("cell").nth(0)).toHaveText("Admin's pick");
  await expect(ownerRow.getByRole("cell").nth(1)).toHaveText("Rep's pick");
  await page.screenshot({ path: "test-results/plans-conflict.png", fullPage: true });

  await conflict.getByRole("button", { name: "Re-apply my change" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Edit owner of “${title}”: Rep's pick` })).toBeVisible();
  await expect(admin.getByRole("button", { name: `Edit owner of “${title}”: Rep's pick` })).toBeVisible();

  // Discard: the admin's stale due date gives way to the rep's newer title.
  await admin.getByRole("button", { name: `Edit due of “${title}”: —` }).click();
  await admin.getByLabel(`Due of “${title}”`).fill("2027-02-01");
  await page.getByRole("button", { name: `Edit step of “${title}”: ${title}` }).click();
  await page.getByRole("textbox", { name: `Step of “${title}”` }).fill(`${title} (signed)`);
  await page.getByRole("textbox", { name: `Step of “${title}”` }).press("Enter");
  await expect(steps(admin)).toContainText(`${title} (signed)`);
  await admin.getByLabel(/^Due of “/).press("Enter");
  const theirs = admin.getByTestId("plan-conflict");
  await expect(theirs.getByRole("row", { name: /Due/ }).getByRole("cell").nth(1)).toHaveText("2027-02-01");
  await theirs.getByRole("button", { name: "Discard mine" }).click();
  await expect(theirs).toHaveCount(0);
  await expect(admin.getByRole("button", { name: `Edit due of “${title} (signed)”: —` })).toBeVisible();
  await other.close();
});

test("problems edit in place like steps; a stale problem save shows the conflict panel and re-applies", async ({
  page,
  browser,
}) => {
  const problem = `Manual weld inspection ${uniqueSuffix()}`;
  await openPlan(page, "rep@acme.test", "Problems ↔ solutions");
  const other = await browser.newContext();
  const admin = await other.newPage();
  await openPlan(admin, "admin@acme.test", "Problems ↔ solutions");
  await page.getByRole("button", { name: "Add problem" }).click();
  const form = page.getByRole("form", { name: "New problem" });
  await form.getByLabel("Customer problem").fill(problem);
  await form.getByRole("button", { name: "Add problem" }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText(problem);

  // The solution by keyboard: Enter opens, Enter saves, focus returns to the value; the "no solution" call-out goes.
  const row = problems.getByRole("listitem").filter({ hasText: problem });
  await expect(row).toContainText("No solution yet");
  await page.getByRole("button", { name: `Edit our solution of “${problem}”: —` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: `Our solution of “${problem}”` })).toBeFocused();
  await page.keyboard.type("Vision inspection cell");
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("button", { name: `Edit our solution of “${problem}”: Vision inspection cell` }),
  ).toBeFocused();
  await expect(row).not.toContainText("No solution yet");

  // The status is a select in place; Escape on another field leaves it as it was.
  await page.getByRole("button", { name: `Edit status of “${problem}”: Open` }).click();
  await page.getByRole("combobox", { name: `Status of “${problem}”` }).selectOption("addressed");
  await page.getByRole("combobox", { name: `Status of “${problem}”` }).press("Enter");
  await expect(page.getByRole("button", { name: `Edit status of “${problem}”: Addressed` })).toBeVisible();
  await page.getByRole("button", { name: `Edit business impact of “${problem}”: —` }).click();
  await page.getByRole("textbox", { name: `Business impact of “${problem}”` }).fill("never saved");
  await page.getByRole("textbox", { name: `Business impact of “${problem}”` }).press("Escape");
  await expect(page.getByRole("button", { name: `Edit business impact of “${problem}”: —` })).toBeFocused();

  // Both edit the impact; the admin saves first, the rep's stale save keeps its input and re-applies in one click.
  await expect(admin.getByRole("list", { name: "Problems" })).toContainText("Vision inspection cell");
  await page.getByRole("button", { name: `Edit business impact of “${problem}”: —` }).click();
  const mine = page.getByRole("textbox", { name: `Business impact of “${problem}”` });
  await mine.fill("Scrap down 30%");
  await admin.getByRole("button", { name: `Edit business impact of “${problem}”: —` }).click();
  await admin.getByRole("textbox", { name: `Business impact of “${problem}”` }).fill("Fewer recalls");
  await admin.getByRole("textbox", { name: `Business impact of “${problem}”` }).press("Enter");
  await expect(
    admin.getByRole("button", { name: `Edit business impact of “${problem}”: Fewer recalls` }),
  ).toBeVisible();
  await expect(mine).toHaveValue("Scrap down 30%");
  await mine.press("Enter");
  const conflict = page.getByTestId("plan-conflict");
  await expect(conflict).toContainText("Someone else changed this problem");
  const impactRow = conflict.getByRole("row", { name: /Business impact/ });
  await expect(impactRow.getByRole("cell").nth(0)).toHaveText("Fewer recalls");
  await expect(impactRow.getByRole("cell").nth(1)).toHaveText("Scrap down 30%");
  await conflict.getByRole("button", { name: "Re-apply my change" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(
    admin.getByRole("button", { name: `Edit business impact of “${problem}”: Scrap down 30%` }),
  ).toBeVisible();

  // "Discard mine" in the whole form (as for stakeholders): the form stays open, every field shows the problem as
  // it is now, focus goes to its first field, and the next save starts from its current version.
  await admin.getByRole("button", { name: `Edit all of “${problem}”` }).click();
  const whole = admin.getByRole("form", { name: "Edit problem" });
  await whole.getByLabel("Our solution").fill("Never saved");
  await page.getByRole("button", { name: `Edit business impact of “${problem}”: Scrap down 30%` }).click();
  await page.getByRole("textbox", { name: `Business impact of “${problem}”` }).fill("Scrap down 40%");
  await page.getByRole("textbox", { name: `Business impact of “${problem}”` }).press("Enter");
  await expect(
    page.getByRole("button", { name: `Edit business impact of “${problem}”: Scrap down 40%` }),
  ).toBeVisible();
  await whole.getByRole("button", { name: "Save problem" }).click();
  const stale = admin.getByTestId("plan-conflict");
  await expect(stale).toContainText("Someone else changed this problem");
  await stale.getByRole("button", { name: "Discard mine" }).click();
  await expect(stale).toHaveCount(0);
  await expect(whole.getByLabel("Business impact")).toHaveValue("Scrap down 40%");
  await expect(whole.getByLabel("Our solution")).toHaveValue("Vision inspection cell");
  await expect(whole.getByLabel("Customer problem")).toBeFocused();
  await whole.getByLabel("Our solution").fill("Vision inspection cell, second line");
  await whole.getByRole("button", { name: "Save problem" }).click();
  await expect(whole).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: `Edit our solution of “${problem}”: Vision inspection cell, second line` }),
  ).toBeVisible();
  await expect(
    page.getByRole("button", { name: `Edit business impact of “${problem}”: Scrap down 40%` }),
  ).toBeVisible();
  await other.close();
});

test("a stale stakeholder save shows the conflict panel (now / yours) and re-applies only the changed field", async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix();
  await openPlan(page, "rep@acme.test", "Stakeholder map");
  const other = await browser.newContext();
  const admin = await other.newPage();
  await openPlan(admin, "admin@acme.test", "Stakeholder map");
  const person = (p: Page) => p.getByRole("list", { name: "Stakeholders" }).getByRole("listitem").first();
  await person(page)
    .getByRole("button", { name: /^(Edit|Add to map)$/ })
    .click();
  await person(admin)
    .getByRole("button", { name: /^(Edit|Add to map)$/ })
    .click();

  await person(admin).getByLabel("Our approach").fill(`Quarterly exec review ${suffix}`);
  await person(admin).getByRole("button", { name: "Save stakeholder" }).click();
  await expect(person(admin).getByRole("button", { name: "Save stakeholder" })).toHaveCount(0);

  await person(page).getByLabel("Personal win").fill(`Plant of the year ${suffix}`);
  await person(page).getByRole("button", { name: "Save stakeholder" }).click();
  const conflict = page.getByTestId("plan-conflict");
  await expect(conflict).toContainText("Someone else changed this stakeholder");
  await expect(conflict.getByRole("row")).toHaveCount(2); // the header and the one field the rep changed
  const winRow = conflict.getByRole("row", { name: /Personal win/ });
  await expect(winRow.getByRole("cell").nth(1)).toHaveText(`Plant of the year ${suffix}`);
  await page.screenshot({ path: "test-results/plans-stakeholder-conflict.png", fullPage: true });
  await conflict.getByRole("button", { name: "Re-apply my change" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(person(page)).toContainText(`Personal win: Plant of the year ${suffix}`);
  await expect(person(admin)).toContainText(`Personal win: Plant of the year ${suffix}`);

  // The admin's approach survived the re-applied change: it is in the form the admin opens now.
  await person(admin).getByRole("button", { name: "Edit" }).click();
  await expect(person(admin).getByLabel("Our approach")).toHaveValue(`Quarterly exec review ${suffix}`);

  // "Discard mine" after a conflict: the form stays open, every field shows the stakeholder as it is now, and the
  // next save starts from its current version.
  await person(page).getByRole("button", { name: "Edit" }).click();
  await person(page).getByLabel("Our approach").fill(`Monthly site visit ${suffix}`);
  await person(page).getByLabel("Influence (1–5)").fill("2");
  await person(page).getByRole("button", { name: "Save stakeholder" }).click();
  await expect(person(page).getByRole("button", { name: "Save stakeholder" })).toHaveCount(0);
  await person(admin).getByLabel("Personal win").fill(`Never saved ${suffix}`);
  await person(admin).getByRole("button", { name: "Save stakeholder" }).click();
  const stale = admin.getByTestId("plan-conflict");
  await stale.getByRole("button", { name: "Discard mine" }).click();
  await expect(stale).toHaveCount(0);
  await expect(person(admin).getByLabel("Our approach")).toHaveValue(`Monthly site visit ${suffix}`);
  await expect(person(admin).getByLabel("Influence (1–5)")).toHaveValue("2");
  await expect(person(admin).getByLabel("Personal win")).toHaveValue(`Plant of the year ${suffix}`);
  await expect(person(admin).getByLabel("Buying role")).toBeFocused();
  await person(admin).getByLabel("Personal win").fill(`Line lead ${suffix}`);
  await person(admin).getByRole("button", { name: "Save stakeholder" }).click();
  await expect(person(admin).getByRole("button", { name: "Save stakeholder" })).toHaveCount(0);
  await expect(person(page)).toContainText(`Personal win: Line lead ${suffix}`);
  await other.close();
});

test("an editor renames the plan and edits its objectives in place; others see it live; a stale edit re-applies", async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix();
  const title = `Granite Peak rollout ${suffix}`;
  await openPlan(page, "rep@acme.test", "Problems ↔ solutions");
  const other = await browser.newContext();
  const admin = await other.newPage();
  await openPlan(admin, "admin@acme.test", "Problems ↔ solutions");
  const header = (p: Page) => p.getByTestId("plan-header");
  const titleButton = (p: Page) => p.getByRole("button", { name: /^Edit title of “/ });
  const objectivesButton = (p: Page) => p.getByRole("button", { name: /^Edit customer objectives of “/ });
  await header(page).screenshot({ path: "test-results/plan-header-view.png" });

  // The title by keyboard: Enter opens it, Escape leaves it as it was, Enter saves; focus returns to the title.
  const before = await titleButton(page).getAttribute("aria-label");
  await titleButton(page).focus();
  await page.keyboard.press("Enter");
  const titleInput = page.getByRole("textbox", { name: /^Title of “/ });
  await expect(titleInput).toBeFocused();
  await titleInput.fill("never saved");
  await page.keyboard.press("Escape");
  await expect(titleButton(page)).toBeFocused();
  await expect(titleButton(page)).toHaveAttribute("aria-label", before!);
  await page.keyboard.press("Enter");
  await titleInput.fill(title);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `Edit title of “${title}”: ${title}` })).toBeFocused();
  // The other person's open page shows the new title without reloading.
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(title);

  // The admin starts on the objectives (Enter is a new line there) while the rep saves other objectives first.
  await objectivesButton(admin).click();
  const theirsInput = admin.getByRole("textbox", { name: `Customer objectives of “${title}”` });
  await theirsInput.fill(`Pilot on two lines ${suffix}`);
  await theirsInput.press("Enter");
  await theirsInput.pressSequentially("Go live by Q3");
  await expect(theirsInput).toHaveValue(`Pilot on two lines ${suffix}\nGo live by Q3`);
  await objectivesButton(page).click();
  const mine = page.getByRole("textbox", { name: `Customer objectives of “${title}”` });
  await mine.fill(`Cut unplanned downtime by 20% ${suffix}`);
  await header(page).screenshot({ path: "test-results/plan-header-edit.png" });
  await mine.press("Control+Enter");
  await expect(objectivesButton(page)).toContainText(`Cut unplanned downtime by 20% ${suffix}`);
  await expect(objectivesButton(admin)).toHaveCount(0); // the admin's editor stays open under the live reload

  // The admin's stale save keeps the input next to the objectives as they are now, and re-applies in one click.
  await expect(theirsInput).toHaveValue(`Pilot on two lines ${suffix}\nGo live by Q3`);
  await theirsInput.press("Control+Enter");
  const conflict = admin.getByTestId("plan-conflict");
  await expect(conflict).toContainText("Someone else changed this plan");
  const row = conflict.getByRole("row", { name: /Customer objectives/ });
  await expect(row.getByRole("cell").nth(0)).toHaveText(`Cut unplanned downtime by 20% ${suffix}`);
  await expect(row.getByRole("cell").nth(1)).toContainText(`Pilot on two lines ${suffix}`);
  await header(admin).screenshot({ path: "test-results/plan-header-conflict.png" });
  await conflict.getByRole("button", { name: "Re-apply my change" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(objectivesButton(admin)).toContainText("Go live by Q3");
  await expect(objectivesButton(page)).toContainText(`Pilot on two lines ${suffix}`);
  await other.close();

  // A viewer of the plan reads the title and the objectives, with nothing to edit.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await openPlan(viewer, "priya@acme.test", "Problems ↔ solutions");
  await expect(viewer.getByText("Your access: viewer")).toBeVisible();
  await expect(viewer.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(header(viewer)).toContainText("Go live by Q3");
  await expect(titleButton(viewer)).toHaveCount(0);
  await expect(objectivesButton(viewer)).toHaveCount(0);
  await header(viewer).screenshot({ path: "test-results/plan-header-viewer.png" });
  await viewerContext.close();

  // The customer view shows the new title and objectives.
  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto("/share/granite-peak-demo-customer-view-2026");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(view.getByText(`Pilot on two lines ${suffix}`)).toBeVisible();
  await customer.close();
});
