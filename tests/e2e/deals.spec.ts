import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Riley Chen, a rep of the demo organization.
const REP = "rep@acme.test";

/** "$4,560,000" → 4560000 (whole dollars: the demo's amounts have no cents). */
const dollars = (text: string | null) => Number((text ?? "").replace(/[^0-9.]/g, ""));

async function createDeal(page: Page, name: string, amount: string, fit: RegExp) {
  await page.getByRole("link", { name: "Pipeline" }).first().click();
  await page.getByRole("link", { name: "New deal" }).click();
  await expect(page.getByRole("heading", { name: "New deal" })).toBeVisible();
  await page.getByLabel("Find an account").fill("Granite Peak");
  await page.getByLabel(/^Account/).selectOption({ label: "Granite Peak Manufacturing" });
  await page.getByLabel("Deal name").fill(name);
  await page.getByLabel("Amount").fill(amount);
  await page.getByLabel("Close date").fill("2026-12-20");
  await page.getByRole("textbox", { name: "Product", exact: true }).fill("Vision QA");
  await page.getByLabel(fit).check();
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** The pipeline total, from a fresh page load (no cached query). */
async function pipelineTotal(page: Page): Promise<number> {
  await page.goto("/o/acme-robotics/deals");
  const total = page.getByTestId("pipeline-total");
  await expect(total).toHaveText(/^\$[\d,]+$/);
  return dollars(await total.textContent());
}

const score = async (page: Page) => Number(await page.getByTestId("deal-score").textContent());

test("a rep creates a deal with two stakeholders, sees score and flags, captures a win, and disqualifies a deal with no solvable problem", async ({
  page,
}) => {
  const stamp = Date.now();
  const dealName = `E2E Vision QA line ${stamp}`;
  await signIn(page, REP);
  await createDeal(page, dealName, "150000", /Yes — we can solve it/);

  // No stakeholders yet: the flags say so.
  const flags = page.getByTestId("deal-flags");
  await expect(flags).toContainText("No economic buyer");
  await expect(flags).toContainText("No champion");
  const initial = await score(page);

  // Two stakeholders: the CFO as economic buyer (win unknown) and a champion whose win we know.
  const addForm = page.getByRole("form", { name: "Add a stakeholder" });
  await page.getByRole("button", { name: "Add stakeholder" }).click();
  await addForm.getByLabel("Contact").selectOption({ label: "Eleanor Voss — CFO" });
  await addForm.getByLabel("Buying role").selectOption("economic_buyer");
  await addForm.getByLabel("Influence (1–5)").selectOption("5");
  await addForm.getByRole("button", { name: "Add stakeholder" }).click();
  await expect(page.getByTestId("stakeholder-Eleanor Voss")).toContainText("Unknown — what is in it for them?");

  await page.getByRole("button", { name: "Add stakeholder" }).click();
  await addForm.getByLabel("Contact").selectOption({ label: "Mateo Ruiz — Plant Manager" });
  await addForm.getByLabel("Buying role").selectOption("champion");
  await addForm.getByLabel("Influence (1–5)").selectOption("4");
  await addForm.getByLabel("Stance").selectOption("supporter");
  await addForm.getByLabel("Personal win").fill("Get his team off the night inspection shift");
  await addForm.getByLabel("How we serve it").fill("Weekly win report he can forward to his VP");
  await addForm.getByRole("button", { name: "Add stakeholder" }).click();
  await expect(page.getByTestId("stakeholder-Mateo Ruiz")).toContainText("Get his team off the night inspection shift");

  // Score and flags: the economic buyer is there, but what is in it for her is not known yet.
  await expect(page.locator('[data-flag="NO_ECONOMIC_BUYER"]')).toHaveCount(0);
  await expect(page.locator('[data-flag="NO_CHAMPION"]')).toHaveCount(0);
  await expect(flags).toContainText("Personal wins unknown");
  const withStakeholders = await score(page);
  expect(withStakeholders).toBeGreaterThan(initial);

  // Capture the economic buyer's personal win: the score rises and the flag goes.
  await page.getByRole("button", { name: "Edit Eleanor Voss" }).click();
  await page
    .getByRole("form", { name: "Edit Eleanor Voss" })
    .getByLabel("Personal win")
    .fill("A cost-reduction story for the board before the budget cycle");
  await page.getByRole("form", { name: "Edit Eleanor Voss" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("stakeholder-Eleanor Voss")).toContainText("A cost-reduction story for the board");
  await expect(page.locator('[data-flag="WINS_UNKNOWN"]')).toHaveCount(0);
  await expect.poll(() => score(page)).toBeGreaterThan(withStakeholders);
  // The timeline tells the story.
  await expect(page.getByTestId("deal-timeline")).toContainText("added Eleanor Voss as Economic buyer");

  // A deal whose customer has no problem we can solve: score 0, suggested for disqualification.
  const doomed = `E2E no solvable problem ${stamp}`;
  await createDeal(page, doomed, "50000", /No — nothing we sell solves it/);
  await expect(page.getByTestId("deal-score")).toHaveText("0");
  await expect(page.getByTestId("suggested-disqualification")).toContainText("No problem we can solve");
  const dealUrl = page.url();
  const before = await pipelineTotal(page);

  await page.goto(dealUrl);
  await page.getByRole("button", { name: "Disqualify this deal" }).click();
  const dialog = page.getByRole("dialog", { name: /Disqualify/ });
  await expect(dialog.getByLabel("Reason")).toHaveValue(/[0-9a-f-]{36}/);
  await dialog.getByLabel("Note (optional)").fill("Their defect rate is already tiny; nothing for us to fix.");
  await dialog.getByRole("button", { name: "Disqualify" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disqualified: No problem we can solve" })).toBeVisible();

  // It leaves the pipeline total, and stays reportable under Disqualified.
  const after = await pipelineTotal(page);
  expect(before - after).toBe(50_000);
  await page.getByRole("form", { name: "Pipeline filters" }).getByLabel("Stage").selectOption("disqualified");
  await expect(page).toHaveURL(/stage=disqualified/);
  await expect(page.getByRole("link", { name: doomed })).toBeVisible();
});

test("a stale save shows what someone else changed", async ({ page, browser }) => {
  const name = `E2E conflict ${Date.now()}`;
  await signIn(page, REP);
  await createDeal(page, name, "10000", /Partly/);
  const url = page.url();
  await page.getByRole("button", { name: "Edit deal" }).click();
  await page
    .getByRole("form", { name: "Edit deal" })
    .getByRole("textbox", { name: "Product", exact: true })
    .fill("Robotic Picking");

  // Meanwhile, in another browser, the amount changes.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, REP);
  await otherPage.goto(url);
  await otherPage.getByRole("button", { name: "Edit deal" }).click();
  await otherPage.getByRole("form", { name: "Edit deal" }).getByLabel("Amount").fill("12500");
  await otherPage.getByRole("button", { name: "Save changes" }).click();
  await expect(otherPage.getByTestId("deal-amount")).toHaveText("$12,500");
  await other.close();

  await page.getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByTestId("deal-conflict");
  await expect(conflict).toContainText("Someone else saved this deal");
  await expect(conflict).toContainText("Amount: $10,000 → $12,500");
  await expect(conflict).toContainText("Your unsaved changes: Product → Robotic Picking");
  await conflict.getByRole("button", { name: "Keep my changes on their version" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Robotic Picking").first()).toBeVisible();
  await expect(page.getByTestId("deal-amount")).toHaveText("$12,500");
});

test("the kanban moves a deal with the keyboard, the menu and the pointer", async ({ page }) => {
  const name = `E2E kanban ${Date.now()}`;
  await signIn(page, REP);
  await createDeal(page, name, "2000", /Yes — we can solve it/);
  await page.getByRole("link", { name: "Pipeline" }).first().click();
  await page.getByRole("link", { name: "Board", exact: true }).click();
  await expect(page).toHaveURL(/\/deals\/board/);
  await page.getByLabel("Search").fill(name);
  // The search lands in the URL (debounced); wait for it so the board is not re-rendered mid-drag.
  await expect(page).toHaveURL(/[?&]q=E2E/);
  // …and for the filtered board itself: the only card left is this deal's.
  await expect(page.locator('[data-testid^="board-card-"]')).toHaveCount(1);
  const prospecting = page.getByTestId("board-column-prospecting");
  await expect(prospecting.getByRole("link", { name })).toBeVisible();
  // Each key is answered in the board's live region; the next key waits for the answer, as a listener would.
  const announcements = page.getByRole("status").and(page.getByTestId("board-announcements"));
  const handle = page.getByRole("button", { name: `Drag ${name} to another stage` });
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(announcements).toContainText(`Picked up ${name} in Prospecting.`);
  await page.keyboard.press("ArrowRight");
  await expect(announcements).toHaveText(`${name} is over Qualification.`);
  // Escape cancels: the card stays where it was.
  await page.keyboard.press("Escape");
  await expect(announcements).toHaveText(`Moving ${name} was cancelled.`);
  await expect(prospecting.getByRole("link", { name })).toBeVisible();

  await page.keyboard.press("Space");
  await expect(announcements).toContainText(`Picked up ${name} in Prospecting.`);
  await page.keyboard.press("ArrowRight");
  await expect(announcements).toHaveText(`${name} is over Qualification.`);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("board-column-qualification").getByRole("link", { name })).toBeVisible();
  await expect(announcements).toHaveText("Moved to Qualification.");
  // The moved card's handle keeps the focus, so the next move can follow from the keyboard.
  await expect(handle).toBeFocused();
  // And without dragging: the "Move to…" menu.
  await page.getByLabel(`Move ${name} to`).selectOption("discovery");
  await expect(page.getByTestId("board-column-discovery").getByRole("link", { name })).toBeVisible();
  await expect(announcements).toHaveText("Moved to Discovery.");

  // And with the pointer, back to Qualification: dnd-kit announces the column under the card, and the drop waits
  // for that. The pointer stays clear of the edges, where dnd-kit scrolls the board and the window.
  await page.setViewportSize({ width: 1280, height: 1000 });
  const qualification = page.getByTestId("board-column-qualification");
  const from = (await handle.boundingBox())!;
  const to = (await qualification.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 10 });
  await expect(page.getByRole("status").filter({ hasText: `${name} is over Qualification.` })).toBeAttached();
  await page.mouse.up();
  await expect(qualification.getByRole("link", { name })).toBeVisible();
  await expect(announcements).toHaveText("Moved to Qualification.");

  // To "Disqualified" the board asks for a reason first (its dialog loads on this first use): cancelled, the card
  // stays where it was; confirmed, it leaves the open pipeline for the Disqualified column.
  await page.getByLabel(`Move ${name} to`).selectOption("disqualified");
  const dialog = page.getByRole("dialog", { name: /Disqualify/ });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(qualification.getByRole("link", { name })).toBeVisible();
  await page.getByLabel(`Move ${name} to`).selectOption("disqualified");
  await dialog.getByLabel("Reason").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Disqualify" }).click();
  await expect(page.locator('[data-testid^="board-card-"]')).toHaveCount(0);
  await page.getByRole("form", { name: "Pipeline filters" }).getByLabel("Stage").selectOption("disqualified");
  await expect(page.getByTestId("board-column-disqualified").getByRole("link", { name })).toBeVisible();
});

test("importing a CSV with one bad row shows the error and imports nothing", async ({ page }) => {
  await signIn(page, REP);
  await page.getByRole("link", { name: "Pipeline" }).first().click();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.getByLabel("Deals").check();
  const stamp = Date.now();
  const csv = [
    "Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date",
    `E2E-${stamp}-1,Imported good deal ${stamp},Granite Peak Manufacturing,"$25,000.00",Qualification,12/18/2026`,
    `E2E-${stamp}-2,Imported bad deal ${stamp},Granite Peak Manufacturing,-500,Proposal/Price Quote,2027-01-15`,
  ].join("\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "salesforce-opportunities.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("import-summary")).toContainText(
    "2 rows: 1 to create, 0 to update. 1 row has an error.",
  );
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("Must not be negative");
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(page.getByRole("button", { name: /^Import \d+ rows$/ })).toBeDisabled();

  // Nothing was imported.
  await page.goto(
    page.url().replace(/\/deals\/import$/, `/deals?q=${encodeURIComponent(`Imported good deal ${stamp}`)}`),
  );
  await expect(page.getByText("No deal matches these filters")).toBeVisible();
});
