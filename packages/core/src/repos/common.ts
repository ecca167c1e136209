import { and, gte, isNull, lte, or, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import { divisionPrefix } from '../codes.js';

/** Rows in force on a date: validFrom ≤ asOf and (validTo is null or validTo ≥ asOf). */
export function inForceOn(validFrom: Column, validTo: Column, asOf: string | Placeholder): SQL {
  return and(lte(validFrom, asOf), or(isNull(validTo), gte(validTo, asOf)))!;
}

/** Rows in force at any time between two dates (inclusive). */
export function overlapping(validFrom: Column, validTo: Column, start: string, end: string): SQL {
  return and(lte(validFrom, end), or(isNull(validTo), gte(validTo, start)))!;
}

export function isInForce(row: { validFrom: string | null; validTo: string | null }, asOf: string): boolean {
  return (row.validFrom === null || row.validFrom <= asOf) && (row.validTo === null || row.validTo >= asOf);
}

/** Split a batch of `key|asOf` style loader keys into groups by date, so each date costs one statement. */
export function groupKeysByDate<K extends { asOf: string }>(keys: readonly K[]): Map<string, K[]> {
  const m = new Map<string, K[]>();
  for (const k of keys) {
    const list = m.get(k.asOf);
    if (list) list.push(k);
    else m.set(k.asOf, [k]);
  }
  return m;
}

/**
 * The rows whose division code is `code` or lies below it. Division codes are fixed-length digits
 * (at most 9), so "below" is a range — from the prefix to the prefix padded with 9s — which a btree
 * index serves in any collation; `LIKE '5205%'` cannot in a non-C collation.
 */
export function withinDivision(column: Column, code: string, bind: Bind = (_name, value) => value): SQL {
  const prefix = divisionPrefix(code);
  return and(gte(column, bind('divisionFrom', prefix)), lte(column, bind('divisionTo', prefix.padEnd(9, '9'))))!;
}

/** A value of a statement: itself, or a placeholder for it in a statement built once per shape (`preparedQuery`). */
export type Bind = <T>(name: string, value: T) => T | Placeholder;

/** One slice of a partitioned read: `index` of `count` (0 ≤ index < count). */
export interface Partition {
  index: number;
  count: number;
}

/**
 * The rows of one partition (issue 15: a province's pull read in parallel slices). A row's
 * partition depends on its key alone — a 64-bit hash of the key's text, modulo `count` — so each
 * row lands in exactly one slice, whatever else is written meanwhile, and slices page with keysets
 * like any list (no offsets).
 */
export function inPartition(key: Column, p: Partition, bind: Bind = (_name, value) => value): SQL {
  return sql`((hashtextextended(${key}::text, 0) & 9223372036854775807) % ${bind('partitionCount', p.count)}) = ${bind('partitionIndex', p.index)}`;
}
