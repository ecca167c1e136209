import { defineRule, groupSubject, schoolYearRange, type Finding } from '@gongzhi/core';
import type { HuayuankouOptions } from '../options.js';
import { DOC, INTEGRATION_KEYS, INTEGRATIONS, SETTLED_STATUSES, type IntegrationStatus } from '../domain.js';
import { integrationTargetsOf } from '../repo.js';
import { districtsInYear } from './common.js';

/**
 * 三（目标任务）: the ten integrations are the 学区's targets ("实现'十个一体'目标"). Each 学区 in force
 * during the year records, for that year, a target and a status for all ten: a missing one fails.
 * No paper compliance: a target recorded as NOT_ACHIEVED is a target missed, so it FAILs, naming the
 * integration — in a running year too, since NOT_ACHIEVED is the year's outcome ("未实现"), not
 * "not yet" (that is IN_PROGRESS). A year that is over must end with every status settled: one still
 * PLANNED or IN_PROGRESS after 31 August FAILs as well (a bureau reads "yearly status" as the year's
 * outcome, and an open one proves nothing), unless the locality turns that check off.
 */
export const integrationTargets = defineRule<HuayuankouOptions>({
  id: 'huayuankou.integration-targets',
  title: { zh: '“十个一体”每项均有年度目标和完成状态，且未标为未实现、学年结束时已确定', en: 'each of the ten integrations has a target and a yearly status, none NOT_ACHIEVED and all settled once the year is over' },
  cite: { doc: DOC, clause: '三（目标任务）' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, options, today }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const rows = await integrationTargetsOf(db, groups.map((g) => g.id), schoolYear);
    const yearOver = today > schoolYearRange(schoolYear).end;
    const expected = { integrations: INTEGRATION_KEYS, status: 'ACHIEVED', settledStatusAfterYearEnd: options.requireSettledIntegrationStatus };
    return groups.map((g): Finding => {
      const mine = rows.filter((r) => r.groupId === g.id);
      const missing = INTEGRATION_KEYS.filter((k) => !mine.some((r) => r.integration === k));
      const unsettled = INTEGRATION_KEYS.filter((k) => mine.some((r) => r.integration === k && !SETTLED_STATUSES.includes(r.status as IntegrationStatus)));
      const notAchieved = INTEGRATION_KEYS.filter((k) => mine.some((r) => r.integration === k && r.status === 'NOT_ACHIEVED'));
      const measured = { recorded: mine.length, missing, unsettled, notAchieved };
      const title = (k: string) => INTEGRATIONS[k as keyof typeof INTEGRATIONS];
      if (missing.length)
        return {
          status: 'FAIL',
          measured,
          expected,
          subjects: [groupSubject(g)],
          message: {
            zh: `${g.name} ${schoolYear} 学年缺少目标：${missing.map((k) => INTEGRATIONS[k as keyof typeof INTEGRATIONS].zh).join('、')}`,
            en: `${g.name} has no ${schoolYear} target for: ${missing.join(', ')}`,
          },
        };
      const open = options.requireSettledIntegrationStatus && yearOver ? unsettled : [];
      if (notAchieved.length || open.length) {
        const zh = [notAchieved.length ? `未实现：${notAchieved.map((k) => title(k).zh).join('、')}` : '', open.length ? `学年已结束仍未确定完成情况：${open.map((k) => title(k).zh).join('、')}` : ''].filter(Boolean);
        const en = [notAchieved.length ? `not achieved: ${notAchieved.join(', ')}` : '', open.length ? `still open after the year ended: ${open.join(', ')}` : ''].filter(Boolean);
        return { status: 'FAIL', measured, expected, subjects: [groupSubject(g)], message: { zh: `${g.name} ${schoolYear} 学年“十个一体”${zh.join('；')}`, en: `${g.name}, ${schoolYear}: ${en.join('; ')}` } };
      }
      return { status: 'PASS', measured, expected, subjects: [groupSubject(g)] };
    });
  },
});
