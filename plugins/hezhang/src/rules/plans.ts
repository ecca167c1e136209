/** 【示例】文件 一: 各校于每学年开学后规定日数内报送学年工作计划. */
import { addDays, defineRule, schoolFilterSql, schoolSubject, schoolYearRange, tables as core, type Finding } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';
import { DOC, plansFor } from '../repo.js';

export const planFiled = defineRule<HezhangOptions>({
  id: 'hezhang.plan-filed',
  title: { zh: '各校按时报送学年工作计划', en: 'each school files its plan for the school year on time' },
  cite: { doc: DOC, clause: '一' },
  enforce: 'report',
  appliesTo: ['School'],
  // A report rule gets the locality reported on, its options (overrides applied), the school year and today.
  async evaluate({ db, localityCode, options, schoolYear }): Promise<Finding[]> {
    const schools = await db.select().from(core.schools).where(schoolFilterSql({ localityCode }));
    const plans = await plansFor(db, schools.map((s) => s.code), schoolYear);
    const dueBy = addDays(schoolYearRange(schoolYear).start, options.planDueDays);
    return schools.map((s) => {
      const plan = plans.get(s.code);
      const onTime = !!plan && plan.filedOn <= dueBy;
      return {
        status: onTime ? 'PASS' : 'FAIL',
        measured: { filedOn: plan?.filedOn ?? null },
        expected: { dueBy },
        subjects: [schoolSubject(s)],
        message: onTime
          ? undefined
          : plan
            ? { zh: `${s.name} 于 ${plan.filedOn} 报送计划，晚于 ${dueBy}`, en: `${s.name} filed its plan on ${plan.filedOn}, after ${dueBy}` }
            : { zh: `${s.name} 未报送 ${schoolYear} 学年工作计划（应于 ${dueBy} 前）`, en: `${s.name} has filed no plan for ${schoolYear} (due by ${dueBy})` },
      };
    });
  },
});
