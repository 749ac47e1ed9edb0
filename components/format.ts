/**
 * Display formatting. Amounts arrive as decimal strings; Intl.NumberFormat formats a string exactly
 * (no detour through a float).
 *
 * Formatters are made once per set of options and reused: constructing one costs 40–130 µs (ICU loads its
 * patterns), formatting with one about 1 µs, and a page formats dozens of amounts and dates — the manager's
 * home spent several milliseconds of every render on constructors alone (docs/performance.md "HTTP layer").
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(currency: string | null, compact: boolean): Intl.NumberFormat {
  const key = `${currency ?? ""}|${compact}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      ...(currency ? { style: "currency", currency } : {}),
      notation: compact ? "compact" : "standard",
      maximumFractionDigits: compact ? 1 : 0,
    });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatMoney(amount: string, currency = "USD", options: { compact?: boolean } = {}): string {
  // typed as number, but strings are formatted exactly
  return numberFormat(currency, options.compact ?? false).format(amount as unknown as number);
}

/**
 * A sum of amounts in `currencies` (Tandem does not convert): in that currency when there is one, otherwise
 * the plain number — say next to it that it mixes currencies (MoneySum does).
 */
export function formatSum(amount: string, currencies: readonly string[], options: { compact?: boolean } = {}): string {
  const currency = currencies.length === 1 ? currencies[0]! : null;
  return numberFormat(currency, options.compact ?? false).format(amount as unknown as number);
}

/** "1.50" → "1.5", "3.00" → "3" (display only; the value stays a decimal string). */
export function plainDecimal(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}

/** Whether a goal's values are money: a quota whose unit is a currency code. */
export function isMoneyGoal(goal: { category: string; unit: string }): boolean {
  return goal.category === "quota" && /^[A-Z]{3}$/.test(goal.unit);
}

/** A goal's value (current or target) as people read it: money for a quota in a currency, else number and unit. */
export function formatGoalValue(
  value: string,
  goal: { category: string; unit: string },
  options: { compact?: boolean } = {},
): string {
  if (isMoneyGoal(goal)) return formatMoney(value, goal.unit, options);
  return goal.unit ? `${plainDecimal(value)} ${goal.unit}` : plainDecimal(value);
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date) + " UTC";
}

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}
