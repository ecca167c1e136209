/**
 * Dated records: a brand, a rank, a rating, a party organisation … in force from a day to a day
 * (both inclusive; `validTo` null while it stands). Regimes keep such histories so that a past
 * year's report still shows what that year had. These helpers are the arithmetic they share.
 */
import { addDays, schoolYearRange } from './codes.js';

export interface Dated {
  validFrom: string;
  validTo: string | null;
}

/** What recording a new dated record from `validFrom` does to the history of its subject. */
export interface SuccessionPlan<R extends Dated> {
  /** A record that starts the same day: correct it in place instead of adding one. */
  sameDay: R | null;
  /** Records in force on `validFrom` that started before it: each ends the day before. */
  close: { row: R; validTo: string }[];
  /** The new record's last day: the day before the next later record starts (or the given end, if earlier). */
  validTo: string | null;
}

/**
 * A new record succeeds the one in force: that one ends the day before it starts; one recorded
 * again for the same day is corrected in place; one recorded before a later record ends when that
 * one starts. The history stays one record at a time, and past days keep what they had.
 */
export function succession<R extends Dated>(history: readonly R[], validFrom: string, validTo: string | null = null): SuccessionPlan<R> {
  const sameDay = history.find((r) => r.validFrom === validFrom) ?? null;
  const close = history
    .filter((r) => r !== sameDay && r.validFrom < validFrom && (r.validTo === null || r.validTo >= validFrom))
    .map((row) => ({ row, validTo: addDays(validFrom, -1) }));
  const next = history.filter((r) => r.validFrom > validFrom).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  const cap = next ? addDays(next.validFrom, -1) : null;
  const end = validTo && cap ? (validTo < cap ? validTo : cap) : (validTo ?? cap);
  return { sameDay, close, validTo: end };
}

/** The record of a history in force on a date (the latest to start, if several overlap). */
export function inForceOnDate<R extends Dated>(history: readonly R[], date: string): R | null {
  let best: R | null = null;
  for (const r of history) if (r.validFrom <= date && (r.validTo === null || r.validTo >= date) && (!best || r.validFrom > best.validFrom)) best = r;
  return best;
}

/**
 * The day a report judges standing facts on (who holds a post, which rating is current): the
 * school year's last day, or today while the year is running, or its first day for a year to come.
 */
export function referenceDate(schoolYear: string, today: string): string {
  const { start, end } = schoolYearRange(schoolYear);
  return today < start ? start : today > end ? end : today;
}

/**
 * Every date in [from, to] on which one of the periods starts or ends (the day after its last):
 * what is in force is constant between two of them, so a rule that checks these dates checks the
 * whole range, future-dated changes included. `from` is always one; `to` null is open-ended.
 */
export function changeDates(range: { from: string; to: string | null }, periods: readonly Dated[]): string[] {
  const dates = new Set<string>([range.from]);
  for (const p of periods) {
    dates.add(p.validFrom);
    if (p.validTo) dates.add(addDays(p.validTo, 1));
  }
  return [...dates].filter((d) => d >= range.from && (range.to === null || d <= range.to)).sort();
}
