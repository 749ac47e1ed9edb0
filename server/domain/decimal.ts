/**
 * Exact sums and rounding of decimal strings as Postgres numeric prints them ("-12.340"), in BigInt: the team views
 * sum their people's stored pipeline amounts (which carry more than two decimals, e.g. a deal split three ways)
 * without the drift of floating point, as SQL's sum() would.
 */

function parse(text: string): { units: bigint; scale: number } {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(`${whole || "0"}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** The exact sum, at the largest scale of its terms ("0" for none), like sum() over numeric. */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  const total = parsed.reduce((sum, p) => sum + p.units * 10n ** BigInt(scale - p.scale), 0n);
  return format(total, scale);
}

/** Rounded to `places` decimals, halves away from zero, always printing `places` decimals: Postgres round(x, n). */
export function roundDecimal(text: string, places: number): string {
  const { units, scale } = parse(text);
  if (scale <= places) return format(units * 10n ** BigInt(places - scale), places);
  const divisor = 10n ** BigInt(scale - places);
  const magnitude = units < 0n ? -units : units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return format(units < 0n ? -rounded : rounded, places);
}
