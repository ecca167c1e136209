import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { tables } from '@gongzhi/core';
import { getIntrospectionQuery } from 'graphql';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

/** Bad input, tried as a new user would: a typed error a client can branch on, and nothing written. */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
});
afterAll(() => s?.close());

async function schoolCount() {
  return (await s.db.select().from(tables.schools)).length;
}

describe('errors users can read', () => {
  it('a malformed school code: BAD_USER_INPUT naming the field, in Chinese by default, nothing written', async () => {
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('21450001') });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code', reason: 'a school code is exactly 10 digits' });
    expect(r.errors?.[0]?.message).toContain('学校标识码应为 10 位数字');
    expect(await schoolCount()).toBe(0);
  });

  it('a query nested deeper than the limit (20) is refused before it runs, in the caller’s language; one at the limit and introspection run', async () => {
    // locality → parent → … → code: `depth` fields deep.
    const nested = (depth: number) => `{ locality(code: "450502") ${'{ parent '.repeat(depth - 2)}{ code }${' }'.repeat(depth - 2)} }`;
    const deep = await s.gql(nested(21));
    expect(deep.data).toBeUndefined();
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', depth: 21, maxDepth: 20 });
    expect(deep.errors?.[0]?.message).toContain('超过上限 20 层');
    expect((await s.gql(nested(21), {}, { lang: 'en' })).errors?.[0]?.message).toMatch(/nests 21 fields deep, more than the limit of 20/);
    const atLimit = await s.gql(nested(20));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.locality).toEqual({ parent: { parent: { parent: null } } }); // 450502 → 450500 → 450000 → none
    expect((await s.gql(getIntrospectionQuery())).errors).toBeUndefined();
  });

  it('the same error in English with Accept-Language: en', async () => {
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('21450001') }, { lang: 'en-US,en;q=0.9' });
    expect(r.errors?.[0]?.message).toBe('Invalid input: input.code — a school code is exactly 10 digits');
  });

  it('an unknown locality: NOT_FOUND with entity and key, nothing written', async () => {
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { countyCode: '450599' }) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Locality', key: '450599' });
    expect(await schoolCount()).toBe(0);
  });

  it('a malformed division code, a bad school type, a school type without the stage', async () => {
    const a = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { countyCode: '45a502' }) });
    expect(a.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countyCode' });
    const b = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { schoolType: '999' }) });
    expect(b.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolType' });
    const c = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { stages: ['JUNIOR'] }) });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stages' });
    const d = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { countyCode: '450500' }) });
    expect(d.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countyCode' });
    expect(await schoolCount()).toBe(0);
  });

  it('a duplicate code is refused; an update with a stale version gets CONFLICT', async () => {
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') })).errors).toBeUndefined();
    const dup = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const upd = `mutation($i: UpdateSchoolInput!) { updateSchool(input: $i) { school { name version } } }`;
    const ok = await s.gql(upd, { i: { code: '2145000001', expectedVersion: 1, name: '新名' } });
    expect(ok.data.updateSchool.school).toEqual({ name: '新名', version: 2 });
    const stale = await s.gql(upd, { i: { code: '2145000001', expectedVersion: 1, name: '又一名' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 1, actualVersion: 2 });
    expect((await s.gql(`{ school(code: "2145000001") { name } }`)).data.school.name).toBe('新名');
  });

  it('a failed mutation in the middle leaves no partial data (createSchoolGroup with a missing member)', async () => {
    const r = await s.gql(`mutation { createSchoolGroup(input: { kind: "none.kind", name: "x", localityCode: "450500", memberSchoolCodes: [], validFrom: "2020-09-01" }) { group { id } } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect((await s.db.select().from(tables.schoolGroups)).length).toBe(0);
  });

  it('validation declared on the input fields: ids, exceptions and nulls that cannot clear get BAD_USER_INPUT on their field, nothing written', async () => {
    const people = async () => (await s.db.select().from(tables.people)).length;
    const [before, schoolsBefore] = [await people(), await schoolCount()];
    // An id that is neither a UUID nor a Relay id of the type named.
    const post = await s.gql(`mutation { createPost(input: { personId: "not-an-id", role: "TEACHER", validFrom: "2020-09-01" }) { post { id } } }`);
    expect(post.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId', reason: 'is not a person id (a UUID or its Relay id)' });
    expect(post.errors?.[0]?.message).toContain('不是人员的 id');
    // An exception without a reason: named by its place in the list.
    const exc = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { exceptions: [{ ruleId: 'beihai.same-stage', approvedBy: '市教育局', documentRef: '北教〔2020〕1号', reason: ' ' }] }) });
    expect(exc.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.exceptions.0.reason' });
    // A person's name cannot be cleared: null is refused on the field, not stored or failed in SQL.
    const created = await s.gql(`mutation { createPerson(input: { name: "钱芳", gender: FEMALE, qualification: BACHELOR, title: SENIOR, localityCode: "450502" }) { person { id } } }`);
    const id = created.data.createPerson.person.id;
    const cleared = await s.gql(`mutation($id: ID!) { updatePerson(input: { id: $id, name: null }) { person { name } } }`, { id });
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await people()).toBe(before + 1);
    expect(await schoolCount()).toBe(schoolsBefore);
  });

  it('unexpected failures show no internals', async () => {
    const r = await s.gql(`{ school(code: 12) { name } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r)).not.toMatch(/stacktrace|node_modules|select /i);
  });

  it('a body that is not JSON gets BAD_REQUEST', async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
