import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '@gongzhi/server';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { secretKey } from '@gongzhi/server';
import { tables } from '@gongzhi/core';
import { desc } from 'drizzle-orm';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

let s: TestServer;
let personId: string;
const PERSON = `query($id: ID!) { person(id: $id) { name idNumber phone birthDate } }`;

beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES });
  const r = await s.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { personId } } }`, {
    i: { name: '王芳', gender: 'FEMALE', birthDate: '1985-03-02', idNumber: '450502198503020020', phone: '13800000000', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: '450502' },
  });
  personId = r.data.createPerson.person.personId;
});
afterAll(() => s?.close());

describe('authentication and scopes', () => {
  it('reads of public data need no token; mutations do (FORBIDDEN with the scope needed)', async () => {
    expect((await s.gql(`{ localities { nodes { code } } }`, {}, { token: null })).data.localities.nodes.map((l: any) => l.code)).toEqual(['410000', '450000']);
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') }, { token: null });
    // Refused before anything about the input or the locality is looked at (issue 14).
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'editor' });
    const viewer = await s.token({ roles: ['viewer'], localities: ['450000'] });
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') }, { token: viewer })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'editor' });
    // An editor elsewhere reaches the resolver, which names the scope it needs.
    const elsewhere = await s.token({ roles: ['editor'], localities: ['410000'] });
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') }, { token: elsewhere })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'editor:450502' });
  });

  it('an expired token is refused with UNAUTHENTICATED (401), in the caller’s language', async () => {
    const expired = await signToken(s.auth, { sub: 'u', roles: ['editor'], localities: ['450000'] }, Math.floor(Date.now() / 1000) - 60);
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${expired}`, 'accept-language': 'en' }, body: JSON.stringify({ query: '{ localities { nodes { code } } }' }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'the token has expired; get a new one' });
    const zh = await s.gql(`{ localities { nodes { code } } }`, {}, { token: expired });
    expect(zh.errors?.[0]?.message).toContain('令牌已过期');
  });

  it('a token signed with another secret, or a malformed header, is refused', async () => {
    const forged = await signToken({ secret: secretKey('another-secret-another-secret-0000000000'), issuer: 'gongzhi' }, { sub: 'x', roles: ['admin'], localities: ['450000'] });
    expect((await s.gql(`{ localities { nodes { code } } }`, {}, { token: forged })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Token abc' }, body: JSON.stringify({ query: '{ localities { nodes { code } } }' }) });
    expect(res.status).toBe(401);
  });

  it('an editor of one county cannot write in another; a province scope covers its counties', async () => {
    const haicheng = await s.token({ roles: ['editor'], localities: ['450502'] });
    const other = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000002', { countyCode: '450503' }) }, { token: haicheng });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'editor:450503' });
    const own = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000002') }, { token: haicheng });
    expect(own.errors).toBeUndefined();
    const guangxi = await s.token({ roles: ['editor'], localities: ['450000'] });
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000003', { countyCode: '450503' }) }, { token: guangxi })).errors).toBeUndefined();
    const viewer = await s.token({ roles: ['viewer'], localities: ['450000'] });
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000004') }, { token: viewer })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('enabling a regime needs the admin role, not just editor', async () => {
    const editor = await s.token({ roles: ['editor'], localities: ['450000'] });
    const r = await s.gql(`mutation { enableGovernance(input: { localityCode: "450500", plugin: "x" }) { locality { code } } }`, {}, { token: editor });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'admin:450500' });
  });

  it('personal fields are null without the pii scope, and no audit row is written', async () => {
    const before = (await s.db.select().from(tables.auditLog)).filter((a) => a.operation === 'readPersonalData').length;
    const r = await s.gql(PERSON, { id: personId }, { token: null });
    expect(r.data.person).toEqual({ name: '王芳', idNumber: null, phone: null, birthDate: null });
    const otherPii = await s.token({ roles: ['viewer'], localities: ['410000'], pii: ['410000'] });
    expect((await s.gql(PERSON, { id: personId }, { token: otherPii })).data.person.idNumber).toBeNull();
    expect((await s.db.select().from(tables.auditLog)).filter((a) => a.operation === 'readPersonalData').length).toBe(before);
  });

  it('personal fields are shown with the pii scope of the locality, and the read is audited', async () => {
    const pii = await s.token({ sub: 'auditor-1', roles: ['viewer'], localities: ['450500'], pii: ['450500'] });
    const r = await s.gql(PERSON, { id: personId }, { token: pii });
    expect(r.data.person).toEqual({ name: '王芳', idNumber: '450502198503020020', phone: '13800000000', birthDate: '1985-03-02' });
    const [last] = await s.db.select().from(tables.auditLog).orderBy(desc(tables.auditLog.id)).limit(1);
    expect(last).toMatchObject({ actor: 'auditor-1', operation: 'readPersonalData', entity: 'Person', entityKeys: [personId] });
    expect([...last!.fields].sort()).toEqual(['birthDate', 'idNumber', 'phone']);
  });

  it('mutations leave an audit row without personal values', async () => {
    const rows = await s.db.select().from(tables.auditLog);
    const create = rows.find((a) => a.operation === 'createPerson');
    expect(create).toMatchObject({ actor: 'test-admin', localityCode: '450502', entity: 'Person' });
    expect(JSON.stringify(create)).not.toContain('450502198503020020');
  });

  it('an ID number already on record is refused without repeating it', async () => {
    const r = await s.gql(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { personId } } }`, {
      i: { name: '李明', gender: 'MALE', idNumber: '450502198503020020', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: '450502' },
    });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(JSON.stringify(r.errors)).not.toContain('450502198503020020');
  });
});
