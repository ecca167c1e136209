import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';
import { exchanges, people, posts } from './tables.js';
import { schoolYearRange } from './codes.js';
import { overlapping } from './repos/common.js';
import { backboneAtLeast } from './repos/people.js';
import { defineLoader } from './loaders.js';
import type { BalanceOptions } from './balance/options.js';

export interface ExchangeRateMeasure {
  /** All teachers: distinct people with a TEACHER (专任教师) post at the schools at any time in the year. */
  teachers: number;
  /** Of those, the teachers eligible for exchange (符合交流条件, see ExchangeEligibility): the rate's denominator. */
  eligibleTeachers: number;
  /**
   * Distinct eligible teachers who left one of the schools on a counted exchange that began in the
   * school year. "每年交流轮岗" counts the year's exchanges: a three-year rotation counts in the year it
   * starts, not in each of its three years, or one cohort would carry a county for years. Only people
   * counted in the denominator count here: someone with no post at the schools cannot raise the rate.
   */
  exchanged: number;
  /** Of those, county-level-or-higher backbone teachers (as recorded when the exchange began). */
  backboneExchanged: number;
  /** exchanged / eligibleTeachers (0 when nobody is eligible). */
  rate: number;
  /** backboneExchanged / exchanged (0 when nobody was exchanged). */
  backboneShare: number;
}

/**
 * Who is eligible for exchange (符合交流条件). 教督〔2017〕6号 第七条（十一） measures against "符合交流条件
 * 教师总数"; 教师〔2014〕4号 makes the condition years at one school (and leaves age to the provinces).
 */
export interface ExchangeEligibility {
  /**
   * At least this many consecutive years of TEACHER posts at the same school on 1 September of the
   * year (posts at one school that abut or overlap are one stretch), in post that day. 0: no
   * condition — every teacher in post at some time in the year is eligible (Beihai's 所有在职教师).
   */
  minYearsAtSchool: number;
  /** The oldest age (周岁 on 1 September) at which a man is eligible; absent or null: no limit. No birth date recorded: not excluded. */
  maxAgeMale?: number | null;
  /** The oldest age (周岁 on 1 September) at which a woman is eligible; absent or null: no limit. No birth date recorded: not excluded. */
  maxAgeFemale?: number | null;
}

/** Every teacher in post during the year is eligible: no condition. */
export const EVERY_TEACHER: ExchangeEligibility = { minYearsAtSchool: 0 };

/** The eligibility and kinds a locality's balance options set (core.exchange-rate, BalanceReport.exchangeRate). */
export function exchangeFilterOf(o: BalanceOptions): ExchangeRateFilter {
  return { kinds: o.exchangeKinds, eligibility: { minYearsAtSchool: o.exchangeMinYearsAtSchool, maxAgeMale: o.exchangeMaxAgeMale, maxAgeFemale: o.exchangeMaxAgeFemale } };
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
  /** Who the denominator counts. Absent: every teacher in post during the year (EVERY_TEACHER). */
  eligibility?: ExchangeEligibility;
}

/** One set of schools to measure, e.g. a county's, or one group's members. */
export interface ExchangeRateScope {
  schoolCodes: readonly string[];
  filter?: ExchangeRateFilter;
}

/** A teacher at one school in the year, with what eligibility is judged on. */
interface TeacherAtSchool {
  personId: string;
  schoolCode: string;
  /** First day of the unbroken stretch of TEACHER posts at this school that covers 1 September; null when not in post that day. */
  stretchFrom: string | null;
  birthDate: string | null;
  gender: string;
}

/** `date` minus whole years (1 September has no leap-day trouble). */
const yearsBefore = (date: string, years: number) => `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;

/** 周岁 on `date`: full years since birth. */
function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function isEligible(t: TeacherAtSchool, e: ExchangeEligibility, yearStart: string): boolean {
  if (e.minYearsAtSchool > 0 && (t.stretchFrom === null || t.stretchFrom > yearsBefore(yearStart, e.minYearsAtSchool))) return false;
  const maxAge = t.gender === 'MALE' ? e.maxAgeMale : t.gender === 'FEMALE' ? e.maxAgeFemale : null;
  // An age limit needs a birth date: a teacher without one on record is not excluded by it.
  if (maxAge != null && t.birthDate !== null && ageOn(t.birthDate, yearStart) > maxAge) return false;
  return true;
}

/**
 * The teachers of the schools in the year, one row per person and school, each with the stretch that
 * covers 1 September worked out in SQL (gaps and islands over the posts' history), so the posts
 * themselves never leave the database: the rows are the teachers the counts need.
 */
async function teachersInYear(db: Db, schoolCodes: readonly string[], start: string, end: string): Promise<TeacherAtSchool[]> {
  const codes = [...schoolCodes];
  const inYear = alias(posts, 'xr_in_year');
  const teachersOfYear = db
    .select({ personId: inYear.personId })
    .from(inYear)
    .where(and(inArray(inYear.schoolCode, codes), eq(inYear.role, 'TEACHER'), isNull(inYear.archivedAt), overlapping(inYear.validFrom, inYear.validTo, start, end)));
  // The year's teachers' posts up to the year's end: the history before 1 September decides the
  // stretch; people who left before the year are not read. Open-ended = infinity.
  const hist = db.$with('xr_hist').as(
    db
      .select({ personId: posts.personId, schoolCode: posts.schoolCode, validFrom: posts.validFrom, validTo: sql<string>`coalesce(${posts.validTo}, 'infinity'::date)`.as('open_to') })
      .from(posts)
      .where(and(inArray(posts.schoolCode, codes), eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), lte(posts.validFrom, end), inArray(posts.personId, teachersOfYear))),
  );
  // A post starting more than a day after every earlier post (of the person at the school) has
  // ended begins a new stretch; posts that abut or overlap continue it.
  const marked = db.$with('xr_marked').as(
    db
      .select({
        personId: hist.personId,
        schoolCode: hist.schoolCode,
        validFrom: hist.validFrom,
        validTo: hist.validTo,
        breaks: sql<number>`case when ${hist.validFrom} <= max(${hist.validTo}) over (partition by ${hist.personId}, ${hist.schoolCode} order by ${hist.validFrom}, ${hist.validTo} rows between unbounded preceding and 1 preceding) + 1 then 0 else 1 end`.as('breaks'),
      })
      .from(hist),
  );
  const islands = db.$with('xr_islands').as(
    db
      .select({
        personId: marked.personId,
        schoolCode: marked.schoolCode,
        validFrom: marked.validFrom,
        validTo: marked.validTo,
        island: sql<number>`sum(${marked.breaks}) over (partition by ${marked.personId}, ${marked.schoolCode} order by ${marked.validFrom}, ${marked.validTo} rows unbounded preceding)`.as('island'),
      })
      .from(marked),
  );
  const stretches = db.$with('xr_stretches').as(
    db
      .select({ personId: islands.personId, schoolCode: islands.schoolCode, stretchFrom: sql<string>`min(${islands.validFrom})`.as('stretch_from'), stretchTo: sql<string>`max(${islands.validTo})`.as('stretch_to') })
      .from(islands)
      .groupBy(islands.personId, islands.schoolCode, islands.island),
  );
  const rows = await db
    .with(hist, marked, islands, stretches)
    .select({
      personId: stretches.personId,
      schoolCode: stretches.schoolCode,
      stretchFrom: sql<string | null>`(max(case when ${stretches.stretchFrom} <= ${start} and ${stretches.stretchTo} >= ${start} then ${stretches.stretchFrom} end))::text`,
      birthDate: sql<string | null>`${people.birthDate}::text`,
      gender: people.gender,
    })
    .from(stretches)
    .innerJoin(people, eq(people.id, stretches.personId))
    // In post at some time in the year (every stretch here starts by the year's end).
    .where(gte(stretches.stretchTo, start))
    .groupBy(stretches.personId, stretches.schoolCode, people.birthDate, people.gender);
  return rows.map((r) => ({ ...r, schoolCode: r.schoolCode! }));
}

/**
 * Several scopes of one school year in two statements, whatever their number: the teachers and the
 * exchanges of all their schools are read once and each scope is measured in memory. A report
 * rule over many groups, or `balance { exchangeRate }` on every group of a list, stays batched;
 * scopes may ask for different eligibility or kinds in the same batch.
 */
export async function measureExchangeRates(db: Db, scopes: readonly ExchangeRateScope[], schoolYear: string): Promise<ExchangeRateMeasure[]> {
  const union = [...new Set(scopes.flatMap((sc) => sc.schoolCodes))];
  if (union.length === 0) return scopes.map(() => measure(0, new Set(), []));
  const { start, end } = schoolYearRange(schoolYear);
  const teacherRows = await teachersInYear(db, union, start, end);
  // Only exchanges of people who teach at one of the schools in the year can count (the numerator
  // is a part of the denominator), and only of a kind some scope counts.
  const kinds = scopes.every((sc) => sc.filter?.kinds) ? [...new Set(scopes.flatMap((sc) => sc.filter!.kinds!))] : null;
  const teachersOfSchools = db
    .select({ personId: posts.personId })
    .from(posts)
    .where(and(inArray(posts.schoolCode, union), eq(posts.role, 'TEACHER'), isNull(posts.archivedAt), overlapping(posts.validFrom, posts.validTo, start, end)));
  const exchangeRows = await db
    .select({ personId: exchanges.personId, backboneLevel: exchanges.backboneLevel, kind: exchanges.kind, from: exchanges.fromSchoolCode, to: exchanges.toSchoolCode })
    .from(exchanges)
    .where(
      and(
        inArray(exchanges.fromSchoolCode, union),
        isNull(exchanges.archivedAt),
        gte(exchanges.startDate, start),
        lte(exchanges.startDate, end),
        kinds ? inArray(exchanges.kind, kinds) : undefined,
        inArray(exchanges.personId, teachersOfSchools),
      ),
    );
  return scopes.map(({ schoolCodes, filter = {} }) => {
    const inScope = new Set(schoolCodes);
    const eligibility = filter.eligibility ?? EVERY_TEACHER;
    const here = teacherRows.filter((r) => inScope.has(r.schoolCode));
    const teachers = new Set(here.map((r) => r.personId));
    // Eligible at any school of the scope (a teacher of two schools needs the years at one of them).
    const eligible = new Set(here.filter((r) => isEligible(r, eligibility, start)).map((r) => r.personId));
    const counted = exchangeRows.filter((r) => eligible.has(r.personId) && inScope.has(r.from) && (!filter.kinds || filter.kinds.includes(r.kind)) && (!filter.withinSchools || inScope.has(r.to)));
    return measure(teachers.size, eligible, counted);
  });
}

function measure(teachers: number, eligible: ReadonlySet<string>, exchangeRows: readonly { personId: string; backboneLevel: string }[]): ExchangeRateMeasure {
  const exchangedPeople = new Map<string, boolean>();
  for (const r of exchangeRows) exchangedPeople.set(r.personId, (exchangedPeople.get(r.personId) ?? false) || backboneAtLeast(r.backboneLevel, 'COUNTY'));
  const exchanged = exchangedPeople.size;
  const backboneExchanged = [...exchangedPeople.values()].filter(Boolean).length;
  return {
    teachers,
    eligibleTeachers: eligible.size,
    exchanged,
    backboneExchanged,
    rate: eligible.size ? exchanged / eligible.size : 0,
    backboneShare: exchanged ? backboneExchanged / exchanged : 0,
  };
}

/**
 * `BalanceReport.exchangeRate` for every report of a request (a list of groups each asking for its
 * balance): two statements per school year, not per report, whatever the eligibility each asks for.
 */
export const exchangeRateLoader = defineLoader<{ schoolYear: string; schoolCodes: readonly string[]; filter?: ExchangeRateFilter }, ExchangeRateMeasure>(
  'core.exchangeRate',
  async (db, keys) => {
    const out = new Array<ExchangeRateMeasure>(keys.length);
    for (const year of new Set(keys.map((k) => k.schoolYear))) {
      const idx = keys.map((k, i) => (k.schoolYear === year ? i : -1)).filter((i) => i >= 0);
      const measured = await measureExchangeRates(db, idx.map((i) => ({ schoolCodes: keys[i]!.schoolCodes, filter: keys[i]!.filter })), year);
      idx.forEach((i, j) => (out[i] = measured[j]!));
    }
    return out;
  },
  (k) => `${k.schoolYear}|${[...k.schoolCodes].sort().join(',')}|${JSON.stringify(k.filter ?? {})}`,
);
