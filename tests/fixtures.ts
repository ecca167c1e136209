import type { GongzhiConfigInput } from '@gongzhi/server';

/** Localities the whole-system tests use: Guangxi › Beihai › two districts, and Henan › Zhengzhou › Huiji. */
export const LOCALITIES: GongzhiConfigInput['localities'] = [
  { code: '450000', name: '广西壮族自治区' },
  { code: '450500', name: '北海市' },
  { code: '450502', name: '海城区' },
  { code: '450503', name: '银海区' },
  { code: '410000', name: '河南省' },
  { code: '410100', name: '郑州市' },
  { code: '410108', name: '惠济区' },
];

export const CREATE_SCHOOL = `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code name } } }`;

export function schoolInput(code: string, extra: Record<string, unknown> = {}) {
  return { code, name: `学校${code}`, schoolType: '211', countyCode: '450502', area: 'URBAN', ...extra };
}
