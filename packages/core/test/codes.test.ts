import { describe, expect, it } from 'vitest';
import {
  divisionAncestors,
  divisionCovers,
  divisionLevel,
  divisionParent,
  isDivisionCode,
  isIsoDate,
  isSchoolCode,
  isSchoolYear,
  schoolCodeWarnings,
  schoolYearOf,
  schoolYearRange,
} from '../src/codes.js';

describe('division codes (GB/T 2260)', () => {
  it('derive level and parent from the code', () => {
    expect(divisionLevel('450000')).toBe('PROVINCE');
    expect(divisionLevel('450500')).toBe('CITY');
    expect(divisionLevel('450502')).toBe('COUNTY');
    expect(divisionLevel('410108101')).toBe('TOWNSHIP');
    expect(divisionParent('410108101')).toBe('410108');
    expect(divisionAncestors('410108101')).toEqual(['410108101', '410108', '410100', '410000']);
  });
  it('a province covers its cities, counties and townships, and nothing else', () => {
    expect(divisionCovers('450000', '450502')).toBe(true);
    expect(divisionCovers('450500', '450502')).toBe(true);
    expect(divisionCovers('450502', '450500')).toBe(false);
    expect(divisionCovers('450000', '410108')).toBe(false);
  });
  it('reject malformed codes', () => {
    for (const bad of ['4505', '45050a', '000000', '450023', '410108000', '4501081011']) expect(isDivisionCode(bad)).toBe(false);
    for (const good of ['450000', '450500', '450502', '410108101']) expect(isDivisionCode(good)).toBe(true);
  });
});

describe('school codes (学校标识码)', () => {
  it('are exactly 10 digits', () => {
    expect(isSchoolCode('2145000001')).toBe(true);
    expect(isSchoolCode('214500001')).toBe(false);
    expect(isSchoolCode('21450000011')).toBe(false);
    expect(isSchoolCode('21450000a1')).toBe(false);
  });
  it('warn (not refuse) when category or province digits disagree with type or county', () => {
    expect(schoolCodeWarnings('2145000001', '211', '450502')).toEqual([]);
    expect(schoolCodeWarnings('3145000001', '211', '450502')[0]).toMatch(/category digits 31/);
    expect(schoolCodeWarnings('2141000001', '211', '450502')[0]).toMatch(/province digits 41/);
    expect(schoolCodeWarnings('2145000001', '312', '450502')).toEqual([]); // nine-year: primary or junior prefix
  });
});

describe('school years and dates', () => {
  it('run 1 Sep – 31 Aug', () => {
    expect(isSchoolYear('2019-2020')).toBe(true);
    expect(isSchoolYear('2019-2021')).toBe(false);
    expect(schoolYearRange('2019-2020')).toEqual({ start: '2019-09-01', end: '2020-08-31' });
    expect(schoolYearOf('2020-08-31')).toBe('2019-2020');
    expect(schoolYearOf('2020-09-01')).toBe('2020-2021');
  });
  it('dates are real calendar days', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate('2019-13-01')).toBe(false);
  });
});
