/**
 * Huayuankou's fixtures: the county, its townships, schools and 学区 built as a bureau would. The
 * server, tokens, findings and refusal checks are the shared kit's (@gongzhi/server/testing).
 */
import { expect } from 'vitest';
import { finding as oneFinding, findings as allFindings, startTestServer, type TestFinding, type TestServer } from '@gongzhi/server/testing';
import huayuankou from '../src/index.js';

export { errorOf, expectRefused, ok } from '@gongzhi/server/testing';

/**
 * The bureau's world for these tests: 惠济区 enables the regime; 花园口镇 holds the seeded 学区; a
 * second (made-up) township of 惠济区 holds the schools each test forms its own 学区 from, so the
 * report can be asked for that township alone; 中原区 has not enabled the regime.
 */
export const COUNTY = '410108';
export const HUAYUANKOU = '410108101';
export const TEST_TOWN = '410108199';
export const OTHER_TOWN = '410108198';
export const OTHER_COUNTY_TOWN = '410102199';
export const YEAR = '2023-2024';

export const LOCALITIES = [
  { code: '410000', name: '河南省' },
  { code: '410100', name: '郑州市' },
  { code: COUNTY, name: '惠济区' },
  { code: TEST_TOWN, name: '测试镇（测试用）' },
  { code: OTHER_TOWN, name: '邻镇（测试用）' },
  { code: '410102', name: '中原区' },
  { code: OTHER_COUNTY_TOWN, name: '中原测试街道（测试用）' },
];

export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [huayuankou], localities: LOCALITIES, governance: [{ locality: COUNTY, plugin: 'huayuankou', options }] });
}

let next = 0;
/** A new school code in the sample range, unique within the test run. */
export function code(schoolType = '211'): string {
  next += 1;
  return `${schoolType === '311' ? '31' : '21'}4198${String(next).padStart(4, '0')}`;
}

export async function school(s: TestServer, opts: { townshipCode?: string; countyCode?: string; schoolType?: string; name?: string } = {}): Promise<string> {
  const c = code(opts.schoolType);
  const townshipCode = opts.townshipCode ?? TEST_TOWN;
  const r = await s.gql(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code } } }`, {
    i: { code: c, name: opts.name ?? `测试学校${c}`, schoolType: opts.schoolType ?? '211', countyCode: opts.countyCode ?? townshipCode.slice(0, 6), townshipCode, area: 'RURAL', isSample: true },
  });
  expect(r.errors).toBeUndefined();
  return c;
}

export const FORM = `mutation($i: FormHuayuankouCentralSchoolDistrictInput!) {
  formHuayuankouCentralSchoolDistrict(input: $i) { district { id groupId name kind centralSchool { code } villageSchools { code } teachingPoints { code } township { code } } }
}`;

/** A 学区 of a central school and members (all in the test township unless told), formed on 2023-09-01. */
export async function district(s: TestServer, memberCount = 2, opts: { name?: string; townshipCode?: string } = {}) {
  const central = await school(s, { townshipCode: opts.townshipCode });
  const members: string[] = [];
  for (let i = 0; i < memberCount; i++) members.push(await school(s, { townshipCode: opts.townshipCode }));
  const r = await s.gql(FORM, { i: { name: opts.name ?? `学区${central}`, leadSchoolCode: central, memberSchoolCodes: members, validFrom: '2023-09-01' } });
  expect(r.errors).toBeUndefined();
  // The UUID (groupId): findings name a 学区 by it, and mutations take it as well as the Relay id.
  return { id: r.data.formHuayuankouCentralSchoolDistrict.district.groupId as string, central, members };
}

export async function person(s: TestServer, name = '张老师'): Promise<string> {
  const r = await s.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { personId } } }`, {
    i: { name, gender: 'FEMALE', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: COUNTY },
  });
  expect(r.errors).toBeUndefined();
  return r.data.createPerson.person.personId;
}

/** The findings of one rule about one subject (a school code, a group id, a facility id), in the test township and year unless told. */
export function findings(s: TestServer, ruleId: string, subjectKey: string, localityCode = TEST_TOWN, schoolYear = YEAR): Promise<TestFinding[]> {
  return allFindings(s, { localityCode, schoolYear, ruleId, subject: subjectKey });
}

/** The one finding of a rule about a subject. */
export function finding(s: TestServer, ruleId: string, subjectKey: string, localityCode = TEST_TOWN, schoolYear = YEAR): Promise<TestFinding> {
  return oneFinding(s, { localityCode, schoolYear, ruleId, subject: subjectKey });
}
