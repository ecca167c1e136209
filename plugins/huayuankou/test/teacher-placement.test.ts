import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { OTHER_TOWN, district, person, school, start } from './helpers.js';

/** 县管校聘 and 学区内调配 (三(四)2–3): no rule id of its own; a move outside the 学区 is a typed input error. */
let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const PLACE = `mutation($i: PlaceHuayuankouTeacherInput!) { placeHuayuankouTeacher(input: $i) { placement { id kind school { code } person { name } district { groupId } validFrom validTo post { role } } } }`;
const MOVE = `mutation($i: MoveHuayuankouTeacherInput!) { moveHuayuankouTeacher(input: $i) { placement { id kind school { code } validFrom validTo } } }`;
const TEACHERS = `query($id: ID!, $d: Date) { schoolGroup(id: $id) { ... on HuayuankouCentralSchoolDistrict { teachers(asOf: $d) { kind school { code } person { name } validTo } } } }`;

describe('县管校聘 (三(四)2–3)', () => {
  it('县管校聘 (三(四)2): places a county-hired teacher at a member school, as a TEACHER post there', async () => {
    const d = await district(s, 1);
    const t = await person(s, '陈老师');
    const r = await s.gql(PLACE, { i: { groupId: d.id, personId: t, schoolCode: d.members[0], validFrom: '2023-09-01' } });
    expect(r.errors).toBeUndefined();
    expect(r.data.placeHuayuankouTeacher.placement).toMatchObject({ kind: 'PLACEMENT', school: { code: d.members[0] }, person: { name: '陈老师' }, district: { groupId: d.id }, validTo: null, post: { role: 'TEACHER' } });
    const staff = await s.gql(`query($c: SchoolCode!) { school(code: $c) { staff(asOf: "2023-10-01", role: "TEACHER") { nodes { person { name } } } } }`, { c: d.members[0] });
    expect(staff.data.school.staff.nodes).toEqual([{ person: { name: '陈老师' } }]);
    const again = await s.gql(PLACE, { i: { groupId: d.id, personId: t, schoolCode: d.central, validFrom: '2023-10-01' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
  });

  it('县管校聘 (三(四)3): moves the teacher within the 学区 — "学校人" becomes "学区人"', async () => {
    const d = await district(s, 1);
    const t = await person(s, '周老师');
    expect((await s.gql(PLACE, { i: { groupId: d.id, personId: t, schoolCode: d.members[0], validFrom: '2023-09-01' } })).errors).toBeUndefined();
    const r = await s.gql(MOVE, { i: { personId: t, toSchoolCode: d.central, date: '2024-02-26' } });
    expect(r.errors).toBeUndefined();
    expect(r.data.moveHuayuankouTeacher.placement).toMatchObject({ kind: 'TRANSFER', school: { code: d.central }, validFrom: '2024-02-26', validTo: null });
    expect((await s.gql(TEACHERS, { id: d.id, d: '2024-02-25' })).data.schoolGroup.teachers).toEqual([{ kind: 'PLACEMENT', school: { code: d.members[0] }, person: { name: '周老师' }, validTo: '2024-02-25' }]);
    expect((await s.gql(TEACHERS, { id: d.id, d: '2024-02-26' })).data.schoolGroup.teachers).toEqual([{ kind: 'TRANSFER', school: { code: d.central }, person: { name: '周老师' }, validTo: null }]);
  });

  it('县管校聘 (三(四)3): a move to a school outside the 学区 is refused on input.toSchoolCode, with nothing written', async () => {
    const d = await district(s, 1);
    const elsewhere = await school(s, { townshipCode: OTHER_TOWN, name: '外镇小学' });
    const t = await person(s, '吴老师');
    expect((await s.gql(PLACE, { i: { groupId: d.id, personId: t, schoolCode: d.central, validFrom: '2023-09-01' } })).errors).toBeUndefined();
    const r = await s.gql(MOVE, { i: { personId: t, toSchoolCode: elsewhere, date: '2024-03-01' } });
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toSchoolCode', groupId: d.id, schoolCode: elsewhere });
    expect(r.errors?.[0]?.message).toContain('外镇小学');
    expect((await s.gql(TEACHERS, { id: d.id, d: '2024-06-01' })).data.schoolGroup.teachers).toEqual([{ kind: 'PLACEMENT', school: { code: d.central }, person: { name: '吴老师' }, validTo: null }]);
    const staff = await s.gql(`query($c: SchoolCode!) { school(code: $c) { staff(asOf: "2024-06-01") { nodes { id } } } }`, { c: elsewhere });
    expect(staff.data.school.staff.nodes).toEqual([]);
  });

  it('县管校聘 (三(四)2–3): a placement at a non-member school, or a move of an unplaced teacher, is refused', async () => {
    const d = await district(s, 1);
    const elsewhere = await school(s, { townshipCode: OTHER_TOWN });
    const t = await person(s);
    const place = await s.gql(PLACE, { i: { groupId: d.id, personId: t, schoolCode: elsewhere, validFrom: '2023-09-01' } });
    expect(place.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolCode' });
    const move = await s.gql(MOVE, { i: { personId: t, toSchoolCode: d.central, date: '2024-03-01' } });
    expect(move.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
  });
});
