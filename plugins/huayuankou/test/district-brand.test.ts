import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { HUAYUANKOU, TEST_TOWN, YEAR, district, finding, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const BRAND = `mutation($i: SetHuayuankouDistrictBrandInput!) { setHuayuankouDistrictBrand(input: $i) { brand { name district { id } } } }`;
const RULE = 'huayuankou.district-brand';

describe('huayuankou.district-brand (三(五)4)', () => {
  it('huayuankou.district-brand (三(五)4): a 学区 without a brand (一学区一品牌) fails; with one in force it passes', async () => {
    const d = await district(s, 0);
    const before = await finding(s, RULE, d.id);
    expect(before).toMatchObject({ status: 'FAIL', measured: { brand: null, brandsInYear: [] }, expected: { brandInForceInYear: true }, rule: { cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(五)4' }, enforce: 'REPORT' } });
    expect(before.message).toContain('一学区一品牌');
    const b = await s.gql(BRAND, { i: { groupId: d.id, name: '黄河文化', validFrom: '2023-09-01' } });
    expect(b.errors).toBeUndefined();
    expect(await finding(s, RULE, d.id)).toMatchObject({ status: 'PASS', measured: { brand: '黄河文化', validFrom: '2023-09-01', validTo: null } });
  });

  it('huayuankou.district-brand (三(五)4): a brand that starts after the year, or ended before it, is no brand for that year', async () => {
    const d = await district(s, 0);
    expect((await s.gql(BRAND, { i: { groupId: d.id, name: '红色花园口', validFrom: '2024-09-01' } })).errors).toBeUndefined();
    expect(await finding(s, RULE, d.id, TEST_TOWN, YEAR)).toMatchObject({ status: 'FAIL', measured: { brand: null } });
    expect((await finding(s, RULE, d.id, TEST_TOWN, '2024-2025')).status).toBe('PASS');
  });

  it('huayuankou.district-brand (三(五)4): a new brand ends the one before; a past year’s report keeps the brand that year had', async () => {
    const d = await district(s, 0);
    expect((await s.gql(BRAND, { i: { groupId: d.id, name: '黄河文化', validFrom: '2023-09-01' } })).errors).toBeUndefined();
    expect((await s.gql(BRAND, { i: { groupId: d.id, name: '红色花园口', validFrom: '2024-09-01' } })).errors).toBeUndefined();
    const brandIn = async (y: string) => (await finding(s, RULE, d.id, TEST_TOWN, y)).measured.brand;
    expect(await brandIn('2023-2024')).toBe('黄河文化');
    expect(await brandIn('2024-2025')).toBe('红色花园口');
    const q = await s.gql(`query($id: ID!) { schoolGroup(id: $id) { ... on HuayuankouCentralSchoolDistrict { then: brand(asOf: "2024-03-01") { name } now: brand(asOf: "2024-10-01") { name } brandHistory { name validFrom validTo } } } }`, { id: d.id });
    expect(q.data.schoolGroup).toEqual({
      then: { name: '黄河文化' },
      now: { name: '红色花园口' },
      brandHistory: [
        { name: '黄河文化', validFrom: '2023-09-01', validTo: '2024-08-31' },
        { name: '红色花园口', validFrom: '2024-09-01', validTo: null },
      ],
    });
  });

  it('huayuankou.district-brand (三(五)4): the seeded 学区 has no brand — the report names none — and FAILs until one is set', async () => {
    const r = await s.gql(`query($l: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $l, schoolYear: $y) { findings(ruleId: "${RULE}") { nodes { status measured subjects { name } } } } }`, { l: HUAYUANKOU, y: YEAR });
    expect(r.data.complianceReport.findings.nodes).toEqual([{ status: 'FAIL', measured: expect.objectContaining({ brand: null }), subjects: [{ name: '花园口镇中心校学区' }] }]);
  });
});
