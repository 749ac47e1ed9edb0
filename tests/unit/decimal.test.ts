import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundDecimal, sumDecimals } from "@/server/domain/decimal";

describe("decimal strings", () => {
  it("sums exactly at the largest scale, as sum() over numeric prints it", () => {
    expect(sumDecimals([])).toBe("0");
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["33.333333333333333333", "33.333333333333333333", "33.333333333333333334"])).toBe(
      "100.000000000000000000",
    );
    expect(sumDecimals(["-1.5", "0.25", "7"])).toBe("5.75");
    expect(sumDecimals(["-0.5", "0.25"])).toBe("-0.25");
  });

  it("rounds halves away from zero and prints the places, as round(x, n)", () => {
    expect(roundDecimal("0", 2)).toBe("0.00");
    expect(roundDecimal("1.005", 2)).toBe("1.01");
    expect(roundDecimal("1.0049999", 2)).toBe("1.00");
    expect(roundDecimal("-1.005", 2)).toBe("-1.01");
    expect(roundDecimal("-0.001", 2)).toBe("0.00");
    expect(roundDecimal("12.3", 2)).toBe("12.30");
    expect(() => roundDecimal("1e5", 2)).toThrow("not a decimal");
  });

  it("agrees with integer arithmetic on cents", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (cents) => {
        const text = (c: number) =>
          `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;
        expect(sumDecimals(cents.map(text))).toBe(cents.length === 0 ? "0" : text(cents.reduce((a, b) => a + b, 0)));
      }),
    );
  });
});
