import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * The home per role on the demo (issue 13): each role sees its own home with the demo's figures; a heat-map cell
 * opens the matching filtered deal list. Screenshots of every home, light and dark, desktop and 375 px wide, go to
 * .data/home-screens/ to be looked at.
 */
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 812 } } as const;

async function screenshots(page: Page, role: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `.data/home-screens/${role}-${theme}-${size}.png`, fullPage: true });
      // Usable at 375 px: nothing wider than the screen but the tables that scroll in their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${role} ${theme} ${size}: the page scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
}

test("the rep's home: goals with quota progress, score, pipeline, deals needing attention, actions", async ({
  page,
}) => {
  await signIn(page, "rep@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Riley" })).toBeVisible();
  await expect(page.getByTestId("open-deals")).not.toHaveText("0");
  await expect(page.getByTestId("home-goals").getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("home-rep-score").getByLabel(/Alignment score \d+ out of 100/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Open pipeline by stage" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Deals needing attention" })).toBeVisible();
  await expect(page.getByTestId("home-next-review")).toContainText(/review/);
  await screenshots(page, "rep");
});

test("the manager's home: heat-map of their team, whose cell opens the rep's deals on that objective", async ({
  page,
}) => {
  await signIn(page, "maria@acme.test");
  const heatmap = page.getByTestId("home-heatmap");
  await expect(heatmap).toBeVisible();
  await expect(page.getByTestId("home-ranking").getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("combobox", { name: /^Team/ })).toBeVisible();
  await screenshots(page, "manager");

  await page.setViewportSize(SIZES.desktop);
  const cell = heatmap.getByRole("link").first();
  const label = (await cell.getAttribute("aria-label"))!;
  const repName = label.split(" on ")[0]!;
  await cell.click();
  await expect(page).toHaveURL(/\/deals\?stage=open&owner=[0-9a-f-]{36}&objective=[0-9a-f-]{36}$/);
  const rows = page.locator('[data-testid^="deal-row-"]');
  await expect(rows.first().or(page.getByText("No deal matches these filters"))).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(repName);
});

test("the manager picks a team of their subtree in the URL", async ({ page }) => {
  await signIn(page, "maria@acme.test");
  await page.getByRole("combobox", { name: /^Team/ }).selectOption({ label: "— Enterprise East" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?team=[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /Alignment heat-map — Enterprise East/ })).toBeVisible();
});

test("the admin's home: setup checklist, members and seats, recent activity, the organization's view", async ({
  page,
}) => {
  await signIn(page, "admin@acme.test");
  await expect(page.getByTestId("home-setup")).toContainText("Activate a strategy (done)");
  await expect(page.getByRole("heading", { name: "Members and seats" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent activity" })).toBeVisible();
  // Without a team chosen, the whole organization (said so in the picker and the title), not the first team.
  await expect(page.getByRole("combobox", { name: /^Team/ })).toHaveValue("");
  await expect(page.getByRole("heading", { name: "Alignment heat-map — whole organization" })).toBeVisible();
  await expect(page.getByTestId("home-heatmap")).toBeVisible();
  await screenshots(page, "admin");
});

test("the viewer's home: the team view, read-only", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page.getByTestId("home-heatmap")).toBeVisible();
  await expect(page.getByRole("link", { name: "Reviews →" })).toHaveCount(0);
  await expect(page.getByTestId("home-setup")).toHaveCount(0);
  await screenshots(page, "viewer");
});

test("the home's first-load scripts arrive brotli-compressed, within its 130 kB budget", async ({ page }) => {
  // Every static response the browser gets.
  const received = new Map<string, { encoding?: string; length: number }>();
  page.on("response", (response) => {
    if (!response.url().includes("/_next/static/")) return;
    const headers = response.headers();
    received.set(response.url(), { encoding: headers["content-encoding"], length: Number(headers["content-length"]) });
  });
  await signIn(page, "maria@acme.test");
  await expect(page.getByTestId("home-heatmap")).toBeVisible();
  // The first-load scripts are the ones the server-rendered home names (not the noModule polyfills: browsers that
  // run modules skip them).
  const html = await (await page.request.get(page.url())).text();
  const scripts = [...html.matchAll(/<script src="([^"]+)"([^>]*)>/g)]
    .filter((match) => !/nomodule/i.test(match[2]!))
    .map((match) => new URL(match[1]!, page.url()).href);
  expect(scripts.length).toBeGreaterThan(1);
  let total = 0;
  for (const url of scripts) {
    const response = received.get(url);
    expect(response, `${url} was loaded`).toBeDefined();
    expect(response!.encoding, url).toBe("br");
    total += response!.length;
  }
  console.log(`home: ${scripts.length} first-load scripts, ${(total / 1000).toFixed(1)} kB brotli as transferred`);
  expect(total).toBeLessThanOrEqual(130_000);
});
