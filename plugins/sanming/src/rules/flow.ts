/**
 * 四(一)3 骨干教师流动机制: "总校至少派出校级、中层领导各1名，市级骨干教师2~3名到成员学校任职任教，成员
 * 学校派出相应人员到总校交流任职任教" — counted as people serving at the other school in the school
 * year (a post there during an exchange that overlaps the year), not as dispatch events. Per member:
 * the catalogue's and the reading of 到成员学校.
 */
import { defineRule, type Finding } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { countsOf, DOC, flowsOf, type Flow } from '../repo.js';
import { groupSubject, schoolSubject, schoolsInYear, zongxiaoInYear } from './common.js';
import type { ReportFacts } from '@gongzhi/core';

function flowsInYear(facts: ReportFacts, o: SanmingOptions): Promise<Flow[]> {
  const settings = { backboneMinLevel: o.flowBackboneMinLevel, exchangeKinds: o.flowExchangeKinds };
  return facts.shared(`sanming.flows:${JSON.stringify(settings)}`, async (db) => flowsOf(db, await zongxiaoInYear(facts), facts.schoolYear, settings));
}

const KIND_WORDS = {
  SCHOOL_LEADER: { zh: '校级领导', en: 'school-level leader' },
  MIDDLE_LEADER: { zh: '中层领导', en: 'middle-level leader' },
  BACKBONE_TEACHER: { zh: '市级骨干教师', en: 'city-level backbone teacher' },
} as const;

function missingWords(counts: Record<keyof typeof KIND_WORDS, number>, expected: Record<keyof typeof KIND_WORDS, number>) {
  const zh: string[] = [];
  const en: string[] = [];
  const missing: { kind: string; count: number }[] = [];
  for (const k of Object.keys(KIND_WORDS) as (keyof typeof KIND_WORDS)[]) {
    const short = expected[k] - counts[k];
    if (short <= 0) continue;
    missing.push({ kind: k, count: short });
    const more = counts[k] > 0;
    zh.push(`${more ? '还差' : '缺'} ${short} 名${KIND_WORDS[k].zh}`);
    en.push(short === 1 ? (more ? `a ${k === 'BACKBONE_TEACHER' ? 'second' : 'further'} ${KIND_WORDS[k].en}` : `a ${KIND_WORDS[k].en}`) : `${short} ${more ? 'more ' : ''}${KIND_WORDS[k].en}s`);
  }
  return { missing, zh: zh.join('、'), en: en.join(' and ') };
}

export const backboneFlowOut = defineRule<SanmingOptions>({
  id: 'sanming.backbone-flow-out',
  title: { zh: '总校每学年至少有校级、中层领导各1名，市级骨干教师2~3名在每所成员学校任职任教', en: 'in a school year the lead has ≥ 1 school-level leader, ≥ 1 middle-level leader and 2–3 city-level backbone teachers serving at each member' },
  cite: { doc: DOC, clause: '四(一)3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'School'],
  async evaluate({ facts, options: o }) {
    const flows = (await flowsInYear(facts, o)).filter((f) => f.direction === 'OUT');
    const schools = await schoolsInYear(facts);
    const groups = new Map((await zongxiaoInYear(facts)).map((z) => [z.group.id, z.group]));
    const expected = { SCHOOL_LEADER: o.flowSchoolLeadersMin, MIDDLE_LEADER: o.flowMiddleLeadersMin, BACKBONE_TEACHER: o.flowBackboneTeachersMin };
    return flows.map((f): Finding => {
      const group = groups.get(f.groupId)!;
      const school = schools.get(f.memberSchoolCode)!;
      const counts = countsOf(f);
      const subjects = [groupSubject(group), schoolSubject(school)];
      const measured = { schoolLeaders: counts.SCHOOL_LEADER, middleLeaders: counts.MIDDLE_LEADER, backboneTeachers: counts.BACKBONE_TEACHER, people: f.people.map((p) => ({ personId: p.personId, kind: p.kind })) };
      const exp = { schoolLeaders: expected.SCHOOL_LEADER, middleLeaders: expected.MIDDLE_LEADER, backboneTeachers: { min: expected.BACKBONE_TEACHER, warnAbove: o.flowBackboneTeachersWarnAbove } };
      const m = missingWords(counts, expected);
      if (m.missing.length)
        return {
          status: 'FAIL',
          measured: { ...measured, missing: m.missing },
          expected: exp,
          subjects,
          message: { zh: `总校在${school.name}任职任教的人员${m.zh}`, en: `the lead has too few people serving at ${school.code}: missing ${m.en}` },
        };
      if (o.flowBackboneTeachersWarnAbove !== null && counts.BACKBONE_TEACHER > o.flowBackboneTeachersWarnAbove)
        return {
          status: 'WARN',
          measured,
          expected: exp,
          subjects,
          message: { zh: `在${school.name}任教的市级骨干教师 ${counts.BACKBONE_TEACHER} 名，多于文件所说的 2~3 名`, en: `${counts.BACKBONE_TEACHER} city-level backbone teachers serve at ${school.code}, more than the document’s 2–3` },
        };
      return { status: 'PASS', measured, expected: exp, subjects };
    });
  },
});

export const backboneFlowBack = defineRule<SanmingOptions>({
  id: 'sanming.backbone-flow-back',
  title: { zh: '成员学校派出相应人员到总校交流任职任教（总量不变）', en: 'each member sends the lead staff of the same kinds and numbers (相应人员, 总量不变)' },
  cite: { doc: DOC, clause: '四(一)3' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'School'],
  async evaluate({ facts, options: o }) {
    const flows = await flowsInYear(facts, o);
    const schools = await schoolsInYear(facts);
    const groups = new Map((await zongxiaoInYear(facts)).map((z) => [z.group.id, z.group]));
    return flows
      .filter((f) => f.direction === 'BACK')
      .map((back): Finding => {
        const out = flows.find((f) => f.direction === 'OUT' && f.groupId === back.groupId && f.memberSchoolCode === back.memberSchoolCode)!;
        const sent = countsOf(out);
        const got = countsOf(back);
        // 相应人员: as many of each kind as the lead has serving there, and at least the document's numbers.
        const expected = {
          SCHOOL_LEADER: Math.max(sent.SCHOOL_LEADER, o.flowSchoolLeadersMin),
          MIDDLE_LEADER: Math.max(sent.MIDDLE_LEADER, o.flowMiddleLeadersMin),
          BACKBONE_TEACHER: Math.max(sent.BACKBONE_TEACHER, o.flowBackboneTeachersMin),
        };
        const group = groups.get(back.groupId)!;
        const school = schools.get(back.memberSchoolCode)!;
        const subjects = [groupSubject(group), schoolSubject(school)];
        const measured = { schoolLeaders: got.SCHOOL_LEADER, middleLeaders: got.MIDDLE_LEADER, backboneTeachers: got.BACKBONE_TEACHER, fromLead: { schoolLeaders: sent.SCHOOL_LEADER, middleLeaders: sent.MIDDLE_LEADER, backboneTeachers: sent.BACKBONE_TEACHER } };
        const exp = { schoolLeaders: expected.SCHOOL_LEADER, middleLeaders: expected.MIDDLE_LEADER, backboneTeachers: expected.BACKBONE_TEACHER };
        const m = missingWords(got, expected);
        if (m.missing.length)
          return { status: 'FAIL', measured: { ...measured, missing: m.missing }, expected: exp, subjects, message: { zh: `${school.name}在总校任职任教的人员${m.zh}`, en: `${school.code} has too few people serving at the lead: missing ${m.en}` } };
        const total = got.SCHOOL_LEADER + got.MIDDLE_LEADER + got.BACKBONE_TEACHER;
        const totalSent = sent.SCHOOL_LEADER + sent.MIDDLE_LEADER + sent.BACKBONE_TEACHER;
        if (total > totalSent)
          return { status: 'WARN', measured, expected: exp, subjects, message: { zh: `${school.name}派往总校 ${total} 人，多于总校派来的 ${totalSent} 人（总量不变）`, en: `${school.code} sends ${total} people to the lead but receives ${totalSent} (总量不变: totals unchanged)` } };
        return { status: 'PASS', measured, expected: exp, subjects };
      });
  },
});
