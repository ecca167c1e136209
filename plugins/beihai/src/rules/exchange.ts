/** 五(二)5(4): 学区内每年轮岗交流人员不低于在职教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%. */
import { defineRule, measureExchangeRates, schoolYearRange, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, membershipsOverlapping, xuequsOverlapping } from '../repo.js';
import { groupSubject } from './common.js';

const EPS = 1e-9;

export const exchangeRate = defineRule<BeihaiOptions>({
  id: 'beihai.exchange-rate',
  title: {
    zh: '学区每年交流轮岗教师不低于在职教师总数的10%，其中骨干教师不低于交流教师的20%',
    en: 'each year a 学区 exchanges ≥ 10% of its teachers, backbone teachers ≥ 20% of those exchanged',
  },
  cite: { doc: DOC, clause: '五(二)5(4)' },
  enforce: 'report',
  // "原则上各学区内每年开展轮岗交流…不低于…10%": a bureau may except a 学区 for a year (recordRuleException).
  inPrinciple: true,
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, options: o }) {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = await xuequsOverlapping(db, localityCode, start, end);
    const members = await membershipsOverlapping(db, groups.map((g) => g.id), start, end);
    const expected = {
      minRate: o.exchangeRateMin,
      minBackboneShare: o.backboneShareMin,
      kinds: o.exchangeKinds,
      minYearsAtSchool: o.exchangeMinYearsAtSchool,
      maxAgeMale: o.exchangeMaxAgeMale,
      maxAgeFemale: o.exchangeMaxAgeFemale,
    };
    // The 学区's teachers are those of every school that was a member at some time in the year: the
    // base is 学区内所有在职教师总数 (no condition of years unless the locality sets one), and only
    // they count as exchanged — someone who teaches outside the 学区, or nowhere, cannot raise it.
    // 五(二)5(4) counts "轮岗交流、蹲点交流形式的人员" within the 学区 (options: exchangeKinds): other
    // kinds (跨校兼课, 支教) and exchanges leaving the 学区 do not count. All 学区 are measured at once.
    const filter = {
      kinds: o.exchangeKinds,
      withinSchools: true,
      eligibility: { minYearsAtSchool: o.exchangeMinYearsAtSchool, maxAgeMale: o.exchangeMaxAgeMale, maxAgeFemale: o.exchangeMaxAgeFemale },
    };
    const measures = await measureExchangeRates(
      db,
      groups.map((group) => ({ schoolCodes: [...new Set(members.filter((m) => m.groupId === group.id).map((m) => m.schoolCode))], filter })),
      schoolYear,
    );
    const out: Finding[] = [];
    for (const [i, group] of groups.entries()) {
      const m = measures[i]!;
      if (m.teachers === 0) {
        out.push({ status: 'NOT_APPLICABLE', measured: m, expected, subjects: [groupSubject(group)], message: { zh: '学区没有在职教师记录', en: 'no teachers recorded in the 学区' } });
        continue;
      }
      // Teachers, but none in the base the locality's conditions leave: no rate to judge.
      if (m.eligibleTeachers === 0) {
        out.push({
          status: 'WARN',
          measured: m,
          expected,
          subjects: [groupSubject(group)],
          message: { zh: `学区 ${m.teachers} 名教师均不符合计入条件（同校连续任教满 ${o.exchangeMinYearsAtSchool} 年、年龄上限），无法计算交流比例`, en: `none of the 学区’s ${m.teachers} teachers meets the base conditions (${o.exchangeMinYearsAtSchool} years at one school, age limits); the rate cannot be measured` },
        });
        continue;
      }
      const rateOk = m.exchanged + EPS >= o.exchangeRateMin * m.eligibleTeachers;
      const shareOk = m.backboneExchanged + EPS >= o.backboneShareMin * m.exchanged;
      const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
      // With base conditions set, the base is shown beside all the 学区's teachers.
      const base = m.eligibleTeachers === m.teachers ? { zh: '', en: '' } : { zh: `（计入基数；学区在职教师共 ${m.teachers} 名）`, en: ` (in the base; ${m.teachers} teachers in all)` };
      out.push({
        status: rateOk && shareOk ? 'PASS' : 'FAIL',
        measured: m,
        expected,
        subjects: [groupSubject(group)],
        message:
          rateOk && shareOk
            ? undefined
            : {
                zh: `学区「${group.name}」交流 ${m.exchanged}/${m.eligibleTeachers} 名教师${base.zh}（${pct(m.rate)}，应≥${pct(o.exchangeRateMin)}），其中骨干 ${m.backboneExchanged} 名（${pct(m.backboneShare)}，应≥${pct(o.backboneShareMin)}）`,
                en: `学区 “${group.name}” exchanged ${m.exchanged} of ${m.eligibleTeachers} teachers${base.en} (${pct(m.rate)}, needs ≥ ${pct(o.exchangeRateMin)}), ${m.backboneExchanged} of them backbone (${pct(m.backboneShare)}, needs ≥ ${pct(o.backboneShareMin)})`,
              },
      });
    }
    return out;
  },
});
