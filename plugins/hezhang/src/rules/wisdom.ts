/** 二(二) 集聚大家智慧: union activities every week (5), 推门听课 for every teacher with classes (3), pupils' skills (2). */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { addDays, defineRule, schoolSubject, schoolYearRange, tables as core, type Finding } from '@gongzhi/core';
import { DOC } from '../domain.js';
import type { HezhangOptions } from '../options.js';
import { lessonVisits, pupils, pupilSkills, unionActivities } from '../tables.js';
import { personSubject, schoolWeeks, scopedSchools } from './common.js';


/**
 * Our reading of 每周: a school's weeks are the weeks it recorded attendance in (it was in session),
 * due once their Sunday is past; each needs the minutes of union activity held that week. A school
 * with no week recorded is not judged (office-hours reports it when in scope).
 */
export const unionHours = defineRule<HezhangOptions>({
  id: 'hezhang.union-hours',
  title: { zh: '每周工会组织活动不低于一小时', en: 'at least 1 hour of union activity a week' },
  cite: { doc: DOC, clause: '二(二)5' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, options, schoolYear, today, facts }) {
    const { start, end } = schoolYearRange(schoolYear);
    const schools = await scopedSchools(db, facts, localityCode);
    if (schools.length === 0) return [];
    const codes = schools.map((s) => s.code);
    const weeks = await schoolWeeks(db, facts, localityCode, codes, start, end);
    const minutes = await db
      .select({ schoolCode: unionActivities.schoolCode, week: sql<string>`date_trunc('week', ${unionActivities.heldOn})::date::text`, minutes: sql<number>`sum(${unionActivities.minutes})::int` })
      .from(unionActivities)
      .where(and(inArray(unionActivities.schoolCode, codes), gte(unionActivities.heldOn, start), lte(unionActivities.heldOn, end)))
      .groupBy(unionActivities.schoolCode, sql`2`);
    const held = new Map(minutes.map((m) => [`${m.schoolCode}|${m.week}`, Number(m.minutes)]));
    const byCode = new Map<string, { weeks: number; short: number; examples: string[] }>();
    for (const s of schools) {
      const due = (weeks.get(s.code) ?? []).filter((w) => addDays(w.week, 6) < today);
      if (due.length === 0) continue;
      const short = due.map((w) => ({ w: w.week, m: held.get(`${s.code}|${w.week}`) ?? 0 })).filter((x) => x.m < options.unionMinutesPerWeek);
      byCode.set(s.code, { weeks: due.length, short: short.length, examples: short.slice(0, 10).map((x) => `${x.w}:${x.m}`) });
    }
    const out: Finding[] = [];
    for (const s of schools) {
      const r = byCode.get(s.code);
      if (!r) continue;
      const short = Number(r.short);
      const weeks = (r.examples ?? []).map((e) => ({ weekStart: e.split(':')[0], minutes: Number(e.split(':')[1]) }));
      out.push({
        status: short === 0 ? 'PASS' : 'FAIL',
        measured: { weeks: Number(r.weeks), shortWeeks: short, examples: weeks },
        expected: { minutesPerWeek: options.unionMinutesPerWeek },
        subjects: [schoolSubject(s)],
        message: short === 0 ? undefined : { zh: `${s.name} 有 ${short} 周工会活动不足 ${options.unionMinutesPerWeek} 分钟`, en: `${s.name}: ${short} week(s) with under ${options.unionMinutesPerWeek} minutes of union activity` },
      });
    }
    return out;
  },
});

/**
 * 确保学年内推门听课覆盖所有任课教师. Teachers with classes (任课教师) are, in our reading, the people
 * with a TEACHER post at the school at some time in the year. While the year runs a teacher not yet
 * visited is a WARN (not yet due); once it is over, a FAIL.
 */
export const lessonVisitCoverage = defineRule<HezhangOptions>({
  id: 'hezhang.lesson-visit-coverage',
  title: { zh: '学年内推门听课覆盖所有任课教师', en: 'every teacher with classes is visited (推门听课) within the school year' },
  cite: { doc: DOC, clause: '二(二)3' },
  enforce: 'report',
  appliesTo: ['School', 'Person'],
  async evaluate({ db, localityCode, schoolYear, today, facts }) {
    const { start, end } = schoolYearRange(schoolYear);
    const schools = await scopedSchools(db, facts, localityCode);
    if (schools.length === 0) return [];
    const codes = schools.map((s) => s.code);
    const [teachers, visits] = await Promise.all([
      db
        .selectDistinct({ schoolCode: core.posts.schoolCode, personId: core.posts.personId })
        .from(core.posts)
        .where(and(inArray(core.posts.schoolCode, codes), eq(core.posts.role, 'TEACHER'), isNull(core.posts.archivedAt), lte(core.posts.validFrom, end), or(isNull(core.posts.validTo), gte(core.posts.validTo, start)))),
      db
        .selectDistinct({ schoolCode: lessonVisits.schoolCode, teacherId: lessonVisits.teacherId })
        .from(lessonVisits)
        .where(and(inArray(lessonVisits.schoolCode, codes), gte(lessonVisits.visitedOn, start), lte(lessonVisits.visitedOn, end))),
    ]);
    const visited = new Set(visits.map((v) => `${v.schoolCode}|${v.teacherId}`));
    const due = today > end;
    const out: Finding[] = [];
    for (const s of schools) {
      const ts = teachers.filter((t) => t.schoolCode === s.code);
      if (ts.length === 0) continue;
      const missing = ts.filter((t) => !visited.has(`${s.code}|${t.personId}`)).map((t) => t.personId).sort();
      out.push({
        status: missing.length === 0 ? 'PASS' : due ? 'FAIL' : 'WARN',
        measured: { teachers: ts.length, visited: ts.length - missing.length, notVisited: missing.slice(0, 20) },
        expected: { visited: ts.length, by: end },
        subjects: [schoolSubject(s), ...missing.slice(0, 20).map((id) => personSubject({ id }))],
        message:
          missing.length === 0
            ? undefined
            : { zh: `${s.name} ${missing.length}/${ts.length} 名任课教师${due ? '学年内' : '至今'}未被推门听课`, en: `${s.name}: ${missing.length} of ${ts.length} teachers with classes not visited ${due ? 'in the school year' : 'yet'}` },
      });
    }
    return out;
  },
});

/** 让每位学生掌握1–2项运动技能 … 学会1–2项艺术技能 ("12项" in the source lost its dash). */
export const pupilSkillsRule = defineRule<HezhangOptions>({
  id: 'hezhang.pupil-skills',
  title: { zh: '每位学生掌握1–2项运动技能和1–2项艺术技能', en: 'each pupil has 1–2 sports skills and 1–2 arts skills recorded' },
  cite: { doc: DOC, clause: '二(二)2' },
  enforce: 'report',
  appliesTo: ['School', 'HezhangPupil'],
  async evaluate({ db, localityCode, options, facts }) {
    const schools = await scopedSchools(db, facts, localityCode);
    if (schools.length === 0) return [];
    const { min, max } = options.skillsPerKind;
    // Counted per pupil in SQL; only the tallies per school come back (pupils stay in the database).
    const rows = await db
      .select({
        schoolCode: pupils.schoolCode,
        pupils: sql<number>`count(*)::int`,
        outside: sql<number>`count(*) filter (where coalesce(k.sports, 0) not between ${min}::int and ${max}::int or coalesce(k.arts, 0) not between ${min}::int and ${max}::int)::int`,
      })
      .from(pupils)
      .leftJoin(
        sql`(select ${pupilSkills.pupilId} as pupil_id, count(*) filter (where ${pupilSkills.kind} = 'SPORTS') as sports, count(*) filter (where ${pupilSkills.kind} = 'ARTS') as arts from ${pupilSkills} group by 1) k`,
        sql`k.pupil_id = ${pupils.id}`,
      )
      .where(inArray(pupils.schoolCode, schools.map((s) => s.code)))
      .groupBy(pupils.schoolCode);
    const names = new Map(schools.map((s) => [s.code, s]));
    return rows.map((r): Finding => {
      const outside = Number(r.outside);
      const s = names.get(r.schoolCode)!;
      return {
        status: outside === 0 ? 'PASS' : 'FAIL',
        measured: { pupils: Number(r.pupils), outsideRange: outside },
        expected: { sports: { min, max }, arts: { min, max } },
        subjects: [schoolSubject(s)],
        message: outside === 0 ? undefined : { zh: `${s.name} 有 ${outside}/${r.pupils} 名学生的运动或艺术技能不在 ${min}–${max} 项`, en: `${s.name}: ${outside} of ${r.pupils} pupils outside ${min}–${max} sports or arts skills` },
      };
    });
  },
});
