import { defineRule, groupsTouchedBy, groupSubject, type Finding, type Subject } from '@gongzhi/core';
import type { HuayuankouOptions } from '../options.js';
import { DISTRICT_KIND, DOC } from '../domain.js';
import { schoolsByCode } from '../repo.js';

/**
 * 三(一): "乡镇中心校 … 自身作为牵头学校与村小学、教学点组成学区" — the 学区 is formed "根据行政区域划分",
 * so every member lies in the central school's township. Checked on every write to a 学区 (its own
 * mutation and core's createSchoolGroup / addSchoolGroupMember / updateSchoolGroup), over the
 * whole membership history: a 学区 is one township's for all of its life. A 学区 without a central
 * school, or a school without a recorded township, cannot show that it belongs, so it fails too.
 * Also checked when a school changes (core's updateSchool moving it to another township or clearing
 * its township), and the 学区 itself must be recorded under that township: it is listed and
 * reported there.
 */
export const sameTownship = defineRule<HuayuankouOptions>({
  id: 'huayuankou.same-township',
  title: { zh: '中心校学区的成员学校均在中心校所在乡镇', en: 'members of a central-school 学区 lie in the central school’s township' },
  cite: { doc: DOC, clause: '三(一)' },
  enforce: 'write',
  appliesTo: ['SchoolGroup', 'GroupMembership', 'School'],
  async evaluate({ db, changes }) {
    // Core's helper: the 学区 a group, membership or school change touches (member or central school).
    const touched = await groupsTouchedBy(db, changes, DISTRICT_KIND);
    if (touched.length === 0) return [];
    const groups = touched.map((t) => t.group);
    const memberships = touched.flatMap((t) => t.members);
    const schools = await schoolsByCode(db, [...memberships.map((m) => m.schoolCode), ...groups.flatMap((g) => (g.leadSchoolCode ? [g.leadSchoolCode] : []))]);
    return groups.map((g): Finding => {
      const lead = g.leadSchoolCode ? schools.get(g.leadSchoolCode) : undefined;
      if (!lead?.townshipCode)
        return {
          status: 'FAIL',
          measured: { centralSchool: g.leadSchoolCode ?? null, township: null },
          expected: { centralSchoolWithTownship: true },
          subjects: [groupSubject(g)],
          message: lead
            ? { zh: `中心校 ${lead.name} 未登记所在乡镇`, en: `the central school ${lead.name} has no township recorded` }
            : { zh: '中心校学区须有中心校（牵头学校）', en: 'a central-school 学区 needs its central (lead) school' },
        };
      if (g.localityCode !== lead.townshipCode)
        return {
          status: 'FAIL',
          measured: { districtLocality: g.localityCode },
          expected: { townshipCode: lead.townshipCode },
          subjects: [groupSubject(g)],
          message: { zh: `学区「${g.name}」登记在 ${g.localityCode}，而中心校 ${lead.name} 在乡镇 ${lead.townshipCode}`, en: `学区 “${g.name}” is recorded under ${g.localityCode} but its central school ${lead.name} is in township ${lead.townshipCode}` },
        };
      const outside = [...new Set(memberships.filter((m) => m.groupId === g.id).map((m) => m.schoolCode))]
        .map((code) => schools.get(code)!)
        .filter((s) => s.townshipCode !== lead.townshipCode);
      return {
        status: outside.length ? 'FAIL' : 'PASS',
        measured: Object.fromEntries(outside.map((s) => [s.code, s.townshipCode])),
        expected: { townshipCode: lead.townshipCode },
        subjects: [groupSubject(g), ...outside.map((s): Subject => ({ type: 'School', key: s.code, name: s.name }))],
        message: outside.length
          ? {
              zh: `${outside.map((s) => `${s.name}（${s.townshipCode ?? '未登记乡镇'}）`).join('、')} 不在中心校 ${lead.name} 所在乡镇 ${lead.townshipCode}`,
              en: `${outside.map((s) => `${s.name} (${s.townshipCode ?? 'no township'})`).join(', ')} not in the central school ${lead.name}’s township ${lead.townshipCode}`,
            }
          : undefined,
      };
    });
  },
});
