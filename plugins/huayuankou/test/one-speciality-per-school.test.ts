import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { TEST_TOWN, YEAR, district, finding, school, start, FORM } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const RECORD = `mutation($i: RecordHuayuankouSpecialityInput!) { recordHuayuankouSpeciality(input: $i) { speciality { id name school { code } validFrom } } }`;
const RULE = 'huayuankou.one-speciality-per-school';

async function record(schoolCode: string, name: string, validFrom = '2023-09-01', validTo?: string) {
  const r = await s.gql(RECORD, { i: { schoolCode, name, validFrom, validTo } });
  expect(r.errors).toBeUndefined();
  return r.data.recordHuayuankouSpeciality.speciality;
}

describe('huayuankou.one-speciality-per-school (三(五)4)', () => {
  it('huayuankou.one-speciality-per-school (三(五)4): a member school with a speciality passes; one with none is reported FAIL in complianceReport', async () => {
    const d = await district(s, 1);
    await record(d.central, '陶笛');
    const pass = await finding(s, RULE, d.central);
    expect(pass).toMatchObject({
      status: 'PASS',
      measured: { count: 1, specialities: ['陶笛'] },
      expected: { min: 1, teachingPointsIncluded: false },
      rule: { cite: { clause: '三(五)4' }, enforce: 'REPORT' },
    });
    const fail = await finding(s, RULE, d.members[0]!);
    expect(fail).toMatchObject({ status: 'FAIL', measured: { count: 0, specialities: [] }, expected: { min: 1 } });
    expect(fail.subjects).toContainEqual({ type: 'SchoolGroup', key: d.id, name: `学区${d.central}` });
  });

  it('huayuankou.one-speciality-per-school (三(五)4): a speciality counts only in the years it was in force', async () => {
    const d = await district(s, 0);
    await record(d.central, '烙画', '2021-09-01', '2022-08-31');
    expect((await finding(s, RULE, d.central)).status).toBe('FAIL');
    const r = await s.gql(`query($c: SchoolCode!) { school(code: $c) { now: huayuankouSpecialities { name } then: huayuankouSpecialities(asOf: "2022-03-01") { name } } }`, { c: d.central });
    expect(r.data.school).toEqual({ now: [], then: [{ name: '烙画' }] });
  });

  it('huayuankou.one-speciality-per-school (三(五)4): teaching points are NOT_APPLICABLE by default', async () => {
    const central = await school(s);
    const point = await school(s, { schoolType: '218' });
    const r = await s.gql(FORM, { i: { name: '含教学点学区', leadSchoolCode: central, memberSchoolCodes: [point], validFrom: '2023-09-01' } });
    expect(r.errors).toBeUndefined();
    expect((await finding(s, RULE, point)).status).toBe('NOT_APPLICABLE');
  });

  it('huayuankou.one-speciality-per-school (三(五)4): a locality’s override is the expected value (minSpecialitiesPerSchool 2, teaching points included)', async () => {
    const central = await school(s);
    const point = await school(s, { schoolType: '218' });
    const r = await s.gql(FORM, { i: { name: '覆盖学区', leadSchoolCode: central, memberSchoolCodes: [point], validFrom: '2023-09-01' } });
    expect(r.errors).toBeUndefined();
    await record(central, '剪纸');
    expect((await finding(s, RULE, central)).status).toBe('PASS');
    // The township sets its own options (nearest enablement wins over the county's defaults).
    const en = await s.gql(`mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code } } }`, {
      i: { localityCode: TEST_TOWN, plugin: 'huayuankou', options: { minSpecialitiesPerSchool: 2, teachingPointsHaveSpecialities: true } },
    });
    expect(en.errors).toBeUndefined();
    const overridden = await finding(s, RULE, central);
    expect(overridden).toMatchObject({ status: 'FAIL', measured: { count: 1 }, expected: { min: 2, teachingPointsIncluded: true } });
    expect((await finding(s, RULE, point)).status).toBe('FAIL');
    const defaults = await s.gql(`{ installedPlugins { id defaults } }`);
    expect(defaults.data.installedPlugins.find((p: { id: string }) => p.id === 'huayuankou').defaults).toMatchObject({ minSpecialitiesPerSchool: 1, teachingPointsHaveSpecialities: false });
  });

  it('huayuankou.one-speciality-per-school (三(五)4): recording the same speciality again corrects it rather than counting it twice', async () => {
    const d = await district(s, 0);
    await record(d.central, '蛋雕');
    await s.gql(`mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code } } }`, { i: { localityCode: TEST_TOWN, plugin: 'huayuankou', options: {} } });
    await record(d.central, '蛋雕', '2023-10-01');
    expect(await finding(s, RULE, d.central)).toMatchObject({ status: 'PASS', measured: { count: 1, specialities: ['蛋雕'] } });
    const bad = await s.gql(RECORD, { i: { schoolCode: d.central, name: '  ', validFrom: '2023-09-01' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('huayuankou.one-speciality-per-school (三(五)4): the seeded 学区 — 京水小学, 八堡小学 and 申庄小学 have no speciality in the report and FAIL', async () => {
    const r = await s.gql(`query($l: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $l, schoolYear: $y) { findings(ruleId: "${RULE}") { nodes { status subjects { type key name } } } } }`, { l: '410108101', y: YEAR });
    const bySchool = Object.fromEntries(
      r.data.complianceReport.findings.nodes
        .map((f: { status: string; subjects: { type: string; name: string }[] }) => [f.subjects.find((x) => x.type === 'School')?.name, f.status])
        .filter(([n]: [string | undefined]) => n),
    );
    expect(bySchool).toEqual({ 惠济六中: 'PASS', 花园口小学: 'PASS', 京水小学: 'FAIL', 八堡小学: 'FAIL', 申庄小学: 'FAIL', 石桥小学: 'PASS' });
  });
});
