import { defineRule, groupSubject, type Finding } from '@gongzhi/core';
import type { HuayuankouOptions } from '../options.js';
import { DOC } from '../domain.js';
import { facilitiesOf, facilityUsesOf } from '../repo.js';
import { districtsInYear } from './common.js';

/**
 * 三(三)2: sports grounds, libraries and laboratories are "在学区内学校开放共享". Each shared facility in
 * force during the year lists the member schools that used it; it counts as shared when at least
 * `minOtherSchoolsUsingFacility` member schools other than its host did (the host's own use shows
 * nothing about sharing). A 学区 that records no shared facility in force in the year FAILs: the
 * clause asks for the sharing, and a 学区 with nothing recorded shows none (no paper compliance).
 */
export const facilitySharing = defineRule<HuayuankouOptions>({
  id: 'huayuankou.facility-sharing',
  title: { zh: '学区登记共享场所，每处列明本学年使用的其他成员学校', en: 'the 学区 records its shared facilities, each listing the other member schools that used it in the year' },
  cite: { doc: DOC, clause: '三(三)2' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'HuayuankouSharedFacility'],
  async evaluate({ db, localityCode, schoolYear, options }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const facilities = await facilitiesOf(db, groups.map((g) => g.id), schoolYear);
    const uses = await facilityUsesOf(db, facilities.map((f) => f.id), schoolYear);
    const expected = { minOtherSchools: options.minOtherSchoolsUsingFacility };
    const findings: Finding[] = [];
    for (const g of groups) {
      const mine = facilities.filter((f) => f.groupId === g.id);
      if (mine.length === 0)
        findings.push({
          status: 'FAIL',
          measured: { facilities: 0 },
          expected: { ...expected, facilities: { min: 1 } },
          subjects: [groupSubject(g)],
          message: { zh: `${g.name} ${schoolYear} 学年未登记共享场所（体育场馆、图书馆、实验室等开放共享）`, en: `${g.name} records no shared facility in ${schoolYear} (sports grounds, libraries, laboratories open to the member schools)` },
        });
      for (const f of mine) {
        const usedBy = uses.filter((u) => u.facilityId === f.id && u.sessions > 0).map((u) => u.schoolCode);
        const others = usedBy.filter((c) => c !== f.hostSchoolCode);
        const ok = others.length >= options.minOtherSchoolsUsingFacility;
        findings.push({
          status: ok ? 'PASS' : 'FAIL',
          measured: { usedBy, otherSchools: others.length },
          expected,
          subjects: [groupSubject(g), { type: 'HuayuankouSharedFacility', key: f.id, name: f.name }, { type: 'School', key: f.hostSchoolCode }],
          message: ok
            ? undefined
            : {
                zh: `${f.name} 本学年有 ${others.length} 所其他成员学校使用，应至少 ${options.minOtherSchoolsUsingFacility} 所`,
                en: `${f.name} was used by ${others.length} other member schools this year; at least ${options.minOtherSchoolsUsingFacility} expected`,
              },
        });
      }
    }
    return findings;
  },
});
