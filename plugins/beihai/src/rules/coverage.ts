/** 六(一): 由市教育局划分学区，将所有市直属义务教育学校纳入学区管理. */
import { and, arrayOverlaps, eq, isNull } from 'drizzle-orm';
import { COMPULSORY_STAGES, defineRule, divisionLevel, inForceOn, schoolFilterSql, tables as core, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { DOC, XUEQU_KIND } from '../repo.js';
import { referenceDate } from './common.js';

export const allSchoolsCovered = defineRule<BeihaiOptions>({
  id: 'beihai.all-schools-covered',
  title: { zh: '所有市直属义务教育学校都纳入学区管理', en: 'every compulsory school run directly by the city bureau is in a 学区' },
  cite: { doc: DOC, clause: '六(一)' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode, schoolYear, today }) {
    const asOf = referenceDate(schoolYear, today);
    // 市直属: run by the city bureau itself (authority = the city's code), inside the locality
    // reported on; compulsory: teaching primary or junior grades (special-education and senior schools are out).
    const bureau = divisionLevel(localityCode) === 'PROVINCE' ? localityCode : `${localityCode.slice(0, 4)}00`;
    const schools = await db
      .select()
      .from(core.schools)
      .where(and(schoolFilterSql({ localityCode }), eq(core.schools.authorityCode, bureau), arrayOverlaps(core.schools.stages, [...COMPULSORY_STAGES])))
      .orderBy(core.schools.code);
    const covered = await db
      .select({ schoolCode: core.groupMembers.schoolCode, groupId: core.schoolGroups.id, name: core.schoolGroups.name })
      .from(core.groupMembers)
      .innerJoin(core.schoolGroups, eq(core.schoolGroups.id, core.groupMembers.groupId))
      .where(and(eq(core.schoolGroups.kind, XUEQU_KIND), isNull(core.schoolGroups.archivedAt), inForceOn(core.groupMembers.validFrom, core.groupMembers.validTo, asOf), inForceOn(core.schoolGroups.validFrom, core.schoolGroups.validTo, asOf)));
    return schools.map((s): Finding => {
      const x = covered.find((c) => c.schoolCode === s.code);
      return {
        status: x ? 'PASS' : 'FAIL',
        measured: { asOf, xuequ: x ? { groupId: x.groupId, name: x.name } : null },
        expected: { inXuequ: true },
        subjects: [{ type: 'School', key: s.code, name: s.name }],
        message: x ? undefined : { zh: `市直属学校「${s.name}」未纳入学区`, en: `city-run school ${s.code} is in no 学区` },
      };
    });
  },
});
