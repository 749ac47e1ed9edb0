import { describe, expect, it } from "vitest";
import {
  loadThresholds,
  pairedRatio,
  ratioBreaches,
  type BenchResult,
  type Thresholds,
} from "../load/bench-thresholds";
import { throughputBreaches, type ThroughputResults } from "../load/bench-http";

const limits: Thresholds = {
  minFloorMs: 5,
  app: 3,
  http: 4,
  scenarios: { "admin deals.board": { app: 6 } },
  throughput: { trivialOverHealth: 0.5, homeOverHealth: 0.2 },
};
/** Three runs with these times; the floor 10 ms in each unless given. */
const result = (app: number[], http: number[], floor = [10, 10, 10], who = "rep", procedure = "deals.list") =>
  ({ who, procedure, runs: { app, http, floor } }) satisfies BenchResult;

describe("the benchmark's ratio limits", () => {
  it("divide each run by its own floor and take the median", () => {
    // A load spike slows run 2's app and floor alike: its ratio stays 2.
    expect(pairedRatio([20, 200, 22], [10, 100, 10])).toBe(2);
    expect(pairedRatio([20, 30, 40, 50], [10, 10, 10, 10])).toBe(3.5);
  });

  it("pass ratios at or under their limits", () => {
    expect(ratioBreaches([result([30, 30, 30], [40, 40, 40])], limits)).toEqual([]);
  });

  it("name each ratio over its limit, app and HTTP apart", () => {
    expect(ratioBreaches([result([31, 31, 31], [45, 45, 45])], limits)).toEqual([
      "rep deals.list: app / floor 3.1 > 3 (floor median 10 ms)",
      "rep deals.list: HTTP / floor 4.5 > 4 (floor median 10 ms)",
    ]);
  });

  it("use a scenario's own limit where it has one, the default for the rest", () => {
    const board = result([50, 50, 50], [50, 50, 50], [10, 10, 10], "admin", "deals.board");
    expect(ratioBreaches([board], limits)).toEqual(["admin deals.board: HTTP / floor 5 > 4 (floor median 10 ms)"]);
  });

  it("skip scenarios whose median floor is under minFloorMs", () => {
    expect(ratioBreaches([result([500, 500, 500], [500, 500, 500], [4, 4.9, 30])], limits)).toEqual([]);
  });

  it("read the limits kept in the repo", () => {
    const kept = loadThresholds();
    expect(kept.app).toBeGreaterThan(1);
    expect(kept.http).toBeGreaterThan(1);
    expect(kept.minFloorMs).toBeGreaterThanOrEqual(0);
    expect(kept.throughput.trivialOverHealth).toBeGreaterThan(0);
    expect(kept.throughput.homeOverHealth).toBeGreaterThan(0);
  });
});

describe("the throughput floors", () => {
  const figures = (target: "health" | "trivial" | "home", non2xx = 0, errors = 0) => ({
    target,
    path: `/${target}`,
    requestsPerSecond: 100,
    p50: 10,
    p975: 20,
    requests: 500,
    non2xx,
    errors,
  });
  const run = (trivialOverHealth: number, homeOverHealth: number, homeNon2xx = 0): ThroughputResults => ({
    connections: 20,
    people: 20,
    seconds: 5,
    rounds: 3,
    targets: [figures("health"), figures("trivial"), figures("home", homeNon2xx)],
    ratios: { trivialOverHealth, homeOverHealth },
    perRound: { health: [], trivial: [], home: [] },
  });

  it("pass ratios at or above their floors", () => {
    expect(throughputBreaches(run(0.5, 0.2), limits.throughput)).toEqual([]);
  });

  it("name each ratio below its floor", () => {
    expect(throughputBreaches(run(0.49, 0.19), limits.throughput)).toEqual([
      "trivialOverHealth: 0.49 < 0.5 (throughput ratio floor)",
      "homeOverHealth: 0.19 < 0.2 (throughput ratio floor)",
    ]);
  });

  it("fail on any non-2xx answer, whatever the ratios", () => {
    expect(throughputBreaches(run(0.9, 0.9, 3), limits.throughput)).toEqual(["home: 3 non-2xx answers, 0 errors"]);
  });
});
