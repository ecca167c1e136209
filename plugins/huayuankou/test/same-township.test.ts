import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { FORM, OTHER_TOWN, TEST_TOWN, district, school, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const LIST = `query($l: DivisionCode!) { huayuankouCentralSchoolDistricts(localityCode: $l) { id name } }`;
const GROUPS_OF = `query($c: SchoolCode!) { school(code: $c) { groups { id } } }`;
const MEMBERS = `query($id: ID!) { schoolGroup(id: $id) { members { school { code } } } }`;

describe('huayuankou.same-township (三(一))', () => {
  it('huayuankou.same-township (三(一)): forms a 学区 of a central school with the village schools and teaching points of its township', async () => {
    const central = await school(s);
    const village = await school(s);
    const point = await school(s, { schoolType: '218' });
    const r = await s.gql(FORM, { i: { name: '测试镇中心校学区', leadSchoolCode: central, memberSchoolCodes: [village, point], validFrom: '2023-09-01' } });
    expect(r.errors).toBeUndefined();
    expect(r.data.formHuayuankouCentralSchoolDistrict.district).toMatchObject({
      kind: 'huayuankou.central-district',
      centralSchool: { code: central },
      villageSchools: [{ code: village }],
      teachingPoints: [{ code: point }],
      township: { code: TEST_TOWN },
    });
    const g = await s.gql(`query($id: ID!) { schoolGroup(id: $id) { __typename kindTitle leadSchool { code } } }`, { id: r.data.formHuayuankouCentralSchoolDistrict.district.id });
    expect(g.data.schoolGroup).toEqual({ __typename: 'HuayuankouCentralSchoolDistrict', kindTitle: '中心校学区', leadSchool: { code: central } });
  });

  it('huayuankou.same-township (三(一)): refuses a village school of another township, with nothing written', async () => {
    const central = await school(s);
    const village = await school(s);
    const stranger = await school(s, { townshipCode: OTHER_TOWN, name: '邻镇小学' });
    const r = await s.gql(FORM, { i: { name: '越界学区', leadSchoolCode: central, memberSchoolCodes: [village, stranger], validFrom: '2023-09-01' } });
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: { id: 'huayuankou.same-township', cite: { doc: '花园口镇中心学校学区制管理情况汇报', clause: '三(一)' } },
      measured: { [stranger]: OTHER_TOWN },
      expected: { townshipCode: TEST_TOWN },
    });
    expect(r.errors?.[0]?.extensions?.subjects).toContainEqual({ type: 'School', key: stranger, name: '邻镇小学' });
    expect(r.errors?.[0]?.message).toContain('邻镇小学');
    // Nothing written: no 学区 of that name, and neither school belongs to any group.
    const list = await s.gql(LIST, { l: TEST_TOWN });
    expect(list.data.huayuankouCentralSchoolDistricts.map((d: { name: string }) => d.name)).not.toContain('越界学区');
    for (const c of [central, village, stranger]) expect((await s.gql(GROUPS_OF, { c })).data.school.groups).toEqual([]);
  });

  it('huayuankou.same-township (三(一)): says so in English with Accept-Language: en', async () => {
    const central = await school(s);
    const stranger = await school(s, { townshipCode: OTHER_TOWN });
    const r = await s.gql(FORM, { i: { name: '越界学区2', leadSchoolCode: central, memberSchoolCodes: [stranger], validFrom: '2023-09-01' } }, { lang: 'en' });
    expect(r.errors?.[0]?.message).toMatch(/^Breaks rule huayuankou\.same-township .*not in the central school/);
  });

  it('huayuankou.same-township (三(一)): holds when a member is added through core’s addSchoolGroupMember', async () => {
    const d = await district(s, 1);
    const stranger = await school(s, { townshipCode: OTHER_TOWN });
    const bad = await s.gql(`mutation($i: SchoolGroupMemberInput!) { addSchoolGroupMember(input: $i) { group { id } } }`, { i: { groupId: d.id, schoolCode: stranger, date: '2024-03-01' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' } });
    const members = (await s.gql(MEMBERS, { id: d.id })).data.schoolGroup.members.map((m: { school: { code: string } }) => m.school.code);
    expect(members.sort()).toEqual([d.central, ...d.members].sort());
    const neighbour = await school(s);
    const ok = await s.gql(`mutation($i: SchoolGroupMemberInput!) { addSchoolGroupMember(input: $i) { group { id } } }`, { i: { groupId: d.id, schoolCode: neighbour, date: '2024-03-01' } });
    expect(ok.errors).toBeUndefined();
  });

  it('huayuankou.same-township (三(一)): holds for core’s createSchoolGroup of this kind, and for a central school moved to another township', async () => {
    const central = await school(s);
    const stranger = await school(s, { townshipCode: OTHER_TOWN });
    const created = await s.gql(`mutation($i: CreateSchoolGroupInput!) { createSchoolGroup(input: $i) { group { id } } }`, {
      i: { kind: 'huayuankou.central-district', name: '通用接口学区', localityCode: TEST_TOWN, leadSchoolCode: central, memberSchoolCodes: [stranger], validFrom: '2023-09-01' },
    });
    expect(created.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' } });

    const d = await district(s, 1);
    const moved = await s.gql(`mutation($i: UpdateSchoolGroupInput!) { updateSchoolGroup(input: $i) { group { id } } }`, { i: { id: d.id, leadSchoolCode: stranger } });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' }, expected: { townshipCode: OTHER_TOWN } });
    expect((await s.gql(`query($id: ID!) { schoolGroup(id: $id) { leadSchool { code } } }`, { id: d.id })).data.schoolGroup.leadSchool.code).toBe(d.central);
  });

  it('huayuankou.same-township (三(一)): holds when a school changes (core’s updateSchool): a member moved to another township, or a central school whose township is cleared, is refused with nothing written', async () => {
    const d = await district(s, 2);
    const UPDATE = `mutation($i: UpdateSchoolInput!) { updateSchool(input: $i) { school { code township { code } } } }`;
    const moved = await s.gql(UPDATE, { i: { code: d.members[0], townshipCode: OTHER_TOWN } });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township', cite: { clause: '三(一)' } }, expected: { townshipCode: TEST_TOWN } });
    const cleared = await s.gql(UPDATE, { i: { code: d.central, townshipCode: null } });
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' } });
    const after = await s.gql(`query($a: SchoolCode!, $b: SchoolCode!) { a: school(code: $a) { township { code } } b: school(code: $b) { township { code } } }`, { a: d.members[0], b: d.central });
    expect(after.data).toEqual({ a: { township: { code: TEST_TOWN } }, b: { township: { code: TEST_TOWN } } });
    // A school in no 学区 moves freely.
    const loose = await school(s);
    expect((await s.gql(UPDATE, { i: { code: loose, townshipCode: OTHER_TOWN } })).errors).toBeUndefined();
  });

  it('huayuankou.same-township (三(一)): a 学区 recorded under another township than its central school’s is refused (core’s createSchoolGroup)', async () => {
    const central = await school(s);
    const village = await school(s);
    const r = await s.gql(`mutation($i: CreateSchoolGroupInput!) { createSchoolGroup(input: $i) { group { id } } }`, {
      i: { kind: 'huayuankou.central-district', name: '错登学区', localityCode: OTHER_TOWN, leadSchoolCode: central, memberSchoolCodes: [village], validFrom: '2023-09-01' },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' }, measured: { districtLocality: OTHER_TOWN }, expected: { townshipCode: TEST_TOWN } });
    expect((await s.gql(LIST, { l: OTHER_TOWN })).data.huayuankouCentralSchoolDistricts.map((x: { name: string }) => x.name)).not.toContain('错登学区');
  });

  it('huayuankou.same-township (三(一)): a central school or member with no township recorded, or no central school, is refused', async () => {
    const r0 = await s.gql(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code } } }`, {
      i: { code: '2141989999', name: '无乡镇学校', schoolType: '211', countyCode: '410108', area: 'RURAL', isSample: true },
    });
    expect(r0.errors).toBeUndefined();
    const r = await s.gql(FORM, { i: { name: '无乡镇学区', leadSchoolCode: '2141989999', memberSchoolCodes: [], validFrom: '2023-09-01' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadSchoolCode' });
    // A member with no township cannot show it lies in the central school's.
    const central = await school(s);
    const m = await s.gql(FORM, { i: { name: '成员无乡镇', leadSchoolCode: central, memberSchoolCodes: ['2141989999'], validFrom: '2023-09-01' } });
    expect(m.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' }, measured: { '2141989999': null } });
    // Through core's generic mutation a 学区 without a central school is refused too.
    const noLead = await s.gql(`mutation($i: CreateSchoolGroupInput!) { createSchoolGroup(input: $i) { group { id } } }`, {
      i: { kind: 'huayuankou.central-district', name: '无中心校', localityCode: TEST_TOWN, memberSchoolCodes: [central], validFrom: '2023-09-01' },
    });
    expect(noLead.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'huayuankou.same-township' }, measured: { centralSchool: null } });
  });
});
