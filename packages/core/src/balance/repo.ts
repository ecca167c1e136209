/**
 * Loading the facts the balance calculation needs. Two statements whatever the number of schools,
 * staff or years (and a count of the schools first for a city or a province): schools with their
 * yearly statistics, and their teachers counted in SQL at the same time
 * (a province's 560,000 teachers come back as a few rows per school, not one row each).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { people, posts, schools, schoolYearStats } from '../tables.js';
import { BACKBONE_LEVELS, QUALIFICATIONS } from '../repos/people.js';
import { schoolYearRange } from '../codes.js';
import { countSchools, schoolFilterSql, type SchoolFilter } from '../repos/schools.js';
import type { SchoolFacts, StatsFact, TeacherTally } from './facts.js';
import { MIN_QUALIFICATION_ABOVE_REQUIRED, PE_AND_ARTS_SUBJECTS } from './staff.js';

/** Which schools: those inside a locality (province, city, county or township), or a list of codes. */
export type BalanceScope = { localityCode: string } | { schoolCodes: readonly string[] };

/** The schools of a scope, as a filter of the school list (current schools only). */
function scopeFilter(scope: BalanceScope): SchoolFilter {
  return 'localityCode' in scope ? { localityCode: scope.localityCode } : { codes: scope.schoolCodes };
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
export async function loadBalanceFacts(
  db: Db,
  scope: BalanceScope,
  schoolYears: readonly string[],
  /** Called with the schools in scope as soon as they are read, while their teachers are counted (a caller starts other work on them). */
  onSchools?: (rows: readonly SchoolRow[]) => void,
): Promise<BalanceFacts> {
  const out = new Map<string, SchoolFacts[]>(schoolYears.map((y) => [y, []]));
  const schoolRows = new Map<string, SchoolRow>();
  if (schoolYears.length === 0 || ('schoolCodes' in scope && scope.schoolCodes.length === 0)) {
    onSchools?.([]);
    return { byYear: out, schoolRows };
  }
  const where = schoolFilterSql(scopeFilter(scope));
  // A county, a township or a short list is narrow before its schools are read: its teachers are
  // counted at the same time. A city or a province is judged by the number of its schools, counted
  // first on the index (a few ms), so that its teachers too are counted while the schools are read,
  // not after (issue 9: 0.1 s of a province's report).
  const knownNarrow = 'schoolCodes' in scope ? scope.schoolCodes.length < WIDE_SCOPE_SCHOOLS : scope.localityCode.length === 9 || !scope.localityCode.endsWith('00');
  const early = knownNarrow
    ? teacherTallies(db, false, where, schoolYears)
    : countSchools(db, scopeFilter(scope)).then((n) => teacherTallies(db, n >= WIDE_SCOPE_SCHOOLS, where, schoolYears));
  early.catch(() => {}); // awaited below; a failure of the schools' read must not leave it unhandled
  const rows = await db
    .select({ school: schools, stats: schoolYearStats })
    .from(schools)
    .leftJoin(schoolYearStats, and(eq(schoolYearStats.schoolCode, schools.code), inArray(schoolYearStats.schoolYear, [...schoolYears])))
    .where(where)
    .orderBy(schools.code);

  const statsBy = new Map<string, StatsFact>();
  for (const r of rows) {
    schoolRows.set(r.school.code, r.school);
    if (r.stats) statsBy.set(`${r.stats.schoolYear}|${r.school.code}`, r.stats);
  }
  onSchools?.([...schoolRows.values()]);
  const tallies = await early;
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
 * From how many schools a scope is read in one pass over the posts, with more work_mem, rather than
 * with an index probe per school: a county has 500, a city 4,000, the province 14,000.
 */
export const WIDE_SCOPE_SCHOOLS = 2000;

/**
 * The teachers of the schools in scope on each year's census date, counted per school and post
 * stage in one statement: the counts `tallyTeachers` (facts.ts) makes of a list, and the same
 * readings (staff.ts) — a person counts once per school and stage however many posts they hold
 * (count(distinct person)). Counting distinct within each (year, school, stage) group sorts a few
 * dozen rows per group; making the province's 450,000 (year, school, stage, person) rows distinct
 * first, or grouping them per person, took longer (issue 9, the bench's province: 1.04 s against
 * 1.4 s for distinct-first and 1.3–1.45 s for per-person groups).
 */
async function teacherTallies(db: Db, wide: boolean, where: SQL | undefined, schoolYears: readonly string[]): Promise<Map<string, TeacherTally[]>> {
  const years = [...schoolYears];
  const days = years.map(censusDate);
  const list = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  const primaryAbove = atLeast(QUALIFICATIONS, MIN_QUALIFICATION_ABOVE_REQUIRED.PRIMARY);
  const juniorAbove = atLeast(QUALIFICATIONS, MIN_QUALIFICATION_ABOVE_REQUIRED.JUNIOR);
  // isPeOrArtsTeacher trims each subject before comparing: btrim does the same for spaces, tabs and
  // the full-width space that Chinese input methods leave.
  const peOrArts = sql`exists (select 1 from unnest(pe.subjects) as subject where btrim(subject, E' \t\n\r\u3000') = any(${list(PE_AND_ARTS_SUBJECTS)}))`;
  const inForce = sql`${posts.role} = 'TEACHER' and ${posts.archivedAt} is null and ${posts.validFrom} <= census.day and (${posts.validTo} is null or ${posts.validTo} >= census.day)`;
  // The census days as a VALUES list, not unnest(array): the planner then knows how many there are
  // (it guessed ten for an unnest of parameters, which inflated every estimate past JIT's threshold).
  const census = sql`(values ${sql.join(years.map((y, i) => sql`(${y}::text, ${days[i]}::date)`), sql`, `)}) as census(school_year, day)`;
  // A county's 500 schools: an index probe per school (posts_school_role_idx); `offset 0` keeps the
  // planner from flattening it into a scan of the whole province's posts. A wide scope: one pass.
  const teacherPosts = wide
    ? sql`select census.school_year, ${posts.schoolCode} as school_code, ${posts.stage} as stage, ${posts.personId} as person_id
        from ${census}
        join ${posts} on ${inForce}
        join ${schools} on ${schools.code} = ${posts.schoolCode}
        where ${where ?? sql`true`}`
    : sql`select census.school_year, ${schools.code} as school_code, tp.stage, tp.person_id
        from ${census}
        cross join ${schools}
        join lateral (select ${posts.personId} as person_id, ${posts.stage} as stage from ${posts} where ${posts.schoolCode} = ${schools.code} and ${inForce} offset 0) tp on true
        where ${where ?? sql`true`}`;
  const teacher = sql`select ${people.id} as id, ${people.qualification} as qualification, ${people.backboneLevel} as backbone_level, ${people.subjects} as subjects from ${people}`;
  // People by primary key per teacher for a county (the planner would rather scan all 560,000 of
  // them), one hash join for a province.
  const person = wide
    ? sql`join (${teacher} where ${people.archivedAt} is null) pe on pe.id = t.person_id`
    : sql`join lateral (${teacher} where ${people.id} = t.person_id and ${people.archivedAt} is null offset 0) pe on true`;
  const query = sql`
    select t.school_year as "schoolYear", t.school_code as "schoolCode", t.stage as "stage",
      count(distinct t.person_id)::int as "all",
      (count(distinct t.person_id) filter (where pe.qualification = any(${list(primaryAbove)})))::int as "abovePrimary",
      (count(distinct t.person_id) filter (where pe.qualification = any(${list(juniorAbove)})))::int as "aboveJunior",
      (count(distinct t.person_id) filter (where pe.backbone_level = any(${list(atLeast(BACKBONE_LEVELS, 'COUNTY'))})))::int as "countyBackbone",
      (count(distinct t.person_id) filter (where ${peOrArts}))::int as "peAndArts"
    from (${teacherPosts}) t
    ${person}
    group by t.school_year, t.school_code, t.stage`;
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: TallyRow[] }).rows) as TallyRow[];
  // A province's 450,000 (school, stage, teacher) rows are joined, sorted and grouped in memory:
  // under the default 4 MB of work_mem each step spilled to disk, and at 64 MB the sort by school
  // still did (44 MB of external merge; 1.19 s against 1.04 s). Raised for this transaction only.
  const rows = wide
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '128MB'`);
        return rowsOf(await tx.execute(query));
      })
    : rowsOf(await db.execute(query));
  const out = new Map<string, TeacherTally[]>();
  for (const r of rows) {
    const key = `${r.schoolYear}|${r.schoolCode}`;
    const tally: TeacherTally = { stage: r.stage, all: Number(r.all), aboveRequiredQualification: { PRIMARY: Number(r.abovePrimary), JUNIOR: Number(r.aboveJunior) }, countyBackbone: Number(r.countyBackbone), peAndArts: Number(r.peAndArts) };
    const list = out.get(key);
    if (list) list.push(tally);
    else out.set(key, [tally]);
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
