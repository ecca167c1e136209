import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { FORM, OTHER_COUNTY_TOWN, district, school, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

describe('regime in force (DESIGN: a plugin acts only where enabled)', () => {
  it('huayuankou.same-township (三(一)): forming a 学区 where the regime is not enabled is GOVERNANCE_NOT_ENABLED, with nothing written', async () => {
    const central = await school(s, { townshipCode: OTHER_COUNTY_TOWN });
    const member = await school(s, { townshipCode: OTHER_COUNTY_TOWN });
    const r = await s.gql(FORM, { i: { name: '中原区学区', leadSchoolCode: central, memberSchoolCodes: [member], validFrom: '2023-09-01' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'GOVERNANCE_NOT_ENABLED', localityCode: OTHER_COUNTY_TOWN, plugin: 'huayuankou' });
    const list = await s.gql(`{ huayuankouCentralSchoolDistricts(localityCode: "410102") { id } }`);
    expect(list.data.huayuankouCentralSchoolDistricts).toEqual([]);
    const spec = await s.gql(`mutation($i: RecordHuayuankouSpecialityInput!) { recordHuayuankouSpeciality(input: $i) { speciality { id } } }`, { i: { schoolCode: central, name: '书法', validFrom: '2023-09-01' } });
    expect(spec.errors?.[0]?.extensions).toMatchObject({ code: 'GOVERNANCE_NOT_ENABLED', plugin: 'huayuankou' });
    const generic = await s.gql(`mutation($i: CreateSchoolGroupInput!) { createSchoolGroup(input: $i) { group { id } } }`, {
      i: { kind: 'huayuankou.central-district', name: '通用', localityCode: OTHER_COUNTY_TOWN, leadSchoolCode: central, memberSchoolCodes: [], validFrom: '2023-09-01' },
    });
    expect(generic.errors?.[0]?.extensions?.code).toBe('GOVERNANCE_NOT_ENABLED');
    const report = await s.gql(`{ complianceReport(localityCode: "410102", schoolYear: "2023-2024") { summary { rule { id } } } }`);
    expect(report.data.complianceReport.summary.map((x: { rule: { id: string } }) => x.rule.id).filter((id: string) => id.startsWith('huayuankou.'))).toEqual([]);
  });

  it('huayuankou.integration-targets (三（目标任务）): once the county disables the regime its mutations are refused and its rules leave the report; the data stays', async () => {
    const d = await district(s, 1);
    const dis = await s.gql(`mutation { disableGovernance(input: { localityCode: "410108", plugin: "huayuankou" }) { locality { code } } }`);
    expect(dis.errors).toBeUndefined();
    const r = await s.gql(`mutation($i: SetHuayuankouIntegrationTargetInput!) { setHuayuankouIntegrationTarget(input: $i) { integrationTarget { status } } }`, {
      i: { groupId: d.id, schoolYear: '2023-2024', integration: 'FUNDING', target: '经费', status: 'PLANNED' },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'GOVERNANCE_NOT_ENABLED', localityCode: '410108199', plugin: 'huayuankou' });
    const report = await s.gql(`{ complianceReport(localityCode: "410108", schoolYear: "2023-2024") { findings(ruleId: "huayuankou.integration-targets") { nodes { status } } } }`);
    expect(report.data.complianceReport.findings.nodes).toEqual([]);
    expect((await s.gql(`query($id: ID!) { schoolGroup(id: $id) { groupId } }`, { id: d.id })).data.schoolGroup).toEqual({ groupId: d.id });
  });

  it('huayuankou.same-township (三(一)): a viewer may read but not form a 学区 (FORBIDDEN)', async () => {
    const central = await school(s);
    const viewer = await s.token({ roles: ['viewer'] });
    const r = await s.gql(FORM, { i: { name: '只读', leadSchoolCode: central, memberSchoolCodes: [], validFrom: '2023-09-01' } }, { token: viewer });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
