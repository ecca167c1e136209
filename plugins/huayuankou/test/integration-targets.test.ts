import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { schoolYearOf, todayInShanghai } from '@gongzhi/core';
import { TEST_TOWN, YEAR, district, finding, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const SET = `mutation($i: SetHuayuankouIntegrationTargetInput!) { setHuayuankouIntegrationTarget(input: $i) { integrationTarget { integration title target status isRecorded schoolYear district { id } } } }`;
const TARGETS = `query($id: ID!, $y: SchoolYear!) { schoolGroup(id: $id) { ... on HuayuankouCentralSchoolDistrict { integrationTargets(schoolYear: $y) { integration target status isRecorded } } } }`;
const RULE = 'huayuankou.integration-targets';
const TEN = ['PRINCIPAL_TEAM', 'TEACHER_ALLOCATION', 'TEACHING_QUALITY', 'EVALUATION_STANDARDS', 'MORAL_EDUCATION', 'PE_AND_ARTS', 'FUNDING', 'LAYOUT_PLANNING', 'FACILITIES_EQUIPMENT', 'INFORMATISATION'];

async function setAll(districtId: string, schoolYear: string, status: (k: string) => string) {
  for (const integration of TEN) {
    const r = await s.gql(SET, { i: { groupId: districtId, schoolYear, integration, target: `${integration} 目标`, status: status(integration) } });
    expect(r.errors).toBeUndefined();
  }
}

describe('huayuankou.integration-targets (三（目标任务）)', () => {
  it('huayuankou.integration-targets (三（目标任务）): a 学区 missing some of the ten targets fails, naming them', async () => {
    const d = await district(s, 1);
    const r = await s.gql(SET, { i: { groupId: d.id, schoolYear: YEAR, integration: 'FUNDING', target: '经费按生均拨付到校', status: 'ACHIEVED' } });
    expect(r.errors).toBeUndefined();
    expect(r.data.setHuayuankouIntegrationTarget.integrationTarget).toMatchObject({ integration: 'FUNDING', title: '教育经费一体落实', status: 'ACHIEVED', isRecorded: true });
    const f = await finding(s, RULE, d.id);
    expect(f).toMatchObject({ status: 'FAIL', measured: { recorded: 1, missing: TEN.filter((k) => k !== 'FUNDING') }, expected: { integrations: TEN } });
    expect(f.rule.cite).toEqual({ doc: '花园口镇中心学校学区制管理情况汇报', clause: '三（目标任务）' });
    const shown = await s.gql(TARGETS, { id: d.id, y: YEAR });
    expect(shown.data.schoolGroup.integrationTargets.map((t: { integration: string }) => t.integration)).toEqual(TEN);
    expect(shown.data.schoolGroup.integrationTargets.filter((t: { isRecorded: boolean }) => t.isRecorded)).toHaveLength(1);
  });

  it('huayuankou.integration-targets (三（目标任务）): all ten achieved pass; a target updated to NOT_ACHIEVED fails, naming the integration', async () => {
    const d = await district(s, 1);
    await setAll(d.id, YEAR, () => 'ACHIEVED');
    expect(await finding(s, RULE, d.id)).toMatchObject({ status: 'PASS', measured: { recorded: 10, missing: [], unsettled: [], notAchieved: [] }, expected: { status: 'ACHIEVED' } });
    const again = await s.gql(SET, { i: { groupId: d.id, schoolYear: YEAR, integration: 'INFORMATISATION', target: '班班通全覆盖', status: 'NOT_ACHIEVED' } });
    expect(again.errors).toBeUndefined();
    const f = await finding(s, RULE, d.id);
    expect(f).toMatchObject({ status: 'FAIL', measured: { recorded: 10, missing: [], unsettled: [], notAchieved: ['INFORMATISATION'] } });
    expect(f.message).toContain('信息化建设一体推进');
    const shown = await s.gql(TARGETS, { id: d.id, y: YEAR });
    expect(shown.data.schoolGroup.integrationTargets.at(-1)).toEqual({ integration: 'INFORMATISATION', target: '班班通全覆盖', status: 'NOT_ACHIEVED', isRecorded: true });
  });

  it('huayuankou.integration-targets (三（目标任务）): a finished year with a status still IN_PROGRESS fails, naming it, unless the locality turns it off', async () => {
    const d = await district(s, 1);
    await setAll(d.id, YEAR, (k) => (k === 'PE_AND_ARTS' ? 'IN_PROGRESS' : 'ACHIEVED'));
    const f = await finding(s, RULE, d.id);
    expect(f).toMatchObject({ status: 'FAIL', measured: { unsettled: ['PE_AND_ARTS'], notAchieved: [] }, expected: { settledStatusAfterYearEnd: true } });
    expect(f.message).toContain('学生体艺素质一体提高');
    const en = await s.gql(`mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code } } }`, {
      i: { localityCode: TEST_TOWN, plugin: 'huayuankou', options: { requireSettledIntegrationStatus: false } },
    });
    expect(en.errors).toBeUndefined();
    expect(await finding(s, RULE, d.id)).toMatchObject({ status: 'PASS', expected: { settledStatusAfterYearEnd: false } });
  });

  it('huayuankou.integration-targets (三（目标任务）): in the current year an open status is no warning yet', async () => {
    // With the document's options again (the test above turned the warning off for this township).
    const reset = await s.gql(`mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code } } }`, { i: { localityCode: TEST_TOWN, plugin: 'huayuankou', options: {} } });
    expect(reset.errors).toBeUndefined();
    const d = await district(s, 1);
    const current = schoolYearOf(todayInShanghai());
    await setAll(d.id, current, () => 'PLANNED');
    expect(await finding(s, RULE, d.id, TEST_TOWN, current)).toMatchObject({ status: 'PASS', measured: { unsettled: TEN }, expected: { settledStatusAfterYearEnd: true } });
  });

  it('huayuankou.integration-targets (三（目标任务）): NOT_ACHIEVED fails in the current year too — it is the year’s outcome, not “not yet”', async () => {
    const d = await district(s, 1);
    const current = schoolYearOf(todayInShanghai());
    await setAll(d.id, current, (k) => (k === 'FUNDING' ? 'NOT_ACHIEVED' : 'IN_PROGRESS'));
    expect(await finding(s, RULE, d.id, TEST_TOWN, current)).toMatchObject({ status: 'FAIL', measured: { notAchieved: ['FUNDING'] } });
  });

  it('huayuankou.integration-targets (三（目标任务）): an empty target or an unknown 学区 is refused', async () => {
    const d = await district(s, 0);
    const empty = await s.gql(SET, { i: { groupId: d.id, schoolYear: YEAR, integration: 'FUNDING', target: ' ', status: 'PLANNED' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.target' });
    const year = await s.gql(SET, { i: { groupId: d.id, schoolYear: '2023-2025', integration: 'FUNDING', target: 'x', status: 'PLANNED' } });
    expect(year.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolYear' });
    const missing = await s.gql(SET, { i: { groupId: '00000000-0000-0000-0000-000000000000', schoolYear: YEAR, integration: 'FUNDING', target: 'x', status: 'PLANNED' } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'SchoolGroup' });
  });
});
