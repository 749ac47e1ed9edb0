import { expect, test, type Page } from "@playwright/test";
import { DEMO_SHARE_PATH } from "../../db/seed-plans";
import { axeViolations, THEMES, type Violations } from "./axe";
import { signIn } from "./helpers";

/**
 * Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page of the app, as every demo role, in the light
 * and the dark theme (the app follows the system's theme by default, emulated here). One test per role visits every
 * page once and runs axe on it in both themes (the themes are pure CSS, so switching the emulated scheme restyles the
 * loaded page: no second load, sign-in or hydration); it fails at the end with every violation found, printed per page
 * and theme.
 */
const ROLES = ["admin@acme.test", "maria@acme.test", "rep@acme.test", "viewer@acme.test"] as const;

/** The org's pages; `:first` entries open the first record the list before links to (`list` → `pattern`). */
const ORG_PAGES = [
  "",
  "/deals?stage=open",
  "/deals/board",
  "/deals/new",
  "/deals/import",
  "/deals/reasons",
  "/accounts",
  "/goals",
  "/alignment",
  "/strategy",
  "/teams",
  "/members",
  "/settings",
  "/settings/plan-templates",
  "/audit",
  "/plans",
  "/reviews",
  "/reviews/new",
];
const RECORD_PAGES = [
  { list: "/deals?stage=open", pattern: /\/deals\/[0-9a-f-]{36}$/ },
  { list: "/accounts", pattern: /\/accounts\/[0-9a-f-]{36}$/ },
  { list: "/strategy", pattern: /\/strategy\/[0-9a-f-]{36}$/ },
  { list: "/plans", pattern: /\/plans\/[0-9a-f-]{36}$/ },
  { list: "/reviews", pattern: /\/reviews\/[0-9a-f-]{36}$/ },
];
const PUBLIC_PAGES = ["/sign-in", "/sign-up", "/forgot-password", DEMO_SHARE_PATH];

function describe(path: string, violations: Violations): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `      ${node.target.join(" ")}\n        ${node.failureSummary?.replace(/\n/g, "\n        ")}`)
        .join("\n");
      const more = violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : "";
      return `  ${path} — ${violation.id} (${violation.impact}): ${violation.help}\n${nodes}${more}`;
    })
    .join("\n");
}

/** Opens `path` and runs axe on it in each theme; returns once the page is loaded and audited. */
async function audit(page: Page, path: string, found: string[]) {
  await page.emulateMedia({ colorScheme: THEMES[0] });
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(500);
  // Client components fill in after hydration: wait until no loading placeholder ("Loading…", "Loading deals…",
  // "Loading the diagram…") is left, so that axe audits the page people read, not its skeleton.
  await expect(page.getByText(/^Loading\b.*…$/)).toHaveCount(0);
  for (const theme of THEMES) {
    const violations = await axeViolations(page, theme);
    if (violations.length > 0) {
      found.push(describe(`${path} (${theme} theme)`, violations));
      console.log(found.at(-1)); // as they come: a long run shows its findings before it ends
    }
  }
}

/**
 * The href of the first link on the page (a list, which fills in on the client) that matches `pattern`, or null
 * when the role sees no such record within a few seconds.
 */
async function firstRecord(page: Page, pattern: RegExp): Promise<string | null> {
  const matching = async () => {
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    return hrefs.find((href) => pattern.test(href.split("?")[0]!)) ?? null;
  };
  await expect
    .poll(matching, { timeout: 8_000 })
    .not.toBeNull()
    .catch(() => undefined);
  return matching();
}

for (const email of ROLES) {
  test(`axe finds no WCAG 2.2 AA violation on any page as ${email}, light and dark theme`, async ({ page }) => {
    test.setTimeout(1_200_000); // the two themes of the former pair of tests, 600 s each
    expect(ORG_PAGES, "every record's list is one of the pages audited").toEqual(
      expect.arrayContaining(RECORD_PAGES.map((entry) => entry.list)),
    );
    await signIn(page, email);
    const base = new URL(page.url()).pathname;
    const found: string[] = [];
    const records: string[] = [];
    for (const path of ORG_PAGES) {
      await audit(page, `${base}${path}`, found);
      // A list's first record, read from the list just audited (the record pages are audited after the lists).
      const list = RECORD_PAGES.find((entry) => entry.list === path);
      const record = list ? await firstRecord(page, list.pattern) : null;
      if (record) records.push(record);
    }
    for (const record of records) await audit(page, record, found);
    await audit(page, `${base}/not-a-page`, found);
    expect(found, `axe violations:\n${found.join("\n")}`).toEqual([]);
  });
}

test("axe finds no WCAG 2.2 AA violation on the public pages, light and dark theme", async ({ page }) => {
  test.setTimeout(120_000); // the two themes of the former pair of tests, 60 s each
  const found: string[] = [];
  for (const path of PUBLIC_PAGES) await audit(page, path, found);
  expect(found, `axe violations:\n${found.join("\n")}`).toEqual([]);
});

test("the audit finds a violation when there is one, in the theme where it is", async ({ page }) => {
  // The harness itself (tests/e2e/axe.ts): an image without a text alternative in both themes, and text whose
  // contrast fails in the dark theme only.
  await page.setContent(`<!doctype html><html lang="en"><head><title>Probe</title><style>
      p { color: #333; background: #fff; }
      @media (prefers-color-scheme: dark) { p { color: #444; background: #222; } }
    </style></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /><p>Some text</p></main></body></html>`);
  const ids = async (theme: (typeof THEMES)[number]) =>
    (await axeViolations(page, theme)).map((violation) => violation.id).sort();
  expect(await ids("light")).toEqual(["image-alt"]);
  expect(await ids("dark")).toEqual(["color-contrast", "image-alt"]);
});
