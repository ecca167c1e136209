import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from './db.js';
import { exchanges, posts } from './tables.js';
import { schoolYearRange } from './codes.js';
import { overlapping } from './repos/common.js';
import { backboneAtLeast } from './repos/people.js';
import { defineLoader } from './loaders.js';

export interface ExchangeRateMeasure {
  /** Teachers eligible for exchange: distinct people with a TEACHER post at the schools at any time in the year. */
  teachers: number;
  /**
   * Distinct people who left one of the schools on an exchange that began in the school year.
   * "每年交流轮岗" counts the year's exchanges: a three-year rotation counts in the year it starts,
   * not in each of its three years, or one cohort would carry a county for years.
   */
  exchanged: number;
  /** Of those, county-level-or-higher backbone teachers (as recorded when the exchange began). */
  backboneExchanged: number;
  /** exchanged / teachers (0 when there are no teachers). */
  rate: number;
  /** backboneExchanged / exchanged (0 when nobody was exchanged). */
  backboneShare: number;
}

/**
 * The teacher exchange (交流轮岗) measure shared by the national standard (core.exchange-rate) and
 * the regimes that repeat it per group (e.g. Beihai 五(二)5(4)). Two statements, whatever the size.
 */
export interface ExchangeRateFilter {
  /** Count only these kinds of exchange (e.g. Beihai counts 轮岗交流 and 蹲点交流 only). All kinds when absent. */
  kinds?: readonly string[];
  /** Count only exchanges whose destination is one of the same schools (exchanges within a group). */
  withinSchools?: boolean;
}

/** One set of schools to measure, e.g. a county's, or one group's members. */
export interface ExchangeRateScope {
  schoolCodes: readonly string[];
  filter?: ExchangeRateFilter;
}

/**
 * Several scopes of one school year in two statements, whatever their number: the teachers and the
 * exchanges of all their schools are read once and each scope is measured in memory. A report
 * rule over many groups, or `balance { exchangeRate }` on every group of a list, stays batched.
 */
export async function measureExchangeRates(db: Db, scopes: readonly ExchangeRateScope[], schoolYear: string): Promise<ExchangeRateMeasure[]> {
  const union = [...new Set(scopes.flatMap((sc) => sc.schoolCodes))];
  if (union.length === 0) return scopes.map(() => measure(new Set(), []));
  const { start, end } = schoolYearRange(schoolYear);
  const teacherRows = await db
    .selectDistinct({ personId: posts.personId, schoolCode: posts.schoolCode })
    .from(posts)
    .where(and(inArray(posts.schoolCode, union), eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), overlapping(posts.validFrom, posts.validTo, start, end)));
  const exchangeRows = await db
    .select({ personId: exchanges.personId, backboneLevel: exchanges.backboneLevel, kind: exchanges.kind, from: exchanges.fromSchoolCode, to: exchanges.toSchoolCode })
    .from(exchanges)
    .where(and(inArray(exchanges.fromSchoolCode, union), isNull(exchanges.archivedAt), gte(exchanges.startDate, start), lte(exchanges.startDate, end)));
  return scopes.map(({ schoolCodes, filter = {} }) => {
    const inScope = new Set(schoolCodes);
    const teachers = new Set(teacherRows.filter((r) => r.schoolCode !== null && inScope.has(r.schoolCode)).map((r) => r.personId));
    const counted = exchangeRows.filter((r) => inScope.has(r.from) && (!filter.kinds || filter.kinds.includes(r.kind)) && (!filter.withinSchools || inScope.has(r.to)));
    return measure(teachers, counted);
  });
}

function measure(teachers: ReadonlySet<string>, exchangeRows: readonly { personId: string; backboneLevel: string }[]): ExchangeRateMeasure {
  const people = new Map<string, boolean>();
  for (const r of exchangeRows) people.set(r.personId, (people.get(r.personId) ?? false) || backboneAtLeast(r.backboneLevel, 'COUNTY'));
  const exchanged = people.size;
  const backboneExchanged = [...people.values()].filter(Boolean).length;
  return {
    teachers: teachers.size,
    exchanged,
    backboneExchanged,
    rate: teachers.size ? exchanged / teachers.size : 0,
    backboneShare: exchanged ? backboneExchanged / exchanged : 0,
  };
}

/**
 * `BalanceReport.exchangeRate` for every report of a request (a list of groups each asking for its
 * balance): two statements per school year, not per report.
 */
export const exchangeRateLoader = defineLoader<{ schoolYear: string; schoolCodes: readonly string[] }, ExchangeRateMeasure>(
  'core.exchangeRate',
  async (db, keys) => {
    const out = new Array<ExchangeRateMeasure>(keys.length);
    for (const year of new Set(keys.map((k) => k.schoolYear))) {
      const idx = keys.map((k, i) => (k.schoolYear === year ? i : -1)).filter((i) => i >= 0);
      const measured = await measureExchangeRates(db, idx.map((i) => ({ schoolCodes: keys[i]!.schoolCodes })), year);
      idx.forEach((i, j) => (out[i] = measured[j]!));
    }
    return out;
  },
  (k) => `${k.schoolYear}|${[...k.schoolCodes].sort().join(',')}`,
);
