/**
 * Loading the facts the balance calculation needs. Two statements whatever the number of schools,
 * staff or years: schools with their yearly statistics, then their teachers counted in SQL
 * (a province's 560,000 teachers come back as a few rows per school, not one row each).
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { people, posts, schools, schoolYearStats } from '../tables.js';
import { BACKBONE_LEVELS, QUALIFICATIONS } from '../repos/people.js';
import { schoolYearRange } from '../codes.js';
import { schoolFilterSql } from '../repos/schools.js';
import type { SchoolFacts, StatsFact, TeacherTally } from './facts.js';
import { MIN_QUALIFICATION_ABOVE_REQUIRED, PE_AND_ARTS_SUBJECTS } from './staff.js';

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

  const tallies = await teacherTallies(db, where, schoolYears);

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
        teachers: tallies.get(`${year}|${s.code}`) ?? [],
      });
    }
  }
  return { byYear: out, schoolRows };
}

const atLeast = <T extends string>(levels: readonly T[], min: T): T[] => levels.slice(levels.indexOf(min));

/**
 * The teachers of the schools in scope on each year's census date, counted per school and post
 * stage in one statement: the counts `tallyTeachers` (facts.ts) makes of a list, and the same
 * readings (staff.ts) — a person counts once per school and stage however many posts they hold.
 */
async function teacherTallies(db: Db, where: SQL | undefined, schoolYears: readonly string[]): Promise<Map<string, TeacherTally[]>> {
  const years = [...schoolYears];
  const days = years.map(censusDate);
  const list = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  const distinctWhere = (cond: SQL) => sql`count(distinct ${posts.personId}) filter (where ${cond})::int`;
  const primaryAbove = atLeast(QUALIFICATIONS, MIN_QUALIFICATION_ABOVE_REQUIRED.PRIMARY);
  const juniorAbove = atLeast(QUALIFICATIONS, MIN_QUALIFICATION_ABOVE_REQUIRED.JUNIOR);
  // isPeOrArtsTeacher trims each subject before comparing: btrim does the same for spaces, tabs and
  // the full-width space that Chinese input methods leave.
  const peOrArts = sql`exists (select 1 from unnest(${people.subjects}) as subject where btrim(subject, E' \t\n\r\u3000') = any(${list(PE_AND_ARTS_SUBJECTS)}))`;
  const result = (await db.execute(sql`
    select census.school_year as "schoolYear", ${posts.schoolCode} as "schoolCode", ${posts.stage} as "stage",
      count(distinct ${posts.personId})::int as "all",
      ${distinctWhere(sql`${people.qualification} = any(${list(primaryAbove)})`)} as "abovePrimary",
      ${distinctWhere(sql`${people.qualification} = any(${list(juniorAbove)})`)} as "aboveJunior",
      ${distinctWhere(sql`${people.backboneLevel} = any(${list(atLeast(BACKBONE_LEVELS, 'COUNTY'))})`)} as "countyBackbone",
      ${distinctWhere(peOrArts)} as "peAndArts"
    from unnest(${list(years)}, ${list(days)}::date[]) as census(school_year, day)
    join ${posts} on ${posts.validFrom} <= census.day and (${posts.validTo} is null or ${posts.validTo} >= census.day)
    join ${people} on ${people.id} = ${posts.personId}
    join ${schools} on ${schools.code} = ${posts.schoolCode}
    where ${and(where, eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), isNull(people.archivedAt))}
    group by census.school_year, ${posts.schoolCode}, ${posts.stage}`)) as unknown as { rows: TallyRow[] } | TallyRow[];
  const rows = Array.isArray(result) ? result : result.rows;
  const out = new Map<string, TeacherTally[]>();
  for (const r of rows) {
    const key = `${r.schoolYear}|${r.schoolCode}`;
    const tally: TeacherTally = { stage: r.stage, all: Number(r.all), aboveRequiredQualification: { PRIMARY: Number(r.abovePrimary), JUNIOR: Number(r.aboveJunior) }, countyBackbone: Number(r.countyBackbone), peAndArts: Number(r.peAndArts) };
    out.set(key, [...(out.get(key) ?? []), tally]);
  }
  return out;
}

interface TallyRow {
  schoolYear: string;
  schoolCode: string;
  stage: string | null;
  all: number;
  abovePrimary: number;
  aboveJunior: number;
  countyBackbone: number;
  peAndArts: number;
}
