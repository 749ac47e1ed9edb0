import { afterEach, describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "@/server/db/errors";
import {
  abandonDuringOutage,
  answerPagesUnavailable,
  noteDatabaseAnswered,
  noteDatabaseDown,
  OUTAGE_WAIT_LIMIT_MS,
  PROBE_INTERVAL_MS,
} from "@/server/db/outage";

describe("pages during a database outage", () => {
  afterEach(() => noteDatabaseAnswered());

  it("render normally while the database answers", () => {
    expect(answerPagesUnavailable(1_000)).toBe(false);
    expect(answerPagesUnavailable(1_001)).toBe(false);
  });

  it("once it is down, answer unavailable at once, letting one request through per interval as a probe", () => {
    const t = 1_000_000;
    noteDatabaseDown(t);
    expect(answerPagesUnavailable(t)).toBe(false); // the probe
    expect(answerPagesUnavailable(t + 10)).toBe(true);
    expect(answerPagesUnavailable(t + PROBE_INTERVAL_MS - 1)).toBe(true);
    expect(answerPagesUnavailable(t + PROBE_INTERVAL_MS)).toBe(false); // the next probe
    expect(answerPagesUnavailable(t + PROBE_INTERVAL_MS + 1)).toBe(true);
  });

  it("end as soon as a query gets its answer", () => {
    noteDatabaseDown(5_000_000);
    answerPagesUnavailable(5_000_000);
    noteDatabaseAnswered();
    expect(answerPagesUnavailable(5_000_001)).toBe(false);
    expect(answerPagesUnavailable(5_000_002)).toBe(false);
  });
});

describe("a request waiting on the database", () => {
  afterEach(() => {
    noteDatabaseAnswered();
    vi.useRealTimers();
  });
  const hung = () => new Promise<never>(() => {});

  it("gives up OUTAGE_WAIT_LIMIT_MS after it started once the database is known down, as 'unavailable'", async () => {
    vi.useFakeTimers();
    const startedAt = Date.now();
    const outcome = abandonDuringOutage(hung(), startedAt).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    noteDatabaseDown();
    await vi.advanceTimersByTimeAsync(OUTAGE_WAIT_LIMIT_MS - 1_500);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await outcome;
    expect(error).toMatchObject({ code: "DATABASE_WAIT_ABANDONED" });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("waits as long as it takes while the database answers, and passes the answer through", async () => {
    vi.useFakeTimers();
    let settled = false;
    const waiting = abandonDuringOutage(hung(), Date.now()).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(OUTAGE_WAIT_LIMIT_MS * 10);
    expect(settled).toBe(false);
    void waiting.catch(() => undefined);
    await expect(abandonDuringOutage(Promise.resolve(42), Date.now())).resolves.toBe(42);
  });
});
