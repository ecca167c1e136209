/**
 * Sessions (附件1 三(二), 三(三), 三(四), 三(五)): their length, their end, their content, the filed plan
 * they run under and the outside staff who serve them.
 */
import { defineRule, schoolSubject, type Finding } from '@gongzhi/core';
import type { HezhangOptions } from '../../options.js';
import { A1, CONTENT_KINDS, DOC, FORBIDDEN_CONTENT, afterSchoolOptionsOf, minutesOf, termsOf, type AfterSchoolOptions } from '../domain.js';
import { outsideStaffOfSessions, plansOfSchools, schoolsByCodes, sessionsById, sessionsOfPlans, sessionsServedByLists, type PlanRow, type SessionRow } from '../repo.js';
import { keysOf, plansOfSessions, serviceSchools, sessionsConcerned, sessionSubject } from './common.js';

const lengthOf = (s: SessionRow) => minutesOf(s.endsAt) - minutesOf(s.startsAt);

/**
 * 三(二): 每日课后服务时长原则上为2小时，最少不低于1小时，最多不高于3小时 — the 1 h floor and the 3 h ceiling
 * are firm (a session outside them is refused); the 2 h is in principle, and 一 (每天课后服务至少2小时) makes it
 * the daily target, so a school whose sessions average under it is reported as a WARN. A plan change
 * stands for the plan's term in the report (inReport): its days' average.
 */
export const afterSchoolDuration = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-duration',
  title: { zh: '课后服务每次1–3小时，每天平均不少于2小时', en: 'an after-school session lasts 1–3 h; a school averages at least 2 h a day' },
  cite: { doc: DOC, clause: `${A1} 一, 三(二)` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolSession', 'HezhangAfterSchoolPlan'],
  async evaluate({ db, options, changes }) {
    const o = afterSchoolOptionsOf(options);
    const out: Finding[] = [];
    for (const s of await sessionsById(db, keysOf(changes, 'HezhangAfterSchoolSession'))) out.push(sessionLength(s, o));
    const planIds = keysOf(changes, 'HezhangAfterSchoolPlan');
    if (planIds.length) {
      const sessions = await sessionsOfPlans(db, planIds);
      const plans = await plansOfSessions(db, sessions);
      for (const id of planIds) {
        const mine = sessions.filter((s) => s.planId === id);
        const plan = plans.get(id);
        if (!mine.length || !plan) continue;
        const days = new Set(mine.map((s) => s.heldOn)).size;
        const total = mine.reduce((n, s) => n + lengthOf(s), 0);
        const average = Math.round(total / days);
        const outOfBounds = mine.filter((s) => lengthOf(s) < o.minSessionMinutes || lengthOf(s) > o.maxSessionMinutes).map((s) => s.id);
        const measured = { term: plan.term, daysWithService: days, totalMinutes: total, averageMinutesPerDay: average, sessionsOutOfBounds: outOfBounds.length };
        const expected = { averageMinutesPerDay: o.targetDailyMinutes, minSessionMinutes: o.minSessionMinutes, maxSessionMinutes: o.maxSessionMinutes };
        const subjects = [schoolSubject({ code: plan.schoolCode })];
        if (outOfBounds.length)
          out.push({ status: 'FAIL', measured, expected, subjects, message: { zh: `${plan.term} 学期有 ${outOfBounds.length} 次课后服务时长不在 1–3 小时之间`, en: `${outOfBounds.length} session(s) of ${plan.term} last less than 1 h or more than 3 h` } });
        else if (average < o.targetDailyMinutes)
          out.push({ status: 'WARN', measured, expected, subjects, message: { zh: `${plan.term} 学期每天课后服务平均 ${average} 分钟，不足 ${o.targetDailyMinutes} 分钟`, en: `${plan.term}: the service averages ${average} minutes a day, under ${o.targetDailyMinutes}` } });
        else out.push({ status: 'PASS', measured, expected, subjects });
      }
    }
    return out;
  },
  async inReport({ db, localityCode, schoolYear, facts }) {
    const schools = await serviceSchools(facts, localityCode);
    const plans = await plansOfSchools(db, schools.map((s) => s.code), termsOf(schoolYear));
    return plans.map((p) => ({ entity: 'HezhangAfterSchoolPlan', key: p.id }));
  },
});

function sessionLength(s: SessionRow, o: AfterSchoolOptions): Finding {
  const minutes = lengthOf(s);
  const ok = minutes >= o.minSessionMinutes && minutes <= o.maxSessionMinutes;
  return ok
    ? { status: 'PASS', measured: { minutes }, expected: { min: o.minSessionMinutes, max: o.maxSessionMinutes }, subjects: [sessionSubject(s)] }
    : {
        status: 'FAIL',
        admitsException: false,
        measured: { minutes, startsAt: s.startsAt, endsAt: s.endsAt },
        expected: { min: o.minSessionMinutes, max: o.maxSessionMinutes },
        subjects: [schoolSubject({ code: s.schoolCode }), sessionSubject(s)],
        message: { zh: `${s.heldOn} 的课后服务时长 ${minutes} 分钟，应为 ${o.minSessionMinutes}–${o.maxSessionMinutes} 分钟`, en: `the session on ${s.heldOn} lasts ${minutes} minutes; it must last ${o.minSessionMinutes}–${o.maxSessionMinutes}` },
      };
}

/**
 * 三(二)1–2: 义务教育 走读学校不晚于18:00，寄宿制学校不晚于21:00 (初中非寄宿制学校具备条件的可参照寄宿制开设晚自习);
 * 普通高中 走读不晚于21:00，寄宿制不晚于22:00 (高中非寄宿制学校同样可参照). The stage is the session's (a
 * nine-year school serves two); "具备条件" is the plan's recorded evening-study approval — a primary
 * session never has it (the clause names 初中 and 高中 only). Judged on the session, on its plan (the
 * approval withdrawn) and on its school (boarding status changed: sessions from today on).
 */
export const afterSchoolEndTime = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-end-time',
  title: { zh: '课后服务按学段和走读/寄宿在规定时间前结束', en: 'a session ends by the cap of its stage and of day or boarding schooling' },
  cite: { doc: DOC, clause: `${A1} 三(二)1–2` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolSession', 'HezhangAfterSchoolPlan', 'School'],
  async evaluate({ db, options, changes, today }) {
    const o = afterSchoolOptionsOf(options);
    const sessions = await sessionsConcerned(db, changes, today);
    if (!sessions.length) return [];
    const [schools, plans] = await Promise.all([schoolsByCodes(db, [...new Set(sessions.map((s) => s.schoolCode))]), plansOfSessions(db, sessions)]);
    const bySchool = new Map(schools.map((s) => [s.code, s]));
    return sessions.map((s): Finding => {
      const school = bySchool.get(s.schoolCode)!;
      const { cap, basis } = endCap(o, s.stage, school.isBoarding, s.planId ? plans.get(s.planId) : undefined);
      const measured = { endsAt: s.endsAt, stage: s.stage, isBoarding: school.isBoarding, basis };
      return s.endsAt <= cap
        ? { status: 'PASS', measured, expected: { endsBy: cap }, subjects: [sessionSubject(s)] }
        : {
            status: 'FAIL',
            measured,
            expected: { endsBy: cap },
            subjects: [schoolSubject(school), sessionSubject(s)],
            message: { zh: `${school.name} ${s.heldOn} 的课后服务结束于 ${s.endsAt}，晚于 ${cap}（${basis}）`, en: `${school.name}: the session on ${s.heldOn} ends at ${s.endsAt}, after ${cap} (${basis})` },
          };
    });
  },
});

export function endCap(o: AfterSchoolOptions, stage: string, isBoarding: boolean, plan: PlanRow | undefined): { cap: string; basis: string } {
  const senior = stage === 'SENIOR';
  const evening = !isBoarding && (stage === 'JUNIOR' || stage === 'SENIOR') && !!plan?.eveningStudyRef;
  const boardingLike = isBoarding || evening;
  const cap = senior ? (boardingLike ? o.endBy.SENIOR_BOARDING : o.endBy.SENIOR_DAY) : boardingLike ? o.endBy.COMPULSORY_BOARDING : o.endBy.COMPULSORY_DAY;
  const basis = `${senior ? '普通高中' : '义务教育'}${isBoarding ? '寄宿制' : evening ? '非寄宿制（经批准参照寄宿制开设晚自习）' : '走读'}`;
  return { cap, basis };
}

/**
 * 三(四): 在启动前将实施方案报县教育科技局审核备案后方可实施 — a session belongs to its school's plan for the
 * period holding its day, and takes place only on or after the plan's filing. Judged on the session and on
 * the plan (its filing or its dates changed).
 */
export const afterSchoolPlanFiled = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-plan-filed',
  title: { zh: '学校课后服务实施方案报教育科技局审核备案后方可实施', en: 'no session before the school’s plan is filed with the bureau' },
  cite: { doc: DOC, clause: `${A1} 三(四)` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolSession', 'HezhangAfterSchoolPlan'],
  async evaluate({ db, changes }) {
    const sessions = await sessionsConcerned(db, changes.filter((c) => c.entity !== 'School'), '');
    const plans = await plansOfSessions(db, sessions);
    return sessions.map((s): Finding => {
      const p = s.planId ? plans.get(s.planId) : undefined;
      const inPeriod = !!p && p.startsOn <= s.heldOn && s.heldOn <= p.endsOn;
      const filed = !!p?.filedOn && !!p.filingRef && p.filedOn <= s.heldOn;
      const measured = { heldOn: s.heldOn, plan: p ? { term: p.term, startsOn: p.startsOn, endsOn: p.endsOn, filedOn: p.filedOn, filingRef: p.filingRef } : null };
      if (inPeriod && filed) return { status: 'PASS', measured, expected: { filedOnOrBefore: s.heldOn }, subjects: [sessionSubject(s)] };
      return {
        status: 'FAIL',
        measured,
        expected: { filedOnOrBefore: s.heldOn },
        subjects: [schoolSubject({ code: s.schoolCode }), sessionSubject(s)],
        message: !p || !inPeriod
          ? { zh: `${s.heldOn} 不在学校任何课后服务实施方案的期间内`, en: `${s.heldOn} falls in no after-school plan of the school` }
          : { zh: `${s.heldOn} 的课后服务早于实施方案备案（${p.filedOn ?? '未备案'}）`, en: `the session on ${s.heldOn} comes before the plan is filed (${p.filedOn ?? 'not filed'})` },
      };
    });
  },
});

/** 三(三): 不得用课后服务时间开展集体教学，不得上新课、补课和考试训练. */
export const afterSchoolContent = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-content',
  title: { zh: '课后服务不开展集体教学，不上新课、补课和考试训练', en: 'a session is not collective teaching, a new lesson, a make-up class or an exam drill' },
  cite: { doc: DOC, clause: `${A1} 三(三)` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolSession'],
  async evaluate({ db, changes }) {
    return (await sessionsById(db, keysOf(changes, 'HezhangAfterSchoolSession'))).map((s): Finding => {
      const kind = s.contentKind as keyof typeof CONTENT_KINDS;
      const forbidden = FORBIDDEN_CONTENT.includes(kind);
      return forbidden
        ? {
            status: 'FAIL',
            measured: { contentKind: kind },
            expected: { not: FORBIDDEN_CONTENT },
            subjects: [schoolSubject({ code: s.schoolCode }), sessionSubject(s)],
            message: { zh: `${s.heldOn} 的课后服务内容为「${CONTENT_KINDS[kind].zh}」`, en: `the session on ${s.heldOn} is ${CONTENT_KINDS[kind].en}` },
          }
        : { status: 'PASS', measured: { contentKind: kind }, expected: { not: FORBIDDEN_CONTENT }, subjects: [sessionSubject(s)] };
    });
  },
});

/**
 * 三(五)三: 校外聘用人员…将审查合格的人员名单报县教育科技局审批后才能组织聘用 — an outside person serves a
 * session only if their list was approved on or before the session's day. Judged on the session (its
 * staff) and on the list (its approval changed).
 */
export const outsideStaffApproved = defineRule<HezhangOptions>({
  id: 'hezhang.outside-staff-approved',
  title: { zh: '校外聘用人员名单经教育科技局审批后方可参与课后服务', en: 'outside staff serve only once the bureau approved their list' },
  cite: { doc: DOC, clause: `${A1} 三(五)三` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolSession', 'HezhangOutsideStaffList'],
  async evaluate({ db, changes }) {
    const ids = [...new Set([...keysOf(changes, 'HezhangAfterSchoolSession'), ...(await sessionsServedByLists(db, keysOf(changes, 'HezhangOutsideStaffList')))])];
    const [sessions, staff] = await Promise.all([sessionsById(db, ids), outsideStaffOfSessions(db, ids)]);
    const out: Finding[] = [];
    for (const s of sessions) {
      const mine = staff.filter((x) => x.sessionId === s.id);
      const unapproved = mine.filter((x) => !x.approvedOn || x.approvedOn > s.heldOn);
      if (!mine.length) continue;
      out.push(
        unapproved.length
          ? {
              status: 'FAIL',
              measured: { unapproved: unapproved.map((x) => ({ outsideStaffId: x.staffId, listId: x.listId, approvedOn: x.approvedOn })) },
              expected: { listApprovedOnOrBefore: s.heldOn },
              subjects: [schoolSubject({ code: s.schoolCode }), sessionSubject(s), ...unapproved.map((x) => ({ type: 'HezhangOutsideStaff', key: x.staffId, name: x.name }))],
              message: { zh: `${s.heldOn} 的课后服务安排了名单未经审批的校外人员：${unapproved.map((x) => x.name).join('、')}`, en: `the session on ${s.heldOn} is served by outside staff whose list was not approved by then: ${unapproved.map((x) => x.name).join(', ')}` },
            }
          : { status: 'PASS', measured: { outsideStaff: mine.length }, expected: { listApprovedOnOrBefore: s.heldOn }, subjects: [sessionSubject(s)] },
      );
    }
    return out;
  },
});

