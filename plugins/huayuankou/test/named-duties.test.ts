import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { district, finding, person, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const APPOINT = `mutation($i: AppointHuayuankouDutyInput!) { appointHuayuankouDuty(input: $i) { post { id role roleTitle person { name } group { groupId } validFrom validTo } } }`;
const RULE = 'huayuankou.named-duties';

async function appoint(districtId: string, personId: string, duty: string, validFrom = '2023-09-01', validTo?: string) {
  const r = await s.gql(APPOINT, { i: { groupId: districtId, personId, duty, validFrom, validTo } });
  expect(r.errors).toBeUndefined();
  return r.data.appointHuayuankouDuty.post;
}

describe('huayuankou.named-duties (三(五)2、3)', () => {
  it('huayuankou.named-duties (三(五)2、3): a 学区 with a 辅导站站长 but no 德育专干 fails', async () => {
    const d = await district(s, 1);
    const head = await appoint(d.id, await person(s, '李站长'), 'GUIDANCE_STATION_HEAD');
    expect(head).toMatchObject({ role: 'HUAYUANKOU_GUIDANCE_STATION_HEAD', roleTitle: '辅导站站长', group: { groupId: d.id } });
    const f = await finding(s, RULE, d.id);
    expect(f).toMatchObject({
      status: 'FAIL',
      measured: { GUIDANCE_STATION_HEAD: ['李站长'], MORAL_EDUCATION_OFFICER: [] },
      expected: { duties: ['GUIDANCE_STATION_HEAD', 'MORAL_EDUCATION_OFFICER'] },
      rule: { cite: { clause: '三(五)2、3' } },
    });
    expect(f.message).toContain('德育专干');
  });

  it('huayuankou.named-duties (三(五)2、3): both duties held during the year pass, and the 学区 shows who holds them', async () => {
    const d = await district(s, 1);
    await appoint(d.id, await person(s, '王站长'), 'GUIDANCE_STATION_HEAD');
    // A 德育专干 for part of the year fills the duty for that year.
    await appoint(d.id, await person(s, '赵专干'), 'MORAL_EDUCATION_OFFICER', '2023-09-01', '2024-01-31');
    expect(await finding(s, RULE, d.id)).toMatchObject({ status: 'PASS', measured: { MORAL_EDUCATION_OFFICER: ['赵专干'] } });
    const r = await s.gql(`query($id: ID!) { schoolGroup(id: $id) { ... on HuayuankouCentralSchoolDistrict { guidanceStationHead { person { name } } moralEducationOfficer(asOf: "2023-12-01") { person { name } } later: moralEducationOfficer(asOf: "2024-03-01") { id } } } }`, { id: d.id });
    expect(r.data.schoolGroup).toEqual({ guidanceStationHead: { person: { name: '王站长' } }, moralEducationOfficer: { person: { name: '赵专干' } }, later: null });
  });

  it('huayuankou.named-duties (三(五)2、3): a duty that ended before the year does not count', async () => {
    const d = await district(s, 1);
    await appoint(d.id, await person(s), 'GUIDANCE_STATION_HEAD', '2023-09-01');
    await appoint(d.id, await person(s, '前任专干'), 'MORAL_EDUCATION_OFFICER', '2023-09-01', '2023-09-30');
    expect((await finding(s, RULE, d.id, undefined, '2024-2025')).status).toBe('FAIL');
    expect((await finding(s, RULE, d.id)).status).toBe('PASS');
  });

  it('huayuankou.named-duties (三(五)2、3): an unknown person is NOT_FOUND and nothing is appointed', async () => {
    const d = await district(s, 0);
    const r = await s.gql(APPOINT, { i: { groupId: d.id, personId: '00000000-0000-0000-0000-000000000000', duty: 'MORAL_EDUCATION_OFFICER', validFrom: '2023-09-01' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Person' });
    expect((await finding(s, RULE, d.id)).status).toBe('FAIL');
  });
});
