/** Calendar arithmetic on ISO dates (UTC, no time of day), as the rules count months and terms. */
import { addDays } from '@gongzhi/core';

function parts(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

// Day arithmetic is core's, shared with the other regimes.
export { addDays };

/** The same day n months later; a day the month lacks falls back to its last day (12-31 + 2 → 02-28/29). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = parts(d);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(y, m + n, Math.min(day, last));
}

export function addYears(d: string, n: number): string {
  return addMonths(d, 12 * n);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Whole and fractional calendar months from a to b, to one decimal (for people reading a gap). */
export function monthsBetween(a: string, b: string): number {
  let whole = 0;
  while (addMonths(a, whole + 1) <= b) whole++;
  const from = addMonths(a, whole);
  const span = daysBetween(from, addMonths(a, whole + 1));
  return Math.round((whole + daysBetween(from, b) / span) * 10) / 10;
}

/** The last day of a term of n years that starts on `start` (a two-year term from 2019-09-01 ends 2021-08-31). */
export function termLastDay(start: string, years: number): string {
  return addDays(addYears(start, years), -1);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
