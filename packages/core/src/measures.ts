import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { schoolYearRange } from './codes.js';
import { BACKBONE_LEVELS } from './repos/people.js';
import { WIDE_SCOPE_SCHOOLS } from './balance/repo.js';
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
 * the regimes that repeat it per group (e.g. Beihai 五(二)5(4)). One statement, whatever the size.
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

/**
 * Several scopes of one school year in one statement, whatever their number, counted in SQL: the
 * teachers of all their schools and their exchanges are read once in the database, and one row per
 * scope comes back (a province's half a million teachers never reach JavaScript). A report rule over
 * many groups, or `balance { exchangeRate }` on every group of a list, stays batched; scopes may ask
 * for different eligibility or kinds in the same batch.
 *
 * What is counted, per scope:
 * - teachers: distinct people with a TEACHER post at one of its schools at any time in the year;
 * - eligible: of those, people eligible at one of its schools (a teacher of two schools needs the
 *   years at one of them): the unbroken stretch of TEACHER posts at that school covering 1 September
 *   (posts that abut or overlap are one stretch: gaps and islands over the posts' history) began at
 *   least `minYearsAtSchool` years before, and the age (周岁 on 1 September) is within the limit of
 *   the person's gender — a teacher without a birth date is not excluded by an age limit;
 * - exchanged: distinct eligible people who left one of its schools on an exchange of a counted kind
 *   that began in the year (to one of its schools, with `withinSchools`); backbone: those of them
 *   county-level or higher (the level recorded when an exchange began) on any such exchange.
 */
export async function measureExchangeRates(db: Db, scopes: readonly ExchangeRateScope[], schoolYear: string): Promise<ExchangeRateMeasure[]> {
  if (scopes.every((sc) => sc.schoolCodes.length === 0)) return scopes.map(() => measure(0, 0, 0, 0));
  const { start, end } = schoolYearRange(schoolYear);
  // One JSON parameter, whatever the number of scopes and schools (a province: 14,000 codes).
  const spec = JSON.stringify(
    scopes.map(({ schoolCodes, filter = {} }, i) => {
      const e = filter.eligibility ?? EVERY_TEACHER;
      return { i, codes: [...new Set(schoolCodes)], min_years: e.minYearsAtSchool, max_male: e.maxAgeMale ?? null, max_female: e.maxAgeFemale ?? null, kinds: filter.kinds ? [...filter.kinds] : null, within: !!filter.withinSchools };
    }),
  );
  const countyOrHigher = BACKBONE_LEVELS.slice(BACKBONE_LEVELS.indexOf('COUNTY'));
  const needsYears = scopes.some((sc) => (sc.filter?.eligibility ?? EVERY_TEACHER).minYearsAtSchool > 0);
  const needsAge = scopes.some((sc) => sc.filter?.eligibility?.maxAgeMale != null || sc.filter?.eligibility?.maxAgeFemale != null);
  // Only what some scope's eligibility reads: birth dates for an age limit, the stretch at one school
  // for a years condition (people are not read by default, and no stretches are built when no years count).
  const personal = needsAge
    ? { cols: sql`pe.birth_date, pe.gender`, join: sql`join core.people pe on pe.id = x.person_id`, group: sql`, pe.birth_date, pe.gender` }
    : { cols: sql`null::date as birth_date, null::text as gender`, join: sql``, group: sql`` };
  const teachers = needsYears
    ? sql`
    -- The TEACHER posts at the schools up to the year's end: the history before 1 September decides the stretch.
    hist as (
      select p.person_id, p.school_code, p.valid_from, coalesce(p.valid_to, 'infinity'::date) as valid_to
      from core.posts p join codes c on c.school_code = p.school_code
      where p.role = 'TEACHER' and p.archived_at is null and p.valid_from <= ${end}::date
    ),
    -- A teacher's stretches at a school: the union of their posts there, as a multirange. Posts that
    -- overlap or abut (one ends the day before the next starts) merge into one stretch; a day without
    -- a post starts another. One aggregate per (teacher, school), not a window over every post.
    teachers as (
      select x.person_id, x.school_code, range_agg(daterange(x.valid_from, x.valid_to, '[]')) as stretches,
        ${personal.cols}
      from hist x ${personal.join}
      group by x.person_id, x.school_code${personal.group}
      having max(x.valid_to) >= ${start}::date
    )`
    : sql`
    teachers as (
      select x.person_id, x.school_code, null::datemultirange as stretches, ${personal.cols}
      from (select distinct p.person_id, p.school_code from core.posts p join codes c on c.school_code = p.school_code
        where p.role = 'TEACHER' and p.archived_at is null and p.valid_from <= ${end}::date and (p.valid_to is null or p.valid_to >= ${start}::date)) x
      ${personal.join}
    )`;
  // One scope (a province's or a county's balance report): every teacher read is in it (the posts
  // were read for its schools alone), so a teacher's rows are grouped as they come, in person order,
  // without matching each to the scope's schools and hashing (scope, person) (issue 9: a province's
  // 450,000 teachers).
  const single = scopes.length === 1;
  const one = scopes[0]?.filter?.eligibility ?? EVERY_TEACHER;
  // The eligibility of the scope: its columns, or for one scope its values.
  const sc = single
    ? { minYears: sql`${one.minYearsAtSchool}::int`, maxMale: sql`${one.maxAgeMale ?? null}::int`, maxFemale: sql`${one.maxAgeFemale ?? null}::int` }
    : { minYears: sql`s.min_years`, maxMale: sql`s.max_male`, maxFemale: sql`s.max_female` };
  const judgedFrom = single
    ? sql`from teachers t group by t.person_id`
    : sql`from teachers t join scope_schools ss on ss.school_code = t.school_code join scopes s on s.i = ss.i
      group by ss.i, t.person_id`;
  const query = sql`
    with scopes as (
      select * from jsonb_to_recordset(${spec}::jsonb) as s(i int, codes text[], min_years int, max_male int, max_female int, kinds text[], within boolean)
    ),
    scope_schools as (select distinct s.i, c.code as school_code from scopes s cross join lateral unnest(s.codes) as c(code)),
    codes as (select distinct school_code from scope_schools),
    ${teachers},
    judged as (
      select ${single ? sql`0` : sql`ss.i`} as i, t.person_id, bool_or(
        -- In post at the school every day from minYears before 1 September to that day.
        (${sc.minYears} <= 0 or t.stretches @> daterange((${start}::date - make_interval(years => ${sc.minYears}))::date, ${start}::date, '[]'))
        and (t.birth_date is null
          or (case t.gender when 'MALE' then ${sc.maxMale} when 'FEMALE' then ${sc.maxFemale} end) is null
          or extract(year from age(${start}::date, t.birth_date)) <= (case t.gender when 'MALE' then ${sc.maxMale} when 'FEMALE' then ${sc.maxFemale} end))
      ) as eligible
      ${judgedFrom}
    ),
    counted as (
      select j.i, j.person_id, bool_or(e.backbone_level = any(${pgTextArray(countyOrHigher)})) as backbone
      from judged j
      join scopes s on s.i = j.i
      join core.exchanges e on e.person_id = j.person_id
      join scope_schools sf on sf.i = j.i and sf.school_code = e.from_school_code
      where j.eligible and e.archived_at is null and e.start_date >= ${start}::date and e.start_date <= ${end}::date
        and (s.kinds is null or e.kind = any(s.kinds))
        and (not s.within or exists (select 1 from scope_schools st where st.i = j.i and st.school_code = e.to_school_code))
      group by j.i, j.person_id
    )
    select s.i, coalesce(jt.teachers, 0)::int as teachers, coalesce(jt.eligible, 0)::int as eligible, coalesce(ct.exchanged, 0)::int as exchanged, coalesce(ct.backbone, 0)::int as backbone
    from scopes s
    left join (select i, count(*) as teachers, count(*) filter (where eligible) as eligible from judged group by i) jt on jt.i = s.i
    left join (select i, count(*) as exchanged, count(*) filter (where backbone) as backbone from counted group by i) ct on ct.i = s.i
    order by s.i`;
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: CountRow[] }).rows) as CountRow[];
  // A province's half a million posts are sorted for the stretches and grouped per teacher: under the
  // default 4 MB of work_mem every step spilled to disk. Raised for this statement's transaction only.
  const wide = new Set(scopes.flatMap((sc) => sc.schoolCodes)).size >= WIDE_SCOPE_SCHOOLS;
  const rows = wide
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '64MB'`);
        // The planner reads the scopes' codes out of a JSON parameter and guesses a few hundred of
        // them, so it probes the posts' index once per school; for 14,000 schools one hash join
        // over the posts is a third faster (issue 9: 1.9 s against 1.4 s on the bench's province).
        await tx.execute(sql`set local enable_nestloop = off`);
        // One scope: its teachers are grouped by (person, school) and then by person. Guessing few
        // rows, the planner hashes the first grouping (spilling 28 MB to disk) and sorts again for
        // the second; sorted once, both stream (issue 9: 1.17 s against 0.92 s for the province).
        if (single) await tx.execute(sql`set local enable_hashagg = off`);
        return rowsOf(await tx.execute(query));
      })
    : rowsOf(await db.execute(query));
  const by = new Map(rows.map((r) => [Number(r.i), r]));
  return scopes.map((_, i) => {
    const r = by.get(i);
    return r ? measure(Number(r.teachers), Number(r.eligible), Number(r.exchanged), Number(r.backbone)) : measure(0, 0, 0, 0);
  });
}

interface CountRow {
  i: number;
  teachers: number;
  eligible: number;
  exchanged: number;
  backbone: number;
}

const pgTextArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

function measure(teachers: number, eligible: number, exchanged: number, backboneExchanged: number): ExchangeRateMeasure {
  return { teachers, eligibleTeachers: eligible, exchanged, backboneExchanged, rate: eligible ? exchanged / eligible : 0, backboneShare: exchanged ? backboneExchanged / exchanged : 0 };
}

/**
 * `BalanceReport.exchangeRate` for every report of a request (a list of groups each asking for its
 * balance): one statement per school year, not per report, whatever the eligibility each asks for.
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
