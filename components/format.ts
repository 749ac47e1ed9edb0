/**
 * Display formatting. Amounts arrive as decimal strings; Intl.NumberFormat formats a string exactly
 * (no detour through a float).
 */
export function formatMoney(amount: string, currency = "USD", options: { compact?: boolean } = {}): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: options.compact ? "compact" : "standard",
    maximumFractionDigits: options.compact ? 1 : 0,
  }).format(amount as unknown as number); // typed as number, but strings are formatted exactly
}

/**
 * A sum of amounts in `currencies` (Tandem does not convert): in that currency when there is one, otherwise
 * the plain number — say next to it that it mixes currencies (MoneySum does).
 */
export function formatSum(amount: string, currencies: readonly string[], options: { compact?: boolean } = {}): string {
  if (currencies.length === 1) return formatMoney(amount, currencies[0], options);
  // Intl formats a decimal string exactly (no detour through a float); typed as number.
  return new Intl.NumberFormat("en-US", {
    notation: options.compact ? "compact" : "standard",
    maximumFractionDigits: options.compact ? 1 : 0,
  }).format(amount as unknown as number);
}

export function formatDateTime(date: Date): string {
  return (
    new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC"
  );
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
