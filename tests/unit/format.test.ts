/**
 * components/format.ts keeps one Intl formatter per set of options: what it answers must be what a formatter made
 * for that call answers, whatever was formatted before (a cache keyed too loosely would hand a compact formatter to a
 * standard call, or a currency's to a plain sum).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatGoalValue, formatMoney, formatSum } from "@/components/format";

const CURRENCIES = ["USD", "EUR", "JPY", "GBP", "CHF", "INR"];

/** A formatter made for the call, as the functions did before they kept them. */
function fresh(amount: string, currency: string | null, compact: boolean): string {
  return new Intl.NumberFormat("en-US", {
    ...(currency ? { style: "currency", currency } : {}),
    notation: compact ? "compact" : "standard",
    maximumFractionDigits: compact ? 1 : 0,
  }).format(amount as unknown as number);
}

const amount = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }))
  .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, "0")}`);

const call = fc.record({
  amount,
  currencies: fc.subarray(CURRENCIES, { maxLength: 3 }),
  compact: fc.boolean(),
  sum: fc.boolean(),
});

describe("display formatting", () => {
  it("answers what a formatter made for each call answers, in any order of calls", () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 30 }), (calls) => {
        for (const { amount, currencies, compact, sum } of calls) {
          if (sum) {
            const currency = currencies.length === 1 ? currencies[0]! : null;
            expect(formatSum(amount, currencies, { compact })).toBe(fresh(amount, currency, compact));
          } else {
            const currency = currencies[0] ?? "USD";
            expect(formatMoney(amount, currency, { compact })).toBe(fresh(amount, currency, compact));
          }
        }
      }),
    );
  });

  it("formats exactly, compact or not, and with the default currency", () => {
    expect(formatMoney("1234567.89", "USD", { compact: true })).toBe("$1.2M");
    expect(formatMoney("1234567.89", "USD")).toBe("$1,234,568");
    expect(formatMoney("9007199254740993")).toBe("$9,007,199,254,740,993");
    expect(formatSum("1500", ["USD", "EUR"], { compact: true })).toBe("1.5K");
    expect(formatSum("1500", ["EUR"])).toBe("€1,500");
  });

  it("formats a goal's value as money for a quota in a currency, else as the number and its unit", () => {
    expect(formatGoalValue("1500000.00", { category: "quota", unit: "USD" })).toBe("$1,500,000");
    expect(formatGoalValue("1500000.00", { category: "quota", unit: "USD" }, { compact: true })).toBe("$1.5M");
    expect(formatGoalValue("2.00", { category: "account", unit: "deals" })).toBe("2 deals");
    expect(formatGoalValue("2.50", { category: "quota", unit: "logos" })).toBe("2.5 logos");
    expect(formatGoalValue("100.00", { category: "skill", unit: "" })).toBe("100");
  });

  it("formats dates in UTC", () => {
    const date = new Date("2026-03-01T23:30:00Z");
    expect(formatDate(date)).toBe("1 Mar 2026");
    expect(formatDateTime(date)).toBe("1 Mar 2026, 23:30 UTC");
  });
});
