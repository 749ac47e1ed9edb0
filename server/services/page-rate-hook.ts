/**
 * Where proxy.ts finds the page rate limit (page-rate-limit.ts). No imports on purpose, like server/db/outage.ts:
 * the proxy must not load the database driver; instrumentation.ts installs the charge on globalThis, which the
 * proxy and the route handlers share (one Node.js process). Until it is installed, pages are not charged.
 */
import type { RateDecision } from "./rate-limit";

export type PageCharge = (headers: Headers) => Promise<RateDecision>;

const hook = globalThis as unknown as { tandemChargePage?: PageCharge };

export function setPageCharge(charge: PageCharge | undefined): void {
  hook.tandemChargePage = charge;
}

export function pageCharge(): PageCharge | undefined {
  return hook.tandemChargePage;
}
