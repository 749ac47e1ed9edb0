/** Calendar days (`YYYY-MM-DD`, UTC). */

/**
 * The day `days` after `date` (its first ten characters: a day or a timestamp's day), by the calendar instead of
 * parsing a date string: the home calls it for every rep of an organization (5,000 at a time).
 */
export function addDays(date: string, days: number): string {
  const at = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  return at.toISOString().slice(0, 10);
}

/** A calendar date, YYYY-MM-DD, that exists (no February 30). */
export function isRealDate(text: string): boolean {
  // Year 0000 does not exist for Postgres (1 BC is year 0001 BC): it would refuse the value.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text.startsWith("0000")) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
