import { afterEach, describe, expect, it } from "vitest";
import { answerPagesUnavailable, noteDatabaseAnswered, noteDatabaseDown, PROBE_INTERVAL_MS } from "@/server/db/outage";

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
