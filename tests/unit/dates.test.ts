import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "@/server/domain/dates";

const DAY_MS = 86_400_000;

describe("addDays", () => {
  it("moves across month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-04", 0)).toBe("2026-03-04");
  });

  it("reads the day of a timestamp", () => {
    expect(addDays("2026-03-04 23:59:59.999+00", 90)).toBe("2026-06-02");
    expect(addDays("2026-03-04T10:00:00Z", 14)).toBe("2026-03-18");
  });

  it("keeps years before 100 as they are", () => {
    expect(addDays("0050-06-15", 1)).toBe("0050-06-16");
  });

  it("is the day that many 24-hour steps later (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9000-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -5000, max: 5000 }),
        (date, days) => {
          const day = date.toISOString().slice(0, 10);
          const expected = new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
          expect(addDays(day, days)).toBe(expected);
        },
      ),
    );
  });
});
