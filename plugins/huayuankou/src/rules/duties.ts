import { defineRule, groupSubject, schoolYearRange, type Finding, type Subject } from '@gongzhi/core';
import type { HuayuankouOptions } from '../options.js';
import { DOC, DUTY_ROLES, ROLES, type Duty } from '../domain.js';
import { groupPostsOf } from '../repo.js';
import { districtsInYear } from './common.js';

const dutyTitle = (d: Duty) => ROLES.find((r) => r.id === DUTY_ROLES[d])!.title;

/**
 * 三(五)2 and 三(五)3: teaching research is led by the central school's 辅导站站长, moral education by
 * its 德育专干. Each 学区 in force during the year has both duties held, by someone, on some day of
 * the year (a bureau asks whether the duty was filled that year, not whether it never fell vacant).
 */
export const namedDuties = defineRule<HuayuankouOptions>({
  id: 'huayuankou.named-duties',
  title: { zh: '中心校设辅导站站长和德育专干', en: 'a 辅导站站长 and a 德育专干 are appointed' },
  cite: { doc: DOC, clause: '三(五)2、3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'Person'],
  async evaluate({ db, localityCode, schoolYear }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const held = await groupPostsOf(db, groups.map((g) => g.id), Object.values(DUTY_ROLES), start, end);
    const duties = Object.keys(DUTY_ROLES) as Duty[];
    return groups.map((g): Finding => {
      const mine = held.filter((h) => h.post.groupId === g.id);
      const measured = Object.fromEntries(duties.map((d) => [d, [...new Set(mine.filter((h) => h.post.role === DUTY_ROLES[d]).map((h) => h.personName))]]));
      const vacant = duties.filter((d) => measured[d]!.length === 0);
      return {
        status: vacant.length ? 'FAIL' : 'PASS',
        measured,
        expected: { duties },
        subjects: [groupSubject(g), ...mine.map((h): Subject => ({ type: 'Person', key: h.post.personId, name: h.personName }))],
        message: vacant.length
          ? {
              zh: `${g.name} ${schoolYear} 学年未任命：${vacant.map((d) => dutyTitle(d).zh).join('、')}`,
              en: `${g.name} had no ${vacant.map((d) => dutyTitle(d).en).join(' and no ')} in ${schoolYear}`,
            }
          : undefined,
      };
    });
  },
});
