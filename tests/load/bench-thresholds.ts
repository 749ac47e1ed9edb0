/**
 * The ratio limits of `npm run bench -- --check` (.ci/run's short form): a procedure whose time over its SQL floor
 * (app / floor, or HTTP / floor, measured in the same run) passes its limit in bench-thresholds.json fails the run.
 * Limits are ratios, never times. Each run's layer is divided by the same run's floor (they run back to back, under
 * the same load), and the median of those paired ratios is checked: on a loaded machine a ratio of two medians, or
 * of two fastest runs, moved 5× between runs. The throughput ratios (bench-http.ts) are floors: a ratio below its
 * minimum fails.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Thresholds {
  /** Below this median floor (ms) a scenario is not checked: its ratio is fixed per-call cost over nothing. */
  minFloorMs: number;
  app: number;
  http: number;
  /** Per-scenario limits, keyed "<who> <procedure>", e.g. "admin deals.board". */
  scenarios: Record<string, { app?: number; http?: number }>;
  /**
   * Floors (minimums) of the throughput part (bench-http.ts): a signed-in trivial read's and the manager's home
   * page's requests per second over /api/health's, in the same run.
   */
  throughput: { trivialOverHealth: number; homeOverHealth: number };
}

export interface BenchResult {
  who: string;
  procedure: string;
  /** Milliseconds of each timed run, in run order (index i of each list is the same run). */
  runs: { app: number[]; http: number[]; floor: number[] };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median over runs of layer / floor, each run with its own floor; one decimal. */
export function pairedRatio(layer: readonly number[], floor: readonly number[]): number {
  return Math.round(median(layer.map((ms, run) => ms / floor[run]!)) * 10) / 10;
}

export function loadThresholds(file = path.join(import.meta.dirname, "bench-thresholds.json")): Thresholds {
  return JSON.parse(readFileSync(file, "utf8")) as Thresholds;
}

/** Every ratio over its limit, as a line to print; none when the run passes. */
export function ratioBreaches(results: readonly BenchResult[], limits: Thresholds): string[] {
  const breaches: string[] = [];
  for (const result of results) {
    const { app, http, floor } = result.runs;
    const floorMs = Math.round(median(floor) * 10) / 10;
    if (floorMs < limits.minFloorMs) continue;
    const key = `${result.who} ${result.procedure}`;
    const own = limits.scenarios[key] ?? {};
    const checks = [
      ["app / floor", pairedRatio(app, floor), own.app ?? limits.app],
      ["HTTP / floor", pairedRatio(http, floor), own.http ?? limits.http],
    ] as const;
    for (const [kind, ratio, limit] of checks) {
      if (ratio > limit) breaches.push(`${key}: ${kind} ${ratio} > ${limit} (floor median ${floorMs} ms)`);
    }
  }
  return breaches;
}
