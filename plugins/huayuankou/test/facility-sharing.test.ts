import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { OTHER_TOWN, TEST_TOWN, YEAR, district, finding, findings, school, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const FACILITY = `mutation($i: RecordHuayuankouSharedFacilityInput!) { recordHuayuankouSharedFacility(input: $i) { facility { id kind name hostSchool { code } district { id } } } }`;
const USE = `mutation($i: RecordHuayuankouFacilityUseInput!) { recordHuayuankouFacilityUse(input: $i) { use { school { code } schoolYear sessions } } }`;
const RULE = 'huayuankou.facility-sharing';

async function facility(districtId: string, hostSchoolCode: string, kind = 'SPORTS_GROUND', name = '田径场') {
  const r = await s.gql(FACILITY, { i: { groupId: districtId, hostSchoolCode, kind, name, validFrom: '2023-09-01' } });
  expect(r.errors).toBeUndefined();
  return r.data.recordHuayuankouSharedFacility.facility.id as string;
}
async function use(facilityId: string, schoolCode: string, sessions = 4, schoolYear = YEAR) {
  return s.gql(USE, { i: { facilityId, schoolCode, schoolYear, sessions } });
}

describe('huayuankou.facility-sharing (三(三)2)', () => {
  it('huayuankou.facility-sharing (三(三)2): a facility used only by its host fails; once another member school uses it, it passes', async () => {
    const d = await district(s, 2);
    const id = await facility(d.id, d.central, 'LIBRARY', '中心校图书馆');
    expect((await use(id, d.central, 30)).errors).toBeUndefined();
    expect(await finding(s, RULE, id)).toMatchObject({
      status: 'FAIL',
      measured: { usedBy: [d.central], otherSchools: 0 },
      expected: { minOtherSchools: 1 },
      rule: { cite: { clause: '三(三)2' } },
    });
    const r = await use(id, d.members[0]!, 6);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordHuayuankouFacilityUse.use).toEqual({ school: { code: d.members[0] }, schoolYear: YEAR, sessions: 6 });
    expect(await finding(s, RULE, id)).toMatchObject({ status: 'PASS', measured: { otherSchools: 1 } });
    // Use in another year does not count for this one.
    expect((await finding(s, RULE, id, TEST_TOWN, '2024-2025')).status).toBe('FAIL');
    const listed = await s.gql(`query($id: ID!, $y: SchoolYear!) { schoolGroup(id: $id) { ... on HuayuankouCentralSchoolDistrict { sharedFacilities { name kind uses(schoolYear: $y) { school { code } sessions } } } } }`, { id: d.id, y: YEAR });
    expect(listed.data.schoolGroup.sharedFacilities).toEqual([
      { name: '中心校图书馆', kind: 'LIBRARY', uses: [{ school: { code: d.central }, sessions: 30 }, { school: { code: d.members[0] }, sessions: 6 }].sort((a, b) => a.school.code.localeCompare(b.school.code)) },
    ]);
  });

  it('huayuankou.facility-sharing (三(三)2): a 学区 that records no shared facility fails; recording one used by another member passes', async () => {
    const d = await district(s, 1);
    const none = await finding(s, RULE, d.id);
    expect(none).toMatchObject({ status: 'FAIL', measured: { facilities: 0 }, expected: { facilities: { min: 1 } }, rule: { cite: { clause: '三(三)2' } } });
    expect(none.message).toContain('共享场所');
    const id = await facility(d.id, d.central, 'SPORTS_GROUND', '中心校操场');
    expect((await use(id, d.members[0]!)).errors).toBeUndefined();
    const after = await findings(s, RULE, d.id);
    expect(after.map((f) => f.status)).toEqual(['PASS']);
    expect(after[0]!.subjects.map((x) => x.key)).toContain(id);
  });

  it('huayuankou.facility-sharing (三(三)2): a locality asking for two guest schools expects two', async () => {
    const d = await district(s, 2);
    const id = await facility(d.id, d.members[0]!, 'LABORATORY', '理化实验室');
    expect((await use(id, d.central)).errors).toBeUndefined();
    expect((await finding(s, RULE, id)).status).toBe('PASS');
    const en = await s.gql(`mutation($i: EnableGovernanceInput!) { enableGovernance(input: $i) { locality { code } } }`, {
      i: { localityCode: TEST_TOWN, plugin: 'huayuankou', options: { minOtherSchoolsUsingFacility: 2 } },
    });
    expect(en.errors).toBeUndefined();
    expect(await finding(s, RULE, id)).toMatchObject({ status: 'FAIL', expected: { minOtherSchools: 2 } });
    expect((await use(id, d.members[1]!)).errors).toBeUndefined();
    expect(await finding(s, RULE, id)).toMatchObject({ status: 'PASS', expected: { minOtherSchools: 2 } });
  });

  it('huayuankou.facility-sharing (三(三)2): only member schools host or use a shared facility, while it is shared; a zero count is refused', async () => {
    const d = await district(s, 1);
    const outsider = await school(s, { townshipCode: OTHER_TOWN });
    const host = await s.gql(FACILITY, { i: { groupId: d.id, hostSchoolCode: outsider, kind: 'SPORTS_GROUND', name: '外校操场', validFrom: '2023-09-01' } });
    expect(host.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hostSchoolCode' });
    const id = await facility(d.id, d.central);
    const stranger = await use(id, outsider);
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolCode', schoolCode: outsider });
    const zero = await use(id, d.members[0]!, 0);
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessions' });
    // Shared from 2023-09-01: a use in 2022-2023, before it was shared, is refused.
    const early = await use(id, d.members[0]!, 4, '2022-2023');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolYear' });
    const all = await findings(s, RULE, id);
    expect(all).toHaveLength(1);
    expect(all[0]!.measured).toEqual({ usedBy: [], otherSchools: 0 });
  });
});
