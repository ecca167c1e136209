import { describe, expect, it } from 'vitest';
import { assessSchool, assessValues, indicatorValues } from '../src/balance/school.js';
import { assessBalance } from '../src/balance/report.js';
import { exclusionOf, stageShare, tallyTeachers, type SchoolFacts, type StaffFact } from '../src/balance/facts.js';
import { isAboveRequiredQualification, isCountyBackbone, isPeOrArtsTeacher } from '../src/balance/staff.js';
import { INDICATORS } from '../src/balance/indicators.js';

const teacher = (over: Partial<StaffFact> = {}): StaffFact => ({ stage: null, qualification: 'BACHELOR', backboneLevel: 'NONE', subjects: ['语文'], ...over });
const many = (n: number, over: Partial<StaffFact> = {}) => Array.from({ length: n }, () => teacher(over));

/**
 * A 1000-pupil primary school that meets every primary threshold of 第六条 exactly:
 * 42 teachers above 中师 (4.2), 10 county backbone (1.0), 9 PE/arts (0.9), 4500 m² (4.5),
 * 7500 m² of ground (7.5), 2,000,000 yuan (2000), 23 classrooms (2.3).
 */
function primarySchool(over: Partial<NonNullable<SchoolFacts['stats']>> = {}, staff?: StaffFact[]): SchoolFacts {
  return {
    code: '2152990001',
    name: '示例小学',
    schoolType: '211',
    stages: ['PRIMARY'],
    countyCode: '520527',
    stats: {
      enrollmentKindergarten: 0,
      enrollmentPrimary: 1000,
      enrollmentJunior: 0,
      enrollmentSenior: 0,
      teachingAuxAreaM2: 4500,
      sportsGroundAreaM2: 7500,
      equipmentValueFen: 200_000_000,
      multimediaClassrooms: 23,
      ...over,
    },
    teachers: tallyTeachers(staff ?? [
      ...many(10, { backboneLevel: 'COUNTY' }),
      ...many(9, { subjects: ['体育'], qualification: 'ASSOCIATE' }),
      ...many(23, { qualification: 'MASTER' }),
      ...many(8, { qualification: 'SENIOR_SECONDARY' }),
    ]),
  };
}

describe('core.balance-school-indicators (教督〔2017〕6号 第六条): indicator values', () => {
  it('computes the seven values of a primary school, thresholds met exactly ("以上" includes the figure)', () => {
    const r = assessSchool(primarySchool(), 'PRIMARY');
    expect(r.values).toEqual({ L1: 4.2, L2: 1, L3: 0.9, L4: 4.5, L5: 7.5, L6: 2000, L7: 2.3 });
    expect(r.metCount).toBe(7);
    expect(r.passes).toBe(true);
    expect(r.indicators.every((i) => i.distance === 0 && i.ratio === 1)).toBe(true);
  });

  it('reads 高于规定学历 as 专科+ for primary (规定学历 中师) and 本科+ for junior (规定学历 专科)', () => {
    expect(isAboveRequiredQualification('SENIOR_SECONDARY', 'PRIMARY')).toBe(false);
    expect(isAboveRequiredQualification('ASSOCIATE', 'PRIMARY')).toBe(true);
    expect(isAboveRequiredQualification('ASSOCIATE', 'JUNIOR')).toBe(false);
    expect(isAboveRequiredQualification('BACHELOR', 'JUNIOR')).toBe(true);
    expect(isAboveRequiredQualification('DOCTORATE', 'JUNIOR')).toBe(true);
  });

  it('counts county-level-or-higher backbone teachers (school level does not count) and PE, music and fine-arts teachers', () => {
    expect(['SCHOOL', 'NONE'].map(isCountyBackbone)).toEqual([false, false]);
    expect(['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'].every(isCountyBackbone)).toBe(true);
    expect(isPeOrArtsTeacher(['音乐'])).toBe(true);
    expect(isPeOrArtsTeacher(['数学', '美术'])).toBe(true);
    expect(isPeOrArtsTeacher(['体育与健康'])).toBe(true);
    expect(isPeOrArtsTeacher(['信息技术'])).toBe(false);
  });
});

describe('core.balance-school-indicators (教督〔2017〕6号 第六条): at least 6 of 7, the rest at 85% or more', () => {
  it('fails a school meeting 6 of 7 whose seventh is at 84% of its threshold', () => {
    const r = assessSchool(primarySchool({ equipmentValueFen: 0.84 * 2000 * 1000 * 100 }), 'PRIMARY');
    expect(r.metCount).toBe(6);
    const l6 = r.indicators.find((i) => i.id === 'L6')!;
    expect(l6.isMet).toBe(false);
    expect(l6.ratio).toBeCloseTo(0.84, 10);
    expect(l6.distance).toBeCloseTo(-320, 6);
    expect(r.passes).toBe(false);
  });

  it('passes a school meeting 6 of 7 whose seventh is at 86% of its threshold', () => {
    const r = assessSchool(primarySchool({ equipmentValueFen: 0.86 * 2000 * 1000 * 100 }), 'PRIMARY');
    expect(r.metCount).toBe(6);
    expect(r.lowestRatio).toBeCloseTo(0.86, 10);
    expect(r.passes).toBe(true);
  });

  it('passes at exactly 85% and fails with only 5 of 7 met even when both misses are at 99%', () => {
    expect(assessSchool(primarySchool({ multimediaClassrooms: 0.85 * 23 }), 'PRIMARY').passes).toBe(true);
    const five = assessSchool(primarySchool({ teachingAuxAreaM2: 0.99 * 4500, sportsGroundAreaM2: 0.99 * 7500 }), 'PRIMARY');
    expect(five.metCount).toBe(5);
    expect(five.passes).toBe(false);
  });

  it('applies the junior thresholds to a junior school', () => {
    const v = { L1: 5.3, L2: 1, L3: 0.9, L4: 5.8, L5: 10.2, L6: 2500, L7: 2.4 };
    expect(assessValues(v, 'JUNIOR').passes).toBe(true);
    expect(assessValues({ ...v, L1: 4.2 }, 'JUNIOR').metCount).toBe(6);
    expect(assessValues({ ...v, L1: 4.2 }, 'JUNIOR').passes).toBe(false); // 4.2 / 5.3 = 79%
    expect(INDICATORS.L5.threshold.JUNIOR).toBe(10.2);
  });
});

describe('nine-year schools split by stage', () => {
  // 600 primary + 400 junior pupils: areas, equipment and classrooms split 60/40 by enrollment.
  const nineYear: SchoolFacts = {
    code: '2152990002',
    name: '示例九年一贯制学校',
    schoolType: '312',
    stages: ['PRIMARY', 'JUNIOR'],
    countyCode: '520527',
    stats: {
      enrollmentKindergarten: 0,
      enrollmentPrimary: 600,
      enrollmentJunior: 400,
      enrollmentSenior: 0,
      teachingAuxAreaM2: 6000,
      sportsGroundAreaM2: 9000,
      equipmentValueFen: 250_000_000,
      multimediaClassrooms: 25,
    },
    teachers: tallyTeachers([
      ...many(30, { stage: 'PRIMARY', qualification: 'ASSOCIATE' }),
      ...many(20, { stage: 'JUNIOR', qualification: 'BACHELOR', backboneLevel: 'CITY' }),
      ...many(5, { stage: 'JUNIOR', qualification: 'ASSOCIATE', subjects: ['音乐'] }),
      ...many(10, { stage: null, qualification: 'BACHELOR' }), // no recorded stage: split 6/4
    ]),
  };

  it('splits the areas, equipment and classrooms pro rata by stage enrollment', () => {
    expect(stageShare(nineYear, 'PRIMARY')).toBeCloseTo(0.6, 12);
    const p = indicatorValues(nineYear, 'PRIMARY');
    const j = indicatorValues(nineYear, 'JUNIOR');
    expect(p.students).toBe(600);
    expect(j.students).toBe(400);
    expect(p.values.L4).toBeCloseTo(6, 12); // 6000 × 0.6 / 600
    expect(j.values.L4).toBeCloseTo(6, 12); // 6000 × 0.4 / 400
    expect(p.values.L6).toBeCloseTo(2500, 9);
    expect(j.values.L7).toBeCloseTo(2.5, 12); // 100 × 25 × 0.4 / 400
  });

  it('counts staff by their post’s stage, and splits unstaged teachers by enrollment', () => {
    const p = indicatorValues(nineYear, 'PRIMARY');
    const j = indicatorValues(nineYear, 'JUNIOR');
    expect(p.teachers.all).toBeCloseTo(36, 12); // 30 + 10 × 0.6
    expect(j.teachers.all).toBeCloseTo(29, 12); // 20 + 5 + 10 × 0.4
    expect(p.values.L1).toBeCloseTo(6, 12); // (30 + 6) / 600 × 100
    // Junior: ASSOCIATE is the required qualification, not above it: 20 + 4 count.
    expect(j.values.L1).toBeCloseTo(6, 12); // (20 + 4) / 400 × 100
    expect(p.values.L2).toBe(0);
    expect(j.values.L2).toBeCloseTo(5, 12);
    expect(j.values.L3).toBeCloseTo(1.25, 12);
  });

  it('appears in both the primary and the junior assessment of a county', () => {
    expect(assessBalance([nineYear], 'PRIMARY').schools.map((s) => s.students)).toEqual([600]);
    expect(assessBalance([nineYear], 'JUNIOR').schools.map((s) => s.students)).toEqual([400]);
  });
});

describe('exclusions (特殊教育学校、职业学校及不足50人的教学点)', () => {
  const point = (pupils: number): SchoolFacts => ({
    ...primarySchool({ enrollmentPrimary: pupils, teachingAuxAreaM2: 300 }),
    code: '2152990003',
    schoolType: '218',
    teachers: tallyTeachers(many(3)),
  });

  it('excludes a teaching point with 49 pupils and assesses one with 50', () => {
    expect(exclusionOf(point(49), 'PRIMARY')).toBe('SMALL_TEACHING_POINT');
    expect(exclusionOf(point(50), 'PRIMARY')).toBeNull();
    const r = assessBalance([primarySchool(), point(49)], 'PRIMARY');
    expect(r.schools.map((s) => s.code)).toEqual(['2152990001']);
    expect(r.excluded).toEqual([expect.objectContaining({ code: '2152990003', reason: 'SMALL_TEACHING_POINT', students: 49 })]);
    // The excluded point does not weigh in the CV: the single assessed school has CV 0.
    expect(r.indicators.every((i) => i.cv === 0)).toBe(true);
  });

  it('excludes special-education and vocational schools, and schools without statistics', () => {
    expect(exclusionOf({ ...primarySchool(), schoolType: '511', stages: ['SPECIAL'] }, 'PRIMARY')).toBe('SPECIAL_EDUCATION');
    expect(exclusionOf({ ...primarySchool(), schoolType: '361', stages: ['VOCATIONAL'] }, 'JUNIOR')).toBe('VOCATIONAL');
    expect(exclusionOf({ ...primarySchool(), stats: null }, 'PRIMARY')).toBe('NO_STATISTICS');
    expect(exclusionOf(primarySchool(), 'JUNIOR')).toBeUndefined(); // not its stage: neither assessed nor excluded
  });
});

describe('core.balance-cv (教督〔2017〕6号 第六条): county figures', () => {
  it('weights each school by its pupils and flags a CV above 0.50 for primary', () => {
    const big = primarySchool();
    const small: SchoolFacts = { ...primarySchool({ enrollmentPrimary: 100, teachingAuxAreaM2: 2000 }), code: '2152990009' };
    const r = assessBalance([big, small], 'PRIMARY');
    const l4 = r.indicators.find((i) => i.id === 'L4')!;
    // X̄ = (4500 + 2000) / 1100; the small school has 20 m² per pupil.
    expect(l4.overallValue).toBeCloseTo(6500 / 1100, 12);
    expect(l4.cv).toBeGreaterThan(0.5);
    expect(l4.isCvWithinLimit).toBe(false);
    expect(l4.contributions[0]!.key).toBe('2152990009');
    expect(r.isBalanced).toBe(false);
  });
});
