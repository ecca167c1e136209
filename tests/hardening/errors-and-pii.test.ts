import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { definePlugin, tables } from '@gongzhi/core';
import { createLogger } from '@gongzhi/server';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

/**
 * Issue 14: "unexplained 500s", "one bad value breaks a county's report", "ID numbers can be
 * probed without the pii scope", "audit rows misattributed", "anonymous writes".
 */
const logLines: any[] = [];
const sink = new Writable({ write(chunk, _e, cb) { for (const l of String(chunk).split('\n')) if (l.trim()) logLines.push(JSON.parse(l)); cb(); } });

// A query that fails the way an unforeseen bug does (a plain Error inside a resolver).
const crashy = definePlugin({
  id: 'crashy',
  title: { zh: '测试', en: 'test' },
  policy: { doc: 'test', issuer: 'test', issued: '2024-01-01' },
  coreVersion: '^0.1.0',
  options: z.object({}),
  schema: ({ builder }: any) => {
    builder.queryField('crashyBoom', (t: any) => t.string({ description: 'Fails as a bug would (test only).', resolve: () => { throw new Error('select * from secret_table failed at /srv/app.ts:12'); } }));
  },
} as any);

let s: TestServer;
const CREATE_PERSON = `mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }`;
const person = (extra: Record<string, unknown> = {}) => ({ name: '张三', gender: 'MALE', qualification: 'BACHELOR', title: 'NONE', localityCode: '450502', ...extra });
// A valid number (GB 11643-1999 check character X); the same with check character 1 is not.
const VALID_ID = '11010519491231002X';

beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES, plugins: [crashy] }, { logger: createLogger({ level: 'info' }, sink) });
  for (const c of ['2145000001', '2145000002']) expect((await s.gql(CREATE_SCHOOL, { i: schoolInput(c) })).errors).toBeUndefined();
});
afterAll(() => s?.close());

describe('clean errors (issue 14)', () => {
  it('NUL in a name: BAD_USER_INPUT naming input.name, nothing written', async () => {
    const r = await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000009', { name: 'a\u0000b' }) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await s.db.select().from(tables.schools).where(eq(tables.schools.code, '2145000009'))).toEqual([]);
  });

  it('first: -1, node(id: ""), a bad base64 id, a garbage cursor: typed errors, never INTERNAL_SERVER_ERROR', async () => {
    const cases = [
      `{ schools(first: -1) { totalCount } }`,
      `{ node(id: "") { id } }`,
      `{ node(id: "%%%notbase64") { id } }`,
      `{ node(id: "U2Nob29sOg==") { id } }`,
      `{ schools(first: 1, after: "garbage!!") { edges { node { code } } } }`,
      `{ schools(first: 1, after: "YXJyYXljb25uZWN0aW9uOmFiYw==") { edges { node { code } } } }`,
    ];
    for (const q of cases) {
      const r = await s.gql(q, {}, { token: null });
      for (const e of r.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND'], q).toContain(e.extensions?.code);
    }
    expect((await s.gql(cases[0]!, {}, { token: null })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await s.gql(cases[1]!, {}, { token: null })).errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
  });

  it('an APQ request with a wrong hash: BAD_USER_INPUT', async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'deadbeef' } } }) });
    const body = await res.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'extensions.persistedQuery.sha256Hash' });
  });

  it('an unexpected error: the client gets only the code and a request id; the log has that id and the cause', async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-0001' }, body: JSON.stringify({ query: '{ crashyBoom }' }) });
    const body = await res.json();
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-test-0001' });
    expect(JSON.stringify(body)).not.toMatch(/secret_table|\/srv/);
    const line = logLines.find((l) => l.requestId === 'req-test-0001');
    expect(line).toMatchObject({ level: 50, msg: 'unexpected error' });
    expect(JSON.stringify(line)).toMatch(/secret_table/);
  });

  it('an imported area of 1e308 is refused, and the county’s balanceReport still answers', async () => {
    const M = `mutation($i: ImportSchoolYearStatsInput!) { importSchoolYearStats(input: $i) { rowsLoaded } }`;
    const row = (code: string, area: number) => ({ schoolCode: code, name: `学校${code}`, schoolType: '211', countyCode: '450502', area: 'RURAL', enrollmentPrimary: 400, teachingAuxAreaM2: area, sportsGroundAreaM2: 3000, equipmentValueFen: 80_000_000, multimediaClassrooms: 9 });
    const bad = await s.gql(M, { i: { localityCode: '450502', schoolYear: '2024-2025', rows: [row('2145000001', 1e308)] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rows.0.teachingAuxAreaM2' });
    const good = await s.gql(M, { i: { localityCode: '450502', schoolYear: '2024-2025', rows: [row('2145000001', 1800), row('2145000002', 2000)] } });
    expect(good.errors).toBeUndefined();
    const report = await s.gql(`{ balanceReport(localityCode: "450502", schoolYear: "2024-2025", stage: PRIMARY) { schools(first: 10) { totalCount } } }`);
    expect(report.errors).toBeUndefined();
  });
});

describe('personal data (issue 14)', () => {
  it('createPerson checks ID numbers as the import does: month 13, a bad check character, a bad region are refused', async () => {
    for (const [id, reason] of [['110105194913310023', /birth date/], ['110105194912310021', /check character/], ['990105194912310021', /region/]] as const) {
      const r = await s.gql(CREATE_PERSON, { i: person({ idNumber: id }) });
      expect(r.errors?.[0]?.extensions, id).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
      expect(r.errors?.[0]?.extensions?.reason).toMatch(reason);
    }
    expect((await s.gql(CREATE_PERSON, { i: person({ idNumber: VALID_ID }) })).errors).toBeUndefined();
  });

  it('an editor without pii scope cannot probe ID numbers (FORBIDDEN before the uniqueness check); outside the pii scope, a duplicate is not described', async () => {
    const noPii = await s.token({ roles: ['editor'], localities: ['450000', '410000'], pii: [] });
    const r = await s.gql(CREATE_PERSON, { i: person({ idNumber: VALID_ID }) }, { token: noPii });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', scope: 'pii:450502' });
    expect(JSON.stringify(r)).not.toMatch(/another person|另一人员/);
    // pii over Henan only, the number is on file in Guangxi: refused without "another person".
    const henan = await s.token({ roles: ['editor'], localities: ['410000'], pii: ['410000'] });
    const h = await s.gql(CREATE_PERSON, { i: person({ idNumber: VALID_ID, localityCode: '410108' }) }, { token: henan });
    expect(h.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(h)).not.toMatch(/another person|另一人员|personId/);
    // Within the caller's pii scope the duplicate is named.
    const d = await s.gql(CREATE_PERSON, { i: person({ idNumber: VALID_ID }) });
    expect(d.errors?.[0]?.extensions?.reason).toMatch(/another person/);
  });

  it('one read of personal data in two counties writes one audit row per county', async () => {
    const a = await s.gql(CREATE_PERSON, { i: person({ name: '李四', phone: '0779-1234567', localityCode: '450502' }) });
    const b = await s.gql(CREATE_PERSON, { i: person({ name: '王五', phone: '0371-1234567', localityCode: '410108' }) });
    const ids = [a.data.createPerson.person.id, b.data.createPerson.person.id];
    const reader = await s.token({ sub: 'two-county-reader', roles: ['viewer'], localities: ['450000', '410000'], pii: ['450000', '410000'] });
    const r = await s.gql(`query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Person { phone } } b: node(id: $b) { ... on Person { phone } } }`, { a: ids[0], b: ids[1] }, { token: reader });
    expect(r.errors).toBeUndefined();
    const rows = await s.db.select().from(tables.auditLog).where(and(eq(tables.auditLog.actor, 'two-county-reader'), eq(tables.auditLog.operation, 'readPersonalData')));
    expect(rows.map((x) => x.localityCode).sort()).toEqual(['410108', '450502']);
  });

  it('anonymous and viewer callers learn nothing about ids from a mutation: FORBIDDEN before NOT_FOUND or BAD_USER_INPUT', async () => {
    const q = `mutation { archiveSchool(input: { code: "2145999999" }) { school { code } } }`;
    expect((await s.gql(q, {}, { token: null })).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', scope: 'editor' });
    const viewer = await s.token({ roles: ['viewer'], localities: ['450000'] });
    expect((await s.gql(q, {}, { token: viewer })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('bad') }, { token: null })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
