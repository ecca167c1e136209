import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
});
afterAll(() => s?.close());

describe('core model through the API', () => {
  it('creates a school and reads it back with its county, parent and warnings', async () => {
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001', { townshipCode: null }) });
    expect(r.errors).toBeUndefined();
    const q = await s.gql(`{ school(code: "2145000001") { id code stages schoolType { code name } county { name level parent { code } } authority { code } codeWarnings } }`);
    expect(q.data.school).toMatchObject({ code: '2145000001', stages: ['PRIMARY'], schoolType: { code: '211', name: '小学' }, county: { name: '海城区', level: 'COUNTY', parent: { code: '450500' } }, authority: { code: '450502' }, codeWarnings: [] });
    // Relay: the global id fetches the same school through node(id:).
    const n = await s.gql(`query($id: ID!) { node(id: $id) { ... on School { code } } }`, { id: q.data.school.id });
    expect(n.data.node).toEqual({ code: '2145000001' });
  });

  it('localities: children and levels are derived from codes', async () => {
    const r = await s.gql(`{ localities(filter: { parentCode: "450000" }) { totalCount nodes { code level } } locality(code: "450500") { children { code } } }`);
    expect(r.data.localities).toEqual({ totalCount: 3, nodes: [{ code: '450500', level: 'CITY' }, { code: '450502', level: 'COUNTY' }, { code: '450503', level: 'COUNTY' }] });
    expect(r.data.locality.children.map((c: any) => c.code)).toEqual(['450502', '450503']);
    const add = await s.gql(`mutation { createLocality(input: { code: "450502001", name: "街道" }) { locality { level parent { code } } } }`);
    expect(add.data.createLocality.locality).toEqual({ level: 'TOWNSHIP', parent: { code: '450502' } });
    // Outside the caller's scope: refused before anything is looked at.
    const outside = await s.gql(`mutation { createLocality(input: { code: "330102", name: "上城区" }) { locality { code } } }`);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'admin:330102' });
    // A county-level division directly under the province (省直辖, like 429004 仙桃市) hangs from the province.
    const direct = await s.gql(`mutation { createLocality(input: { code: "459001", name: "省直辖示例" }) { locality { parent { code } } } }`);
    expect(direct.data.createLocality.locality.parent).toEqual({ code: '450000' });
    const dup = await s.gql(`mutation { createLocality(input: { code: "450502", name: "重复" }) { locality { code } } }`);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('people, posts and exchanges: appoint, move, and read history by date', async () => {
    await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000002') });
    const p = await s.gql(`mutation { createPerson(input: { name: "赵丽", gender: FEMALE, qualification: BACHELOR, title: SENIOR, backboneLevel: CITY, subjects: ["数学"], localityCode: "450502" }) { person { personId } } }`);
    const id = p.data.createPerson.person.personId;
    const post = await s.gql(`mutation($id: ID!) { createPost(input: { personId: $id, role: "TEACHER", schoolCode: "2145000001", validFrom: "2020-09-01", validTo: "2024-08-31" }) { post { id roleTitle } } }`, { id });
    expect(post.data.createPost.post.roleTitle).toBe('专任教师');
    await s.gql(`mutation($id: ID!) { createPost(input: { personId: $id, role: "PRINCIPAL", schoolCode: "2145000002", validFrom: "2024-09-01" }) { post { id } } }`, { id });
    const badRole = await s.gql(`mutation($id: ID!) { createPost(input: { personId: $id, role: "KING", schoolCode: "2145000002", validFrom: "2024-09-01" }) { post { id } } }`, { id });
    expect(badRole.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const then = await s.gql(`{ school(code: "2145000001") { staff(asOf: "2022-03-01") { nodes { role person { name } } } } }`);
    expect(then.data.school.staff.nodes).toEqual([{ role: 'TEACHER', person: { name: '赵丽' } }]);
    const now = await s.gql(`{ school(code: "2145000001") { staff { nodes { role } } } }`);
    expect(now.data.school.staff.nodes).toEqual([]);
    const ex = await s.gql(`mutation($id: ID!) { recordExchange(input: { personId: $id, fromSchoolCode: "2145000002", toSchoolCode: "2145000001", kind: ROTATION, startDate: "2025-09-01", endDate: "2026-08-31" }) { exchange { isBackbone backboneLevel fromSchool { code } } } }`, { id });
    expect(ex.data.recordExchange.exchange).toEqual({ isBackbone: true, backboneLevel: 'CITY', fromSchool: { code: '2145000002' } });
    const list = await s.gql(`{ exchanges(filter: { localityCode: "450502", schoolYear: "2025-2026" }) { totalCount edges { node { person { name } } } } }`);
    expect(list.data.exchanges.totalCount).toBe(1);
    const none = await s.gql(`{ exchanges(filter: { schoolYear: "2023-2024" }) { totalCount } }`);
    expect(none.data.exchanges.totalCount).toBe(0);
    const people = await s.gql(`{ people(filter: { schoolCode: "2145000002", role: "PRINCIPAL" }) { totalCount edges { node { name backboneLevel } } } }`);
    expect(people.data.people.edges).toEqual([{ node: { name: '赵丽', backboneLevel: 'CITY' } }]);
  });

  it('posts, exchanges and plans are Relay nodes: node(id:) refetches them, the raw UUID is beside, and mutations take either id', async () => {
    const staff = await s.gql(`{ school(code: "2145000001") { staff(asOf: "2022-03-01") { nodes { id postId } } } }`);
    const post = staff.data.school.staff.nodes[0];
    expect(post.postId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(post.id).not.toBe(post.postId);
    const again = await s.gql(`query($id: ID!) { node(id: $id) { __typename ... on Post { postId role } } }`, { id: post.id });
    expect(again.data.node).toEqual({ __typename: 'Post', postId: post.postId, role: 'TEACHER' });
    // updatePost with the global id ends the post on the day given.
    const ended = await s.gql(`mutation($id: ID!) { updatePost(input: { id: $id, validTo: "2023-08-31" }) { post { postId validTo } } }`, { id: post.id });
    expect(ended.data.updatePost.post).toEqual({ postId: post.postId, validTo: '2023-08-31' });
    const ex = (await s.gql(`{ exchanges(filter: { localityCode: "450502" }) { nodes { id exchangeId } } }`)).data.exchanges.nodes[0];
    expect((await s.gql(`query($id: ID!) { node(id: $id) { ... on Exchange { exchangeId kind } } }`, { id: ex.id })).data.node).toEqual({ exchangeId: ex.exchangeId, kind: 'ROTATION' });
    // A global id of another type is no post id: refused on the field, as a malformed one is.
    const wrong = await s.gql(`mutation($id: ID!) { archivePost(input: { id: $id }) { post { postId } } }`, { id: ex.id });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });

  it('archiving keeps history but hides the school from lists', async () => {
    const before = (await s.gql(`{ schools { totalCount } }`)).data.schools.totalCount;
    const a = await s.gql(`mutation { archiveSchool(input: { code: "2145000002" }) { school { isArchived } } }`);
    expect(a.data.archiveSchool.school.isArchived).toBe(true);
    expect((await s.gql(`{ schools { totalCount } }`)).data.schools.totalCount).toBe(before - 1);
    expect((await s.gql(`{ schools(filter: { includeArchived: true }) { totalCount } }`)).data.schools.totalCount).toBe(before);
    const again = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000002') });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });
});
