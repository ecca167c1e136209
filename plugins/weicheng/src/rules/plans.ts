/**
 * 一(二)1(3): 各学区统筹考虑教育资源、课程建设、教学研究、文化建设、教师资源、招生培养，制定中长期发展规划;
 * 二(三): 学区内制定统一章程、发展规划. Each 学区 has a charter and a current development plan that
 * covers the six elements; the finding names what is missing.
 */
import { defineRule, type Finding } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC, PLAN_ELEMENT_KEYS, PLAN_ELEMENTS } from '../domain.js';
import { planElementsOf, standingDocument, standingPlansOf } from '../repo.js';
import { groupSubject, judgedOn, yearXuequs } from './common.js';

export const charterAndPlan = defineRule<WeichengOptions>({
  id: 'weicheng.charter-and-plan',
  title: { zh: '学区有统一章程和覆盖六要素的现行中长期发展规划', en: 'each 学区 has a charter and a current development plan covering the six elements' },
  cite: { doc: DOC, clause: '一(二)1(3), 二(三)' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ schoolYear, today, facts }) {
    const { groups } = await yearXuequs(facts);
    const standing = await facts.shared('weicheng.standingPlans', (db) => standingPlansOf(db, groups.map((g) => g.id)));
    const elements = await facts.shared('weicheng.planElements', (db) => planElementsOf(db, standing.filter((p) => p.kind === 'DEVELOPMENT_PLAN').map((p) => p.id)));
    return groups.map((group): Finding => {
      const on = judgedOn(group, schoolYear, today);
      const mine = standing.filter((p) => p.groupId === group.id);
      const charter = standingDocument(mine, 'CHARTER', on);
      const plan = standingDocument(mine, 'DEVELOPMENT_PLAN', on);
      // No paper compliance: an element counts only with something said about it.
      const covered = plan ? elements.filter((e) => e.planId === plan.id && e.content.trim()).map((e) => e.element) : [];
      const missingElements = plan ? PLAN_ELEMENT_KEYS.filter((k) => !covered.includes(k)) : PLAN_ELEMENT_KEYS;
      const measured = {
        on,
        charter: charter ? { planId: charter.id, title: charter.title } : null,
        developmentPlan: plan ? { planId: plan.id, title: plan.title, validFrom: plan.validFrom, validTo: plan.validTo } : null,
        missingElements,
      };
      const expected = { charter: true, developmentPlan: true, elements: PLAN_ELEMENT_KEYS };
      if (charter && plan && missingElements.length === 0) return { status: 'PASS', measured, expected, subjects: [groupSubject(group)] };
      const zh: string[] = [];
      const en: string[] = [];
      if (!charter) zh.push('没有章程'), en.push('no charter');
      if (!plan) zh.push('没有现行的中长期发展规划'), en.push('no current development plan');
      else if (missingElements.length) zh.push(`发展规划缺少：${missingElements.map((k) => PLAN_ELEMENTS[k].zh).join('、')}`), en.push(`the development plan leaves out: ${missingElements.map((k) => PLAN_ELEMENTS[k].en).join(', ')}`);
      return { status: 'FAIL', measured, expected, subjects: [groupSubject(group)], message: { zh: `学区「${group.name}」${zh.join('；')}`, en: `学区 “${group.name}”: ${en.join('; ')}` } };
    });
  },
});
