import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import { CREATE_SCHOOL, LOCALITIES, schoolInput } from '../fixtures.js';

/**
 * Issue 14, "anonymous load ties the server up" and "bodies over 2 MB are reset, not refused":
 * graphql-armor's limits and the report cost refuse a request before it runs; a body over the
 * limit gets a 413 the client receives.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: LOCALITIES, server: { limits: { maxBodyBytes: 64 * 1024 } } });
  expect((await s.gql(CREATE_SCHOOL, { i: schoolInput('2145000001') })).errors).toBeUndefined();
});
afterAll(() => s?.close());

const REPORT = (alias: string) => `${alias}: complianceReport(localityCode: "450502", schoolYear: "2024-2025") { summary { pass fail } }`;

describe('request limits (issue 14)', () => {
  it('many aliased complianceReports are refused by their cost before they run; one runs', async () => {
    const started = Date.now();
    const many = await s.gql(`{ ${Array.from({ length: 9 }, (_, i) => REPORT(`r${i}`)).join(' ')} }`, {}, { token: null });
    expect(many.status).toBe(400);
    expect(many.data).toBeUndefined();
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    expect(Date.now() - started).toBeLessThan(2_000);
    const one = await s.gql(`{ ${REPORT('r0')} }`, {}, { token: null });
    expect(one.errors).toBeUndefined();
  });

  it('50 aliases (the 50-report attack) and 16 of anything are refused; 15 pass', async () => {
    const fifty = await s.gql(`{ ${Array.from({ length: 50 }, (_, i) => REPORT(`r${i}`)).join(' ')} }`, {}, { token: null });
    expect(fifty.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const sixteen = await s.gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: locality(code: "450502") { code }`).join(' ')} }`, {}, { token: null });
    expect(sixteen.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: 15 });
    const fifteen = await s.gql(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: locality(code: "450502") { code }`).join(' ')} }`, {}, { token: null });
    expect(fifteen.errors).toBeUndefined();
  });

  it('200 aliased __schema selections are refused (no 13 MiB answer)', async () => {
    const q = `{ ${Array.from({ length: 200 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    const text = await res.text();
    expect(text.length).toBeLessThan(10_000);
    expect(JSON.parse(text).errors[0].extensions.code).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
  });

  it('too many directives and too many tokens are refused', async () => {
    const directives = await s.gql(`{ __typename ${'@include(if: true) '.repeat(40)} }`, {}, { token: null });
    expect(directives.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
    const tokens = await s.gql(`{ __typename ${'a '.repeat(10_500)} }`, {}, { token: null });
    expect(tokens.errors?.[0]?.message).toMatch(/[Tt]oken/);
    expect(tokens.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
  });

  it('a body over the limit gets a 413 the client receives (not a reset connection); one under it runs', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200 * 1024) } });
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', reason: 'body too large', maxBodyBytes: 64 * 1024 });
    const small = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(small.status).toBe(200);
  });

  it('the default body limit holds the import mutation’s documented 20,000 rows', async () => {
    const { DEFAULT_LIMITS } = await import('@gongzhi/server');
    const row = (i: number) => ({ schoolCode: String(2145100000 + i), name: `某某县第${i}中心小学`, schoolType: '211', countyCode: '450502', townshipCode: '450502101', area: 'RURAL', enrollmentKindergarten: 0, enrollmentPrimary: 1234, enrollmentJunior: 0, enrollmentSenior: 0, classes: 30, teachingAuxAreaM2: 12345.67, sportsGroundAreaM2: 23456.78, equipmentValueFen: 1234567800, multimediaClassrooms: 30, isSample: false });
    const body = JSON.stringify({ query: 'mutation($i: ImportSchoolYearStatsInput!) { importSchoolYearStats(input: $i) { rowsLoaded } }', variables: { i: { localityCode: '450502', schoolYear: '2024-2025', rows: Array.from({ length: 20_000 }, (_, i) => row(i)) } } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024); // did not fit the old limit
    expect(Buffer.byteLength(body)).toBeLessThan(DEFAULT_LIMITS.maxBodyBytes);
  });

  it('a query nested deeper than 20 is refused (graphql-armor max depth)', async () => {
    const nested = (depth: number) => `{ locality(code: "450502") ${'{ parent '.repeat(depth - 2)}{ code }${' }'.repeat(depth - 2)} }`;
    expect((await s.gql(nested(21), {}, { token: null })).errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 20 });
    expect((await s.gql(nested(20), {}, { token: null })).errors).toBeUndefined();
  });
});
