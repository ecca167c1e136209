/**
 * Coverage (附件1 一, 二(四), 三(一); main 二(二)4): who must offer the service, on which days, and whether
 * those who applied — the priority groups among them — were served.
 */
import { referenceDate, schoolSubject, schoolYearRange, defineRule, type Finding } from '@gongzhi/core';
import type { HezhangOptions } from '../../options.js';
import { A1, DOC, PRIORITY_GROUPS, afterSchoolOptionsOf, schoolDays, termsOf, type PriorityGroup } from '../domain.js';
import { detailsOf, enrolmentsOfSchools, plansOfSchools, sessionsOfPlans, withdrawalsOfEnrolments } from '../repo.js';
import { isCompulsory, serviceSchools, type ScopeSchool } from './common.js';

/** 二(四): 原则上县城区中小学从2021年秋季学期开学起全面推行 — county-town compulsory schools; others once they file a plan. */
const inScope = (s: ScopeSchool, hasPlan: boolean) => (s.isCountyTown && isCompulsory(s)) || hasPlan;

/**
 * 一: 推行课后服务"5+2"模式（每周5天均开展课后服务）— every school day (Monday–Friday; our reading: the
 * county's holiday calendar is not in the data) of each plan's period, up to today, has a session. A
 * county-town compulsory school without a filed plan for a term that has begun fails: it offered nothing.
 * 普通高中 only 原则上 (三(二)2): a senior-only school's missing days are a WARN.
 */
export const afterSchoolFiveDays = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-five-days',
  title: { zh: '每周5天均开展课后服务', en: 'the service is offered every school day of the term' },
  cite: { doc: DOC, clause: `${A1} 一` },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, options, schoolYear, today, facts }) {
    const o = afterSchoolOptionsOf(options);
    const schools = await serviceSchools(facts, localityCode);
    const plans = await plansOfSchools(db, schools.map((s) => s.code), termsOf(schoolYear));
    const sessions = await sessionsOfPlans(db, plans.map((p) => p.id));
    const out: Finding[] = [];
    const yearStarted = schoolYearRange(schoolYear).start <= today;
    for (const s of schools) {
      const mine = plans.filter((p) => p.schoolCode === s.code && p.filedOn);
      if (!inScope(s, mine.length > 0)) continue;
      if (schoolYearRange(schoolYear).start < o.coverageFrom && !mine.length) continue;
      if (!mine.length) {
        if (yearStarted) out.push({ status: 'FAIL', measured: { filedPlans: 0 }, expected: { everySchoolDay: true }, subjects: [schoolSubject(s)], message: { zh: `${s.name} ${schoolYear} 学年没有已备案的课后服务方案，未开展课后服务`, en: `${s.name} has no filed after-school plan for ${schoolYear}: no service offered` } });
        continue;
      }
      const missing: string[] = [];
      let days = 0;
      for (const p of mine) {
        const until = p.endsOn < today ? p.endsOn : today;
        const held = new Set(sessions.filter((x) => x.planId === p.id).map((x) => x.heldOn));
        for (const d of schoolDays(p.startsOn, until)) {
          days++;
          if (!held.has(d)) missing.push(d);
        }
      }
      const measured = { schoolDays: days, daysWithoutService: missing.length, firstMissing: missing.slice(0, 10) };
      const seniorOnly = s.stages.every((x) => x === 'SENIOR');
      out.push(
        missing.length === 0
          ? { status: days ? 'PASS' : 'NOT_APPLICABLE', measured, expected: { daysWithoutService: 0 }, subjects: [schoolSubject(s)] }
          : { status: seniorOnly ? 'WARN' : 'FAIL', measured, expected: { daysWithoutService: 0 }, subjects: [schoolSubject(s)], message: { zh: `${s.name} 有 ${missing.length} 个上学日未开展课后服务（如 ${missing.slice(0, 3).join('、')}）`, en: `${s.name} offered no service on ${missing.length} school day(s) (e.g. ${missing.slice(0, 3).join(', ')})` } },
      );
    }
    return out;
  },
});

/**
 * main 二(二)4 (确保城区义务教育学校全覆盖，有需求的学生全覆盖) and 附件1 二(四): every county-town compulsory school
 * offers the service from the 2021 autumn term (a filed plan for each term begun), and every pupil who
 * applied is enrolled (approved, agreement and safety letter signed). 三(一): the priority groups' pupils
 * enrolled are counted per school (measured), so the report shows they were served; an applicant of a
 * priority group left unenrolled fails like any other.
 */
export const afterSchoolCoverage = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-coverage',
  title: { zh: '县城区义务教育学校全覆盖，有需求的学生全覆盖', en: 'every county-town compulsory school offers the service from 2021 autumn; every applying pupil is enrolled' },
  cite: { doc: DOC, clause: `二(二)4, ${A1} 二(四), 三(一)` },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, options, schoolYear, today, facts }) {
    const o = afterSchoolOptionsOf(options);
    const { start } = schoolYearRange(schoolYear);
    const on = referenceDate(schoolYear, today);
    const schools = await serviceSchools(facts, localityCode);
    const codes = schools.map((s) => s.code);
    const terms = termsOf(schoolYear);
    const [plans, enrolments] = await Promise.all([plansOfSchools(db, codes, terms), enrolmentsOfSchools(db, codes, terms)]);
    const [details, withdrawals] = await Promise.all([detailsOf(db, [...new Set(enrolments.map((e) => e.pupilId))]), withdrawalsOfEnrolments(db, enrolments.map((e) => e.id))]);
    const groups = new Map(details.map((d) => [d.pupilId, d.priorityGroups as PriorityGroup[]]));
    const out: Finding[] = [];
    for (const s of schools) {
      const mine = plans.filter((p) => p.schoolCode === s.code);
      const required = s.isCountyTown && isCompulsory(s) && start >= o.coverageFrom;
      if (!required && !mine.length) continue;
      // Terms begun by the reference day: autumn from 1 September, spring from 1 February (our reading of 学期).
      const begun = terms.filter((t) => (t.endsWith('-1') ? start : `${schoolYear.slice(5)}-02-01`) <= on);
      const unfiled = required ? begun.filter((t) => !mine.some((p) => p.term === t && p.filedOn)) : [];
      const es = enrolments.filter((e) => e.schoolCode === s.code);
      const enrolled = es.filter((e) => e.approvedOn && e.agreementSignedOn && e.safetyLetterSignedOn);
      const waiting = es.filter((e) => !enrolled.includes(e));
      const served: Record<string, number> = Object.fromEntries(Object.keys(PRIORITY_GROUPS).map((g) => [g, 0]));
      for (const e of enrolled) for (const g of groups.get(e.pupilId) ?? []) served[g] = (served[g] ?? 0) + 1;
      const measured = { countyTownCompulsory: required, termsWithoutFiledPlan: unfiled, applications: es.length, enrolled: enrolled.length, notEnrolled: waiting.length, withdrawn: withdrawals.filter((w) => es.some((e) => e.id === w.enrolmentId)).length, priorityGroupsServed: served };
      const expected = { filedPlanEveryTerm: required, notEnrolled: 0 };
      out.push(
        unfiled.length || waiting.length
          ? {
              status: 'FAIL',
              measured,
              expected,
              subjects: [schoolSubject(s)],
              message: { zh: `${s.name}：${unfiled.length ? `${unfiled.join('、')} 学期无已备案方案；` : ''}${waiting.length ? `${waiting.length} 名申请学生未完成报名` : ''}`, en: `${s.name}: ${unfiled.length ? `no filed plan for ${unfiled.join(', ')}; ` : ''}${waiting.length ? `${waiting.length} applicant(s) not enrolled` : ''}` },
            }
          : { status: 'PASS', measured, expected, subjects: [schoolSubject(s)] },
      );
    }
    return out;
  },
});
