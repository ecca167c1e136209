/**
 * 公民身份号码 (GB 11643-1999): 18 characters, the last a check character over the first 17
 * (ISO 7064 MOD 11-2). Validating it catches most typing errors in a staff roster.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * The province digits (1–2) of a GB/T 2260 address code: 11–15 north, 21–23 north-east, 31–37 east,
 * 41–46 south-central, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81–82 Hong Kong and Macao.
 * The county digits are not checked: codes are retired and re-used, and a person keeps the number
 * of the county where it was issued.
 */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

/** What is wrong with an ID number, or null: the form, the region (province digits), the birth date, the check character. */
export function idNumberProblem(value: string, today = new Date().toISOString().slice(0, 10)): { zh: string; en: string } | null {
  if (!/^\d{17}[\dX]$/.test(value)) return { en: 'an ID number is 17 digits and a check digit or X', zh: '身份证号应为 17 位数字加 1 位校验码（数字或 X）' };
  if (!PROVINCES.has(value.slice(0, 2))) return { en: 'its region code (digits 1–6) is not a GB/T 2260 province', zh: '地址码（第 1–6 位）不是有效的省级行政区划代码' };
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01' || birth > today)
    return { en: 'its birth date (digits 7–14) is not a real date', zh: '出生日期码（第 7–14 位）不是有效日期' };
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { en: 'its check character (the last) does not match', zh: '校验码（末位）不符' };
  return null;
}

/** The import's check and createPerson's are this one (issue 14: createPerson took month 13). */
export function isResidentIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}

/** The birth date an ID number encodes (digits 7–14). */
export function birthDateOfIdNumber(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}
