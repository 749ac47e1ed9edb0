import axe from "axe-core";
import type { Page } from "@playwright/test";

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules: what the accessibility checks hold every page to. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** The app follows the system's theme; the checks emulate each. */
export const THEMES = ["light", "dark"] as const;

export type Violations = axe.AxeResults["violations"];

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/** Waits until no CSS transition is running (a theme switch animates `transition-colors` elements' colours). */
async function transitionsSettled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * axe's violations on the page as it is now, in `theme` (the themes are pure CSS: switching the emulated scheme
 * restyles the loaded page; the colours' transitions are waited out). The top frame only: the app has no frames.
 * axe-core is loaded into the page once per page load and then run as often as asked: @axe-core/playwright's
 * `analyze()` loads it afresh on every call and took about 2.5× as long per audit (1.3 s against 0.5 s on the demo's
 * home). Only violations are collected, not a selector for every passing node.
 */
export async function axeViolations(page: Page, theme: (typeof THEMES)[number]): Promise<Violations> {
  await page.emulateMedia({ colorScheme: theme });
  await transitionsSettled(page);
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) =>
      window
        .axe!.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((results) => results.violations),
    WCAG_TAGS,
  );
}
