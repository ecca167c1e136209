/**
 * Loading the facts the balance calculation needs. Two statements whatever the number of schools,
 * staff or years: schools with their yearly statistics, then the teachers of those schools.
 */
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { people, posts, schools, schoolYearStats } from '../tables.js';
import { schoolYearRange } from '../codes.js';
import { overlapping } from '../repos/common.js';
import { schoolFilterSql } from '../repos/schools.js';
import type { SchoolFacts, StaffFact, StatsFact } from './facts.js';

/** Which schools: those inside a locality (province, city, county or township), or a list of codes. */
export type BalanceScope = { localityCode: string } | { schoolCodes: readonly string[] };

function scopeSql(scope: BalanceScope): SQL | undefined {
  if ('localityCode' in scope) return schoolFilterSql({ localityCode: scope.localityCode });
  return and(inArray(schools.code, [...scope.schoolCodes]), isNull(schools.archivedAt));
}

/**
 * The day whose staff the indicators count: the first day of the school year, when the yearly
 * statistics (基表) describe the school. Counting on one day (rather than anyone in post at any time
 * in the year) counts a teacher who moves mid-year once, at the school that had them on that day.
 */
export function censusDate(schoolYear: string): string {
  return schoolYearRange(schoolYear).start;
}

export type SchoolRow = typeof schools.$inferSelect;

export interface BalanceFacts {
  /** Per school year asked for: every school in scope, in code order. */
  byYear: Map<string, SchoolFacts[]>;
  /** The school rows read on the way (GraphQL primes its school loader with them). */
  schoolRows: Map<string, SchoolRow>;
}

/** The facts of every school in scope, per school year asked for. */
export async function loadBalanceFacts(db: Db, scope: BalanceScope, schoolYears: readonly string[]): Promise<BalanceFacts> {
  const out = new Map<string, SchoolFacts[]>(schoolYears.map((y) => [y, []]));
  const schoolRows = new Map<string, SchoolRow>();
  if (schoolYears.length === 0 || ('schoolCodes' in scope && scope.schoolCodes.length === 0)) return { byYear: out, schoolRows };
  const where = scopeSql(scope);
  const rows = await db
    .select({ school: schools, stats: schoolYearStats })
    .from(schools)
    .leftJoin(schoolYearStats, and(eq(schoolYearStats.schoolCode, schools.code), inArray(schoolYearStats.schoolYear, [...schoolYears])))
    .where(where)
    .orderBy(schools.code);

  const sorted = [...schoolYears].sort();
  const first = schoolYearRange(sorted[0]!).start;
  const last = schoolYearRange(sorted[sorted.length - 1]!).start;
  const staffRows = await db
    .select({
      personId: posts.personId,
      schoolCode: posts.schoolCode,
      stage: posts.stage,
      validFrom: posts.validFrom,
      validTo: posts.validTo,
      qualification: people.qualification,
      backboneLevel: people.backboneLevel,
      subjects: people.subjects,
    })
    .from(posts)
    .innerJoin(people, eq(people.id, posts.personId))
    .innerJoin(schools, eq(schools.code, posts.schoolCode))
    .where(and(where, eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), isNull(people.archivedAt), overlapping(posts.validFrom, posts.validTo, first, last)));

  // Staff per school and year, each person counted once per school and stage.
  const staffBy = new Map<string, Map<string, StaffFact>>();
  for (const year of schoolYears) {
    const day = censusDate(year);
    for (const r of staffRows) {
      if (r.validFrom > day || (r.validTo !== null && r.validTo < day)) continue;
      const key = `${year}|${r.schoolCode}`;
      let m = staffBy.get(key);
      if (!m) staffBy.set(key, (m = new Map()));
      m.set(`${r.personId}|${r.stage ?? ''}`, { stage: r.stage, qualification: r.qualification, backboneLevel: r.backboneLevel, subjects: r.subjects });
    }
  }

  const statsBy = new Map<string, StatsFact>();
  for (const r of rows) {
    schoolRows.set(r.school.code, r.school);
    if (r.stats) statsBy.set(`${r.stats.schoolYear}|${r.school.code}`, r.stats);
  }
  for (const year of schoolYears) {
    const list = out.get(year)!;
    for (const s of schoolRows.values()) {
      list.push({
        code: s.code,
        name: s.name,
        schoolType: s.schoolType,
        stages: s.stages,
        countyCode: s.countyCode,
        stats: statsBy.get(`${year}|${s.code}`) ?? null,
        staff: [...(staffBy.get(`${year}|${s.code}`)?.values() ?? [])],
      });
    }
  }
  return { byYear: out, schoolRows };
}
