import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from './db.js';
import { exchanges, posts } from './tables.js';
import { schoolYearRange } from './codes.js';
import { overlapping } from './repos/common.js';
import { backboneAtLeast } from './repos/people.js';

export interface ExchangeRateMeasure {
  /** Teachers eligible for exchange: distinct people with a TEACHER post at the schools at any time in the year. */
  teachers: number;
  /** Distinct people who left one of the schools on an exchange in progress during the year. */
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

export async function measureExchangeRate(db: Db, schoolCodes: readonly string[], schoolYear: string, filter: ExchangeRateFilter = {}): Promise<ExchangeRateMeasure> {
  if (schoolCodes.length === 0) return { teachers: 0, exchanged: 0, backboneExchanged: 0, rate: 0, backboneShare: 0 };
  const { start, end } = schoolYearRange(schoolYear);
  const codes = [...schoolCodes];
  const teacherRows = await db
    .selectDistinct({ personId: posts.personId })
    .from(posts)
    .where(and(inArray(posts.schoolCode, codes), eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), overlapping(posts.validFrom, posts.validTo, start, end)));
  const exchangeRows = await db
    .select({ personId: exchanges.personId, backboneLevel: exchanges.backboneLevel })
    .from(exchanges)
    .where(
      and(
        inArray(exchanges.fromSchoolCode, codes),
        isNull(exchanges.archivedAt),
        overlapping(exchanges.startDate, exchanges.endDate, start, end),
        filter.kinds ? inArray(exchanges.kind, [...filter.kinds]) : undefined,
        filter.withinSchools ? inArray(exchanges.toSchoolCode, codes) : undefined,
      ),
    );
  const people = new Map<string, boolean>();
  for (const r of exchangeRows) people.set(r.personId, (people.get(r.personId) ?? false) || backboneAtLeast(r.backboneLevel, 'COUNTY'));
  const teachers = teacherRows.length;
  const exchanged = people.size;
  const backboneExchanged = [...people.values()].filter(Boolean).length;
  return {
    teachers,
    exchanged,
    backboneExchanged,
    rate: teachers ? exchanged / teachers : 0,
    backboneShare: exchanged ? backboneExchanged / exchanged : 0,
  };
}
