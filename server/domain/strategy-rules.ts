/** Strategy rules as pure functions: weights, periods, and which strategy is "current". */

export interface Period {
  /** YYYY-MM-DD, inclusive */
  startsOn: string;
  /** YYYY-MM-DD, inclusive */
  endsOn: string;
}

/** Whether two inclusive date ranges share at least one day (ISO dates compare as strings). */
export function periodsOverlap(a: Period, b: Period): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export function weightTotal(objectives: readonly { weight: number }[]): number {
  return objectives.reduce((sum, o) => sum + o.weight, 0);
}

/** Why a strategy cannot be active with these objectives, or null when it can. */
export function activationProblem(objectives: readonly { weight: number }[]): string | null {
  if (objectives.length === 0) return "Add at least one objective.";
  const total = weightTotal(objectives);
  if (total !== 100) return `The weights add up to ${total}; they must add up to exactly 100.`;
  return null;
}

export interface StrategyRef extends Period {
  id: string;
  status: "draft" | "active" | "archived";
}

/**
 * The strategy people mean by "now": the active one whose period contains today; else the next active one
 * to start; else the active one that ended last; else the newest archived one; null if none.
 * The home reads only the strategies this can pick — the active ones and the archived ones that ended last
 * (server/services/home.ts): a change of rule changes that statement too (tests/integration/home-strategy.test.ts).
 */
export function currentStrategyId(strategies: readonly StrategyRef[], today: string): string | null {
  const active = strategies.filter((s) => s.status === "active");
  const running = active
    .filter((s) => s.startsOn <= today && today <= s.endsOn)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  if (running[0]) return running[0].id;
  const upcoming = active.filter((s) => s.startsOn > today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (upcoming[0]) return upcoming[0].id;
  const past = active.sort((a, b) => b.endsOn.localeCompare(a.endsOn));
  if (past[0]) return past[0].id;
  const archived = strategies.filter((s) => s.status === "archived").sort((a, b) => b.endsOn.localeCompare(a.endsOn));
  return archived[0]?.id ?? null;
}

/** Today as YYYY-MM-DD in UTC (periods are calendar dates; the organization has no time zone yet). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
