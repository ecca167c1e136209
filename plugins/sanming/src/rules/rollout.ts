/**
 * 五(二) "梅列、三元两区…2018年，在区属学校探索开展总校制办学改革"; 六(一) "三元区、梅列区要参照本意见，
 * 抓紧制定本区组建总校的实施方案". The catalogue reads "each district formed its own 总校 by the end of
 * 2018" as a hard requirement; the source frames forming them as 探索 (explore): a district without
 * one by the deadline is a WARN, while the implementation plan the source requires (制定…实施方案) is
 * a FAIL when missing (the source wins; a test says so). The districts are those of the city as of
 * the deadline — dated locality history: 梅列区 350402 and 三元区 350403 merged into 三元区 350404 in
 * 2021, and the rule still asks about the two districts of 2018.
 */
import { and, eq, inArray, like, lte } from 'drizzle-orm';
import { defineRule, divisionLevel, localityInForce, schoolYearRange, tables as core, type Finding, type LocalityRow } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { DOC, KIND } from '../repo.js';
import { districtPlans, zongxiaoProfiles } from '../tables.js';

export const districtRollout = defineRule<SanmingOptions>({
  id: 'sanming.district-rollout',
  title: { zh: '梅列、三元两区制定实施方案并于2018年组建区级总校', en: 'each district adopts its plan and forms its own 总校 by the end of 2018' },
  cite: { doc: DOC, clause: '五(二), 六(一)' },
  enforce: 'report',
  appliesTo: ['Locality'],
  async evaluate({ db, localityCode, schoolYear, options: o }) {
    const deadline = o.districtRolloutDeadline;
    if (schoolYearRange(schoolYear).end < deadline) return [{ status: 'NOT_APPLICABLE', measured: { deadline }, message: { zh: `区级总校的期限是 ${deadline}`, en: `district 总校 are due by ${deadline}` } }];
    const city = `${localityCode.slice(0, 4)}00`;
    const level = divisionLevel(localityCode);
    // The districts of the city on the deadline; a district asked about today answers through those it took over.
    const all: LocalityRow[] = await db.select().from(core.localities).where(and(like(core.localities.code, `${city.slice(0, 4)}%`), eq(core.localities.level, 'COUNTY')));
    // xx01 市辖区 stands for a city's districts together (GB/T 2260), not a district of its own.
    const then = all.filter((l) => localityInForce(l, deadline) && l.name.endsWith('区') && !l.code.endsWith('01'));
    const asked = level === 'COUNTY' ? then.filter((l) => l.code === localityCode || l.successorCode === localityCode) : level === 'CITY' || level === 'PROVINCE' ? then : [];
    if (asked.length === 0) return [];
    const codes = asked.map((l) => l.code);
    const plans = await db.select().from(districtPlans).where(and(inArray(districtPlans.localityCode, codes), lte(districtPlans.adoptedOn, deadline)));
    const formed = await db
      .select({ group: core.schoolGroups })
      .from(core.schoolGroups)
      .innerJoin(zongxiaoProfiles, eq(zongxiaoProfiles.groupId, core.schoolGroups.id))
      .where(and(eq(core.schoolGroups.kind, KIND), inArray(core.schoolGroups.localityCode, codes), eq(zongxiaoProfiles.level, 'DISTRICT'), lte(core.schoolGroups.validFrom, deadline)));
    return asked.map((d): Finding => {
      const plan = plans.find((p) => p.localityCode === d.code);
      const groups = formed.filter((g) => g.group.localityCode === d.code && !g.group.archivedAt).map((g) => g.group.name);
      const subjects = [{ type: 'Locality', key: d.code, name: d.name }];
      const measured = { district: d.code, plan: plan?.title ?? null, zongxiao: groups, deadline };
      const expected = { plan: true, districtZongxiao: '≥ 1 by the deadline (探索)' };
      if (!plan) return { status: 'FAIL', measured, expected, subjects, message: { zh: `${d.name}未在 ${deadline} 前制定本区组建总校的实施方案`, en: `${d.name} adopted no plan for its own 总校 by ${deadline}` } };
      if (groups.length === 0) return { status: 'WARN', measured, expected, subjects, message: { zh: `${d.name}在 ${deadline} 前未组建区级总校（文件为“探索开展”）`, en: `${d.name} formed no district 总校 by ${deadline} (the document says “explore”)` } };
      return { status: 'PASS', measured, expected, subjects };
    });
  },
});
