/**
 * National identifiers: GB/T 2260 division codes (plus 9-digit township codes), the Ministry of
 * Education's 10-digit school identifier (学校标识码), 办学类型 codes and school years.
 * Pure functions: no database, no GraphQL.
 */

export type LocalityLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP';
export const LOCALITY_LEVELS: readonly LocalityLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'];

const DIVISION_RE = /^(\d{6}|\d{9})$/;

/** Whether a string has the form of a division code (6 digits, or 9 for a township). */
export function isDivisionCode(code: string): boolean {
  if (!DIVISION_RE.test(code)) return false;
  if (code.slice(0, 2) === '00') return false;
  // A city part of 00 with a county part other than 00 is not a code (e.g. 450023).
  if (code.length === 6 && code.slice(2, 4) === '00' && code.slice(4, 6) !== '00') return false;
  if (code.length === 9 && code.slice(6) === '000') return false;
  return true;
}

/** The level a division code denotes: xx0000 province, xxxx00 city, xxxxxx county, 9 digits township. */
export function divisionLevel(code: string): LocalityLevel {
  if (code.length === 9) return 'TOWNSHIP';
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/**
 * The parent of a division, derived from the code. Counties directly under a province (省直辖县级,
 * e.g. 429004 仙桃市, city part 90) and municipal districts of Beijing etc. (110101 → 110100) both
 * follow the rule; a caller whose parent is absent from the data falls back to the next level up
 * (see `divisionAncestors`).
 */
export function divisionParent(code: string): string | null {
  switch (divisionLevel(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
    case 'TOWNSHIP':
      return code.slice(0, 6);
  }
}

/** Self first, then parent, grand-parent … up to the province. */
export function divisionAncestors(code: string): string[] {
  const out = [code];
  let p = divisionParent(code);
  while (p) {
    out.push(p);
    p = divisionParent(p);
  }
  return out;
}

/** Whether `code` is `scope` itself or lies inside it (a province covers its cities, counties, townships). */
export function divisionCovers(scope: string, code: string): boolean {
  return divisionAncestors(code).includes(scope);
}

/** The SQL LIKE prefix that selects a division and everything below it. */
export function divisionPrefix(code: string): string {
  switch (divisionLevel(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    default:
      return code;
  }
}

// ---------------------------------------------------------------------------------------------
// School codes (学校标识码)

/** Category prefixes of the school identifier, per the 2011 coding rules as secondary sources give them. */
export const SCHOOL_CODE_CATEGORIES: Record<string, string> = {
  '11': 'KINDERGARTEN',
  '21': 'PRIMARY',
  '31': 'JUNIOR',
  '34': 'SENIOR',
  '36': 'VOCATIONAL',
  '51': 'SPECIAL',
};

/** A school identifier is exactly 10 digits. */
export function isSchoolCode(code: string): boolean {
  return /^\d{10}$/.test(code);
}

/**
 * Warnings (never refusals: the layout comes from secondary sources, not an official spec) when a
 * school code's category or province digits disagree with the school's type and county.
 */
export function schoolCodeWarnings(code: string, schoolType: string, countyCode: string): string[] {
  const warnings: string[] = [];
  const category = SCHOOL_CODE_CATEGORIES[code.slice(0, 2)];
  const expected = SCHOOL_TYPES[schoolType]?.codeCategory;
  if (!category) warnings.push(`category digits ${code.slice(0, 2)} are not a known school category`);
  else if (expected && !expected.includes(category))
    warnings.push(`category digits ${code.slice(0, 2)} (${category}) do not match school type ${schoolType}`);
  if (code.slice(2, 4) !== countyCode.slice(0, 2))
    warnings.push(`province digits ${code.slice(2, 4)} do not match county ${countyCode}`);
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Stages and school types (学段, 办学类型)

export type Stage = 'KINDERGARTEN' | 'PRIMARY' | 'JUNIOR' | 'SENIOR' | 'VOCATIONAL' | 'SPECIAL';
export const STAGES: readonly Stage[] = ['KINDERGARTEN', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'SPECIAL'];
export const COMPULSORY_STAGES: readonly Stage[] = ['PRIMARY', 'JUNIOR'];

export interface SchoolTypeInfo {
  zh: string;
  en: string;
  stages: Stage[];
  /** Category digits of the school code that fit this type. */
  codeCategory: string[];
}

/** 办学类型 codes as used by the national education statistics. */
export const SCHOOL_TYPES: Record<string, SchoolTypeInfo> = {
  '111': { zh: '幼儿园', en: 'kindergarten', stages: ['KINDERGARTEN'], codeCategory: ['KINDERGARTEN'] },
  '211': { zh: '小学', en: 'primary school', stages: ['PRIMARY'], codeCategory: ['PRIMARY'] },
  '218': { zh: '小学教学点', en: 'primary teaching point', stages: ['PRIMARY'], codeCategory: ['PRIMARY'] },
  '311': { zh: '初级中学', en: 'junior middle school', stages: ['JUNIOR'], codeCategory: ['JUNIOR'] },
  '312': { zh: '九年一贯制学校', en: 'nine-year school', stages: ['PRIMARY', 'JUNIOR'], codeCategory: ['PRIMARY', 'JUNIOR'] },
  '341': { zh: '完全中学', en: 'complete middle school', stages: ['JUNIOR', 'SENIOR'], codeCategory: ['JUNIOR', 'SENIOR'] },
  '342': { zh: '高级中学', en: 'senior high school', stages: ['SENIOR'], codeCategory: ['SENIOR'] },
  '345': { zh: '十二年一贯制学校', en: 'twelve-year school', stages: ['PRIMARY', 'JUNIOR', 'SENIOR'], codeCategory: ['PRIMARY', 'JUNIOR', 'SENIOR'] },
  ...Object.fromEntries(
    ['361', '362', '363', '364', '365', '366', '367', '368', '369'].map((c) => [
      c,
      { zh: '中等职业学校', en: 'secondary vocational school', stages: ['VOCATIONAL'] as Stage[], codeCategory: ['VOCATIONAL'] },
    ]),
  ),
  ...Object.fromEntries(
    ['511', '512', '513', '514'].map((c) => [
      c,
      { zh: '特殊教育学校', en: 'special-education school', stages: ['SPECIAL'] as Stage[], codeCategory: ['SPECIAL'] },
    ]),
  ),
};

export function isSchoolType(code: string): boolean {
  return code in SCHOOL_TYPES;
}

// ---------------------------------------------------------------------------------------------
// School years (学年): 1 Sep – 31 Aug

const SCHOOL_YEAR_RE = /^(\d{4})-(\d{4})$/;

export function isSchoolYear(value: string): boolean {
  const m = SCHOOL_YEAR_RE.exec(value);
  return !!m && Number(m[2]) === Number(m[1]) + 1;
}

/** First and last day of a school year, as ISO dates. */
export function schoolYearRange(schoolYear: string): { start: string; end: string } {
  const first = Number(schoolYear.slice(0, 4));
  return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
}

/** The school year a date falls in. */
export function schoolYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = m >= 9 ? y : y - 1;
  return `${first}-${first + 1}`;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An ISO date n days later (earlier when negative): the day before a new post or brand starts, … */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today as an ISO date in Asia/Shanghai (the bureaus' calendar). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
