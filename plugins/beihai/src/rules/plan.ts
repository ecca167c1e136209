/** 六(二): 各学区于2019年1月25日前将学区工作计划……报市教育局基础教育科备案. */
import { defineRule, plansOf, schoolYearRange, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { addDays } from '../dates.js';
import { DOC, xuequsOverlapping } from '../repo.js';
import { groupSubject } from './common.js';

/**
 * The filing deadline of a school year's plan. The document fixes only the first one (2019-01-25,
 * in the 2018-2019 year); we read later years as due on the same day of their school year, which
 * the `planDeadline` option (MM-DD) lets a bureau move. A 学区 formed after that day has
 * `newXuequPlanDays` from its formation, as the first 学区 had (formed by 2018-12-31, filed by 01-25).
 */
export function planDeadline(schoolYear: string, monthDay: string, formedOn: string, newXuequDays: number): string {
  const first = Number(schoolYear.slice(0, 4));
  const year = Number(monthDay.slice(0, 2)) >= 9 ? first : first + 1;
  const deadline = `${year}-${monthDay}`;
  return formedOn > deadline ? addDays(formedOn, newXuequDays) : deadline;
}

export const planFiled = defineRule<BeihaiOptions>({
  id: 'beihai.plan-filed',
  title: { zh: '学区年度工作计划按期报市教育局备案', en: 'the 学区’s yearly work plan is filed with the bureau by the deadline' },
  cite: { doc: DOC, clause: '六(二)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, today, options: o }) {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = await xuequsOverlapping(db, localityCode, start, end);
    const plans = await plansOf(db, groups.map((g) => g.id), 'WORK_PLAN', schoolYear);
    return groups.map((group): Finding => {
      const deadline = planDeadline(schoolYear, o.planDeadline, group.validFrom, o.newXuequPlanDays);
      const expected = { filedBy: deadline };
      if (group.validTo && group.validTo < deadline)
        return { status: 'NOT_APPLICABLE', measured: { dissolvedOn: group.validTo }, expected, subjects: [groupSubject(group)] };
      const filedOn = plans.filter((p) => p.groupId === group.id && p.filedOn).map((p) => p.filedOn!).sort()[0] ?? null;
      const status = filedOn ? (filedOn <= deadline ? 'PASS' : 'FAIL') : today > deadline ? 'FAIL' : 'WARN';
      return {
        status,
        measured: { filedOn },
        expected,
        subjects: [groupSubject(group)],
        message:
          status === 'PASS'
            ? undefined
            : status === 'WARN'
              ? { zh: `工作计划尚未报备，截止 ${deadline}`, en: `the work plan is not filed yet; due by ${deadline}` }
              : filedOn
                ? { zh: `工作计划于 ${filedOn} 报备，晚于 ${deadline}`, en: `the work plan was filed on ${filedOn}, after ${deadline}` }
                : { zh: `工作计划未在 ${deadline} 前报备`, en: `no work plan filed by ${deadline}` },
      };
    });
  },
});
