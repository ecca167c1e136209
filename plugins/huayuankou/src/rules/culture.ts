import { defineRule, groupSubject, schoolYearRange, type Finding, type Subject } from '@gongzhi/core';
import type { HuayuankouOptions } from '../options.js';
import { DOC, TEACHING_POINT_TYPE } from '../domain.js';
import { brandsOf, schoolsByCode, specialitiesOf } from '../repo.js';
import { districtsInYear } from './common.js';

/**
 * 三(五)4: "一校一特色、一学区一品牌". Every school that was a member during the year records at least
 * `minSpecialitiesPerSchool` specialities in force during the year. Teaching points are judged only
 * when the locality says so (NOT_APPLICABLE otherwise). The 学区 brand, the second half of the same
 * sentence, is huayuankou.district-brand.
 */
export const oneSpecialityPerSchool = defineRule<HuayuankouOptions>({
  id: 'huayuankou.one-speciality-per-school',
  title: { zh: '一校一特色：每所成员学校至少有一项特色', en: 'every member school records at least one speciality' },
  cite: { doc: DOC, clause: '三(五)4' },
  enforce: 'report',
  appliesTo: ['School', 'SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, options }) {
    const { groups, members } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const codes = [...new Set([...members.values()].flat().map((m) => m.schoolCode))];
    const schools = await schoolsByCode(db, codes);
    const specs = await specialitiesOf(db, codes, start, end);
    const expected = { min: options.minSpecialitiesPerSchool, teachingPointsIncluded: options.teachingPointsHaveSpecialities };
    const findings: Finding[] = [];
    for (const g of groups) {
      for (const code of new Set(members.get(g.id)!.map((m) => m.schoolCode))) {
        const s = schools.get(code)!;
        const subjects: Subject[] = [{ type: 'School', key: s.code, name: s.name }, groupSubject(g)];
        if (s.schoolType === TEACHING_POINT_TYPE && !options.teachingPointsHaveSpecialities) {
          findings.push({ status: 'NOT_APPLICABLE', expected, subjects, message: { zh: '教学点不单独要求特色', en: 'teaching points are not asked for a speciality here' } });
          continue;
        }
        const names = specs.filter((x) => x.schoolCode === code).map((x) => x.name);
        const ok = names.length >= options.minSpecialitiesPerSchool;
        findings.push({
          status: ok ? 'PASS' : 'FAIL',
          measured: { count: names.length, specialities: names },
          expected,
          subjects,
          message: ok
            ? undefined
            : { zh: `${s.name} 有 ${names.length} 项特色，应至少 ${options.minSpecialitiesPerSchool} 项`, en: `${s.name} records ${names.length} specialities; at least ${options.minSpecialitiesPerSchool} expected` },
        });
      }
    }
    return findings;
  },
});

/**
 * 三(五)4: "形成'一校一特色、一学区一品牌'的良好育人环境" — the 学区 has a brand of its own. Each 学区 in force
 * during the year had a brand in force on some day of it (brands are dated: a new one ends the one
 * before, and a past year keeps the brand it had); the finding names the latest. A 学区 with no brand
 * in force in the year FAILs: "一学区一品牌" is stated as the outcome the measures form, and a 学区
 * that has none shows nothing of it.
 */
export const districtBrand = defineRule<HuayuankouOptions>({
  id: 'huayuankou.district-brand',
  title: { zh: '一学区一品牌：学区有本学年的学区品牌', en: 'the 学区 has a brand in force in the year (一学区一品牌)' },
  cite: { doc: DOC, clause: '三(五)4' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear }) {
    const { groups } = await districtsInYear(db, localityCode, schoolYear);
    const { start, end } = schoolYearRange(schoolYear);
    const brands = await brandsOf(db, groups.map((g) => g.id));
    return groups.map((g): Finding => {
      // The brand the 学区 had in the year (the latest, if it changed): past years keep theirs.
      const inYear = brands.filter((b) => b.groupId === g.id && b.validFrom <= end && (b.validTo === null || b.validTo >= start));
      const brand = inYear.at(-1);
      return {
        status: brand ? 'PASS' : 'FAIL',
        measured: { brand: brand?.name ?? null, validFrom: brand?.validFrom ?? null, validTo: brand?.validTo ?? null, brandsInYear: inYear.map((b) => b.name) },
        expected: { brandInForceInYear: true },
        subjects: [groupSubject(g)],
        message: brand ? undefined : { zh: `${g.name} ${schoolYear} 学年没有学区品牌（一学区一品牌）`, en: `${g.name} had no 学区 brand in force in ${schoolYear} (一学区一品牌)` },
      };
    });
  },
});
