/**
 * 一(二)1(2): 统筹……七大要素，划分八大学区 — the district's schools are divided into the 学区
 * (eight, by the report), and each school is in one (a school in two is refused by
 * weicheng.one-xuequ-per-school, core's capability).
 */
import { defineRule, isInForce, referenceDate, schoolSubject, type Finding } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC } from '../domain.js';
import { districtSchoolsFact, yearXuequs } from './common.js';

export const districtCoverage = defineRule<WeichengOptions>({
  id: 'weicheng.district-coverage',
  title: { zh: '全区学校划入学区（八大学区），每所学校属于一个学区', en: 'the district’s schools are divided into the 学区 (eight, by the report), each school in one' },
  cite: { doc: DOC, clause: '一(二)1(2)' },
  enforce: 'report',
  appliesTo: ['School', 'Locality'],
  async evaluate({ localityCode, schoolYear, today, options: o, facts }) {
    const on = referenceDate(schoolYear, today);
    const [{ groups, members }, schools] = await Promise.all([yearXuequs(facts), districtSchoolsFact(facts, o.coveredStages)]);
    const standing = groups.filter((g) => isInForce(g, on));
    const xuequOf = new Map<string, { groupId: string; name: string }>();
    for (const g of standing) for (const m of members.get(g.id) ?? []) if (isInForce(m, on)) xuequOf.set(m.schoolCode, { groupId: g.id, name: g.name });
    const out: Finding[] = [];
    // The division as a whole: how many 学区 stand on the day (the report: eight).
    const count = { xuequs: standing.length, on, names: standing.map((g) => g.name) };
    if (o.xuequCount === null) out.push({ status: 'NOT_APPLICABLE', measured: count, expected: { xuequs: null }, subjects: [{ type: 'Locality', key: localityCode }] });
    else
      out.push({
        status: standing.length === o.xuequCount ? 'PASS' : 'FAIL',
        measured: count,
        expected: { xuequs: o.xuequCount },
        subjects: [{ type: 'Locality', key: localityCode }],
        message: standing.length === o.xuequCount ? undefined : { zh: `${on} 全区有 ${standing.length} 个学区，应为 ${o.xuequCount} 个`, en: `the district has ${standing.length} 学区 on ${on}; it is divided into ${o.xuequCount}` },
      });
    for (const s of schools) {
      const x = xuequOf.get(s.code);
      out.push({
        status: x ? 'PASS' : 'FAIL',
        measured: { on, xuequ: x ?? null },
        expected: { inXuequ: true },
        subjects: [schoolSubject(s)],
        message: x ? undefined : { zh: `学校「${s.name}」在 ${on} 未划入任何学区`, en: `school ${s.code} (${s.name}) is in no 学区 on ${on}` },
      });
    }
    return out;
  },
});
