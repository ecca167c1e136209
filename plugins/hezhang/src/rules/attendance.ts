/**
 * 二(一) 集中人员办公: office hours (2), flexible hours (2), the 细则 filed (2, 4), absences registered
 * with their kind (3), attendance published weekly (3), in the phases of 4.
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { addDays, defineRule, schoolSubject, schoolYearRange, type Db, type Finding } from '@gongzhi/core';
import { ABSENCE_KINDS, ABSENCE_KIND_KEYS, DOC, HOURS_STAGES, type HoursStage } from '../domain.js';
import type { HezhangOptions } from '../options.js';
import { attendance, attendanceRulesFilings, attendanceWeeks, flexibleArrangements } from '../tables.js';
import { EVERYWHERE_FROM, minutesOf, personSubject, schoolWeeks, scopedSchools, textArray, timeOf, type ScopedSchool } from './common.js';

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/** The hours of each stage, as minutes, from the options. */
export function scheduleMinutes(o: HezhangOptions) {
  return Object.fromEntries(
    (Object.keys(HOURS_STAGES) as HoursStage[]).map((k) => {
      const d = o.officeHours[k];
      return [k, { amStart: minutesOf(d.amStart), amEnd: minutesOf(d.amEnd), pmStart: minutesOf(d.pmStart), pmEnd: minutesOf(d.pmEnd) }];
    }),
  ) as Record<HoursStage, { amStart: number; amEnd: number; pmStart: number; pmEnd: number }>;
}

export interface OfficeHoursTally {
  schoolCode: string;
  days: number;
  absences: number;
  short: number;
  /** The first short day and its person (none when no day is short). */
  examples: { personId: string; day: string }[];
}

/**
 * Each school's recorded days in [from, to] that fall short of the office hours (二(一)2), counted in
 * SQL (the table holds 2 million rows a year; nothing but the tallies leaves the database). A day
 * falls short when it is not an absence (registered with its kind) and the punches do not cover the
 * hours of the stage the person teaches — their TEACHER post's stage at the school, else the school's
 * first stage (二(一)2: nine-year and complete schools follow the stage taught) — or, under a flexible
 * arrangement in force that day, when the morning and afternoon together give less than its minutes.
 * Days of schools not yet in scope (before 2022-08, non-pilots) are not counted.
 */
export async function officeHoursTallies(db: Db, schools: readonly ScopedSchool[], from: string, to: string, o: HezhangOptions): Promise<OfficeHoursTally[]> {
  if (schools.length === 0) return [];
  const h = scheduleMinutes(o);
  const pilots = schools.filter((s) => s.isPilot).map((s) => s.code);
  const codes = schools.map((s) => s.code);
  // The hours stage of a person at a school: KINDERGARTEN, PRIMARY, else SECONDARY.
  const stageCase = (col: string) => sql.raw(`case ${col} when 'KINDERGARTEN' then 'KINDERGARTEN' when 'PRIMARY' then 'PRIMARY' else 'SECONDARY' end`);
  const bound = (k: 'amStart' | 'amEnd' | 'pmStart' | 'pmEnd') =>
    sql`case hs0.hs when 'KINDERGARTEN' then ${h.KINDERGARTEN[k]}::int when 'PRIMARY' then ${h.PRIMARY[k]}::int else ${h.SECONDARY[k]}::int end`;
  const result = await db.execute(sql`
    with st as (
      select distinct on (p.person_id, p.school_code) p.person_id, p.school_code, ${stageCase('coalesce(p.stage, s.stages[1])')} as hs
      from core.posts p join core.schools s on s.code = p.school_code
      where p.school_code = any(${textArray(codes)}) and p.archived_at is null and p.valid_from <= ${to}::date and (p.valid_to is null or p.valid_to >= ${from}::date)
      order by p.person_id, p.school_code, (p.role = 'TEACHER') desc, p.valid_from desc
    ),
    fp as (select coalesce(array_agg(distinct person_id), '{}') as ids from hezhang.flexible_arrangements where school_code = any(${textArray(codes)})),
    sch as (select code, ${stageCase('stages[1]')} as hs from core.schools where code = any(${textArray(codes)})),
    d as (
      select a.school_code, a.person_id, a.day, a.absence_kind,
        case
          when a.absence_kind is not null then false
          when f.daily_minutes is not null then coalesce(greatest(a.am_out - a.am_in, 0), 0) + coalesce(greatest(a.pm_out - a.pm_in, 0), 0) < f.daily_minutes
          else not (a.am_in <= ${bound('amStart')} and a.am_out >= ${bound('amEnd')} and a.pm_in <= ${bound('pmStart')} and a.pm_out >= ${bound('pmEnd')}) or a.am_in is null or a.am_out is null or a.pm_in is null or a.pm_out is null
        end as short
      from hezhang.attendance a
      join sch on sch.code = a.school_code
      left join st on st.person_id = a.person_id and st.school_code = a.school_code
      cross join lateral (select coalesce(st.hs, sch.hs) as hs) hs0
      cross join fp
      -- The arrangement in force that day, looked up only for the few people who have one (a CASE
      -- evaluates its subquery lazily): 2 million index probes would cost more than the scan.
      cross join lateral (select case when a.person_id = any(fp.ids) then (
        select fa.daily_minutes from hezhang.flexible_arrangements fa
        where fa.person_id = a.person_id and fa.valid_from <= a.day and (fa.valid_to is null or fa.valid_to >= a.day)
        order by fa.valid_from desc limit 1) end as daily_minutes) f
      where a.school_code = any(${textArray(codes)}) and a.day between ${from}::date and ${to}::date
        and (a.day >= ${EVERYWHERE_FROM}::date or a.school_code = any(${textArray(pilots)}))
    )
    select school_code as "schoolCode", count(*)::int as days,
      count(*) filter (where absence_kind is not null)::int as absences,
      count(*) filter (where short)::int as short,
      min(day::text || '|' || person_id::text) filter (where short) as first
    from d group by school_code order by school_code`);
  // One example, the first short day (and its person): an ordered array of every short day costs
  // three times the whole count at 2 million rows.
  return rowsOf<{ schoolCode: string; days: number; absences: number; short: number; first: string | null }>(result).map((r) => ({
    schoolCode: r.schoolCode,
    days: Number(r.days),
    absences: Number(r.absences),
    short: Number(r.short),
    examples: r.first ? [{ day: r.first.split('|')[0]!, personId: r.first.split('|')[1]! }] : [],
  }));
}

export const officeHours = defineRule<HezhangOptions>({
  id: 'hezhang.office-hours',
  title: { zh: '教职工每日考勤覆盖所在学段的集中办公时间（2022年8月前仅试点学校）', en: 'daily attendance covers the office hours of the stage (pilot schools only before 2022-08)' },
  cite: { doc: DOC, clause: '二(一)2、4' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, options, schoolYear, facts }) {
    const { start, end } = schoolYearRange(schoolYear);
    const schools = await scopedSchools(db, facts, localityCode);
    const tallies = new Map((await officeHoursTallies(db, schools, start, end, options)).map((t) => [t.schoolCode, t]));
    const expected = { officeHours: options.officeHours, flexibleMinimumHours: options.flexibleMinimumHours, everywhereFrom: EVERYWHERE_FROM };
    const out: Finding[] = [];
    for (const s of schools) {
      const t = tallies.get(s.code);
      // In scope for the year: a pilot, or any school from the year 2022-2023 (whose days all fall after 2022-08).
      const inScope = s.isPilot || start >= EVERYWHERE_FROM;
      if (!t) {
        // Nothing recorded. Out of scope all year (a non-pilot before 2022-08): not applicable; in
        // scope: no attendance is itself the failure (no paper compliance).
        if (!inScope) out.push({ status: 'NOT_APPLICABLE', measured: { days: 0 }, expected, subjects: [schoolSubject(s)], message: { zh: `${s.name} 不在第一阶段试点范围（${EVERYWHERE_FROM} 起全面推行）`, en: `${s.name} is not a pilot of the first phase (everywhere from ${EVERYWHERE_FROM})` } });
        else out.push({ status: 'FAIL', measured: { days: 0 }, expected, subjects: [schoolSubject(s)], message: { zh: `${s.name} ${schoolYear} 学年没有考勤登记`, en: `${s.name} recorded no attendance in ${schoolYear}` } });
        continue;
      }
      const measured = { days: t.days, absences: t.absences, shortDays: t.short, examples: t.examples };
      out.push({
        status: t.short === 0 ? 'PASS' : 'FAIL',
        measured,
        expected,
        subjects: [schoolSubject(s), ...[...new Set(t.examples.map((e) => e.personId))].map((id) => personSubject({ id }))],
        message:
          t.short === 0
            ? undefined
            : { zh: `${s.name} 有 ${t.short}/${t.days} 个工作日未满集中办公时间（如 ${t.examples.map((e) => e.day).join('、')}）`, en: `${s.name}: ${t.short} of ${t.days} days fall short of the office hours (e.g. ${t.examples.map((e) => e.day).join(', ')})` },
      });
    }
    return out;
  },
});

export const flexibleMinimum = defineRule<HezhangOptions>({
  id: 'hezhang.flexible-minimum',
  title: { zh: '弹性上下班须说明特殊困难，且每天集中办公不少于5小时', en: 'a flexible-hours arrangement states the difficulty and gives ≥ 5 concentrated hours a day' },
  cite: { doc: DOC, clause: '二(一)2' },
  enforce: 'write',
  appliesTo: ['HezhangFlexibleArrangement'],
  async evaluate({ db, options, changes }) {
    const ids = changes.map((c) => c.key);
    if (ids.length === 0) return [];
    const rows = await db.select().from(flexibleArrangements).where(inArray(flexibleArrangements.id, ids));
    const min = Math.round(options.flexibleMinimumHours * 60);
    return rows.map((r) => {
      const ok = r.dailyMinutes >= min && r.difficulty.trim().length > 0;
      return {
        status: ok ? 'PASS' : 'FAIL',
        measured: { dailyHours: r.dailyMinutes / 60, difficulty: r.difficulty },
        expected: { minDailyHours: options.flexibleMinimumHours, difficulty: 'stated' },
        subjects: [schoolSubject({ code: r.schoolCode }), personSubject({ id: r.personId })],
        message: ok
          ? undefined
          : r.dailyMinutes < min
            ? { zh: `弹性上下班每天集中办公 ${r.dailyMinutes / 60} 小时，不得低于 ${options.flexibleMinimumHours} 小时`, en: `a flexible arrangement of ${r.dailyMinutes / 60} hours a day; at least ${options.flexibleMinimumHours} are required` }
            : { zh: '弹性上下班须说明特殊困难', en: 'a flexible arrangement must state the special difficulty' },
      } satisfies Finding;
    });
  },
  inReport: async ({ db, localityCode, schoolYear, facts }) => {
    const { start, end } = schoolYearRange(schoolYear);
    const codes = (await scopedSchools(db, facts, localityCode)).map((s) => s.code);
    if (codes.length === 0) return [];
    const rows = await db
      .select({ id: flexibleArrangements.id })
      .from(flexibleArrangements)
      .where(and(inArray(flexibleArrangements.schoolCode, codes), lte(flexibleArrangements.validFrom, end), sql`(${flexibleArrangements.validTo} is null or ${flexibleArrangements.validTo} >= ${start})`));
    return rows.map((r) => ({ entity: 'HezhangFlexibleArrangement', key: r.id }));
  },
});

/**
 * What is wrong with an absence, or null (二(一)3): one of the six kinds, or OTHER (the text's 等)
 * with a description; and its approval (请销假手续). Shared by the write rule and the import.
 */
export function absenceProblem(r: { absenceKind?: string | null; absenceNote?: string | null; approvedBy?: string | null }): { zh: string; en: string } | null {
  if (!r.absenceKind) return null;
  if (!ABSENCE_KIND_KEYS.includes(r.absenceKind as never))
    return { zh: `请假类别 ${r.absenceKind} 不是 ${ABSENCE_KIND_KEYS.map((k) => ABSENCE_KINDS[k].zh).join('、')} 之一`, en: `absence kind ${r.absenceKind} is not one of ${ABSENCE_KIND_KEYS.join(', ')}` };
  if (r.absenceKind === 'OTHER' && !r.absenceNote?.trim()) return { zh: '其他类请假须填写说明', en: 'an absence of kind OTHER needs a description' };
  if (!r.approvedBy?.trim()) return { zh: '请假须有审批人（请销假手续）', en: 'an absence needs its approval (who approved the leave)' };
  return null;
}

export const absenceKind = defineRule<HezhangOptions>({
  id: 'hezhang.absence-kind',
  title: { zh: '请假登记须注明类别（事假、病假、婚假、产假、培训学习、因公出差，或其他并说明）及审批', en: 'an absence has one of the six kinds, or OTHER with a description, and its approval' },
  cite: { doc: DOC, clause: '二(一)3' },
  enforce: 'write',
  appliesTo: ['HezhangAttendance'],
  async evaluate({ db, changes }) {
    const keys = changes.map((c) => c.key.split('|') as [string, string]);
    if (keys.length === 0) return [];
    const rows = await db
      .select()
      .from(attendance)
      .where(sql`(${attendance.personId}, ${attendance.day}) in (${sql.join(keys.map(([p, d]) => sql`(${p}::uuid, ${d}::date)`), sql`, `)})`);
    return rows
      .filter((r) => r.absenceKind !== null)
      .map((r) => {
        const problem = absenceProblem(r);
        return {
          status: problem ? 'FAIL' : 'PASS',
          measured: { kind: r.absenceKind, description: r.absenceNote, approvedBy: r.approvedBy },
          expected: { kinds: ABSENCE_KIND_KEYS, otherNeedsDescription: true, approval: 'recorded' },
          subjects: [schoolSubject({ code: r.schoolCode }), personSubject({ id: r.personId })],
          message: problem ? { zh: `${r.day}：${problem.zh}`, en: `${r.day}: ${problem.en}` } : undefined,
        } satisfies Finding;
      });
  },
});

/** Filed by the end of the year, or by today while it runs. */
export const attendanceRulesFiled = defineRule<HezhangOptions>({
  id: 'hezhang.attendance-rules-filed',
  title: { zh: '各校（园）集中办公管理细则报教育科技局备案', en: 'each school in scope has filed its attendance rules (细则) with the bureau' },
  cite: { doc: DOC, clause: '二(一)2、4' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, schoolYear, facts }) {
    const { start, end } = schoolYearRange(schoolYear);
    const schools = await scopedSchools(db, facts, localityCode);
    const codes = schools.map((s) => s.code);
    const filings = codes.length ? await db.select().from(attendanceRulesFilings).where(and(inArray(attendanceRulesFilings.schoolCode, codes), lte(attendanceRulesFilings.filedOn, end))) : [];
    const first = new Map<string, string>();
    for (const f of filings) if (!first.has(f.schoolCode) || f.filedOn < first.get(f.schoolCode)!) first.set(f.schoolCode, f.filedOn);
    return schools.map((s): Finding => {
      // Our reading (common.ts): the pilot year judges the pilots; from 2022-2023 every school.
      if (!s.isPilot && start < EVERYWHERE_FROM)
        return { status: 'NOT_APPLICABLE', subjects: [schoolSubject(s)], expected: { everywhereFrom: EVERYWHERE_FROM }, message: { zh: `${s.name} 非第一阶段试点学校`, en: `${s.name} is not a pilot of the first phase` } };
      const filedOn = first.get(s.code) ?? null;
      return {
        status: filedOn ? 'PASS' : 'FAIL',
        measured: { filedOn },
        expected: { filedBy: end },
        subjects: [schoolSubject(s)],
        message: filedOn ? undefined : { zh: `${s.name} 未将集中办公管理细则报教育科技局备案`, en: `${s.name} has not filed its attendance rules with the bureau` },
      };
    });
  },
});

export const weeklyAttendancePublished = defineRule<HezhangOptions>({
  id: 'hezhang.weekly-attendance-published',
  title: { zh: '每周公布一次教师考勤情况', en: 'each week’s attendance is published' },
  cite: { doc: DOC, clause: '二(一)3' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, schoolYear, today, facts }) {
    const { start, end } = schoolYearRange(schoolYear);
    const schools = await scopedSchools(db, facts, localityCode);
    if (schools.length === 0) return [];
    const codes = schools.map((s) => s.code);
    // A school's weeks are those it recorded attendance in (Monday first), within the phase
    // (二(一)4: before 2022-08 the pilots only); a week is due once its Sunday is past.
    const weeks = await schoolWeeks(db, facts, localityCode, codes, start, end);
    const published = await db
      .select({ schoolCode: attendanceWeeks.schoolCode, weekStart: attendanceWeeks.weekStart })
      .from(attendanceWeeks)
      .where(and(inArray(attendanceWeeks.schoolCode, codes), gte(attendanceWeeks.weekStart, addDays(start, -6)), lte(attendanceWeeks.weekStart, end)));
    const done = new Set(published.map((p) => `${p.schoolCode}|${p.weekStart}`));
    const byCode = new Map<string, { weeks: number; unpublished: number; missing: string[] }>();
    for (const s of schools) {
      const due = (weeks.get(s.code) ?? []).filter((w) => addDays(w.week, 6) < today && (s.isPilot || w.lastDay >= EVERYWHERE_FROM));
      if (due.length === 0) continue;
      const missing = due.filter((w) => !done.has(`${s.code}|${w.week}`)).map((w) => w.week);
      byCode.set(s.code, { weeks: due.length, unpublished: missing.length, missing: missing.slice(0, 10) });
    }
    const out: Finding[] = [];
    for (const s of schools) {
      const r = byCode.get(s.code);
      if (!r) continue; // no week due with attendance: office-hours reports a school in scope with none
      const unpublished = Number(r.unpublished);
      out.push({
        status: unpublished === 0 ? 'PASS' : 'FAIL',
        measured: { weeks: Number(r.weeks), unpublished, unpublishedWeeks: r.missing ?? [] },
        expected: { unpublished: 0 },
        subjects: [schoolSubject(s)],
        message: unpublished === 0 ? undefined : { zh: `${s.name} 有 ${unpublished} 周考勤未公布（${(r.missing ?? []).join('、')} 起的一周）`, en: `${s.name} did not publish ${unpublished} week(s) of attendance (weeks of ${(r.missing ?? []).join(', ')})` },
      });
    }
    return out;
  },
});

void eq;
void timeOf;
