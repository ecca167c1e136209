/**
 * /metrics (issue 17): after a few requests it answers in Prometheus's text format, which this
 * test parses line by line, with request counts and latency by operation, errors by
 * extensions.code, SQL statements, report-cache hits, import rows, and (PostgreSQL) the pool.
 * In production it is off without a token, and asks for the token when one is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, importFile, writeCsv, STATS_HEADERS } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

const COUNTY = '520527';
let s: TestServer;
let dir: string;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
/**
 * The text exposition format, version 0.0.4: `# HELP name text`, `# TYPE name type`, and samples
 * `name{label="value",…} number`. Anything else is a parse error, so a malformed answer fails.
 */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  // Prometheus reads values with Go's ParseFloat, which takes NaN in any case: prom-client prints
  // `Nan` for the event-loop lag of a process scraped before its first sample.
  const sampleRe = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:[0-9.]+(?:e[+-]?\d+)?|[Nn][Aa][Nn]|\+Inf|-Inf))(?: \d+)?$/;
  const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) types.set(m[1]!, m[2]!);
    else if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    else if ((m = sampleRe.exec(line))) {
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(labelRe)) labels[l[1]!] = l[2]!;
      samples.push({ name: m[1]!, labels, value: Number(m[3]!.replace('+Inf', 'Infinity')) });
    } else throw new Error(`not Prometheus text format: ${JSON.stringify(line)}`);
  }
  return { types, samples };
}
const value = (p: ReturnType<typeof parseExposition>, name: string, labels: Record<string, string> = {}) =>
  p.samples.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v)).reduce((a, x) => a + x.value, 0);

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url.replace(/\/graphql$/, '/metrics'), { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-metrics-'));
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: COUNTY, name: '赫章县' }] });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('/metrics', () => {
  it('answers in Prometheus format with requests, latency, errors, statements, report-cache hits and import rows', async () => {
    for (let i = 0; i < 3; i++) expect((await s.gql('query Province { locality(code: "520000") { code name } }')).errors).toBeUndefined();
    expect((await s.gql('mutation Nothing { noSuchField }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await s.gql('query { locality(code: "520000") { code } }', undefined, { token: 'not-a-token' })).status).toBe(401);
    const report = 'query Report { complianceReport(localityCode: "520527", schoolYear: "2024-2025") { findings(first: 5) { totalCount } } }';
    expect((await s.gql(report)).errors).toBeUndefined();
    expect((await s.gql(report)).errors).toBeUndefined(); // the same report again: a cache hit
    writeCsv(path.join(dir, 'stats.csv'), [STATS_HEADERS, ['2152970001', '样本学校0001', '211', COUNTY, '220', 0, 300, 0, 0, 10, 2000, 3000, 500000, 5, '是']]);
    expect((await importFile(s.db, { registry: s.registry, kind: 'stats', file: path.join(dir, 'stats.csv'), schoolYear: '2024-2025' })).errors).toEqual([]);

    const r = await scrape(s.url);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const p = parseExposition(r.text);
    expect(p.types.get('gongzhi_graphql_requests_total')).toBe('counter');
    expect(p.types.get('gongzhi_graphql_request_duration_seconds')).toBe('histogram');
    expect(value(p, 'gongzhi_graphql_requests_total', { operation: 'Province', type: 'query' })).toBe(3);
    expect(value(p, 'gongzhi_graphql_request_duration_seconds_count', { operation: 'Province', type: 'query' })).toBe(3);
    expect(value(p, 'gongzhi_graphql_request_duration_seconds_sum', { operation: 'Province' })).toBeGreaterThan(0);
    expect(value(p, 'gongzhi_graphql_request_duration_seconds_bucket', { operation: 'Province', le: '+Inf' })).toBe(3);
    expect(value(p, 'gongzhi_graphql_requests_total', { operation: 'Report' })).toBe(2);
    expect(value(p, 'gongzhi_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(value(p, 'gongzhi_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(value(p, 'gongzhi_db_statements_total')).toBeGreaterThan(0);
    expect(value(p, 'gongzhi_report_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(value(p, 'gongzhi_report_cache_requests_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(value(p, 'gongzhi_import_rows_total', { kind: 'stats', outcome: 'loaded' })).toBe(1);
    expect(value(p, 'gongzhi_process_resident_memory_bytes')).toBeGreaterThan(0);
    if (s.database.kind === 'postgres') {
      expect(value(p, 'gongzhi_db_pool_connections', { state: 'max' })).toBe(10);
      expect(value(p, 'gongzhi_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(p.samples.some((x) => x.name === 'gongzhi_db_pool_waiting_clients')).toBe(true);
      expect(value(p, 'gongzhi_db_pool_acquire_seconds_count')).toBeGreaterThan(0);
    } else expect(p.samples.some((x) => x.name === 'gongzhi_db_pool_connections')).toBe(false);
  });

  it('an operation name that is not a GraphQL name, or one past the 200th, is not a label of its own', async () => {
    await s.gql('query Province { locality(code: "520000") { code } }', undefined, {});
    const bogus = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await s.token()}` }, body: JSON.stringify({ query: '{ locality(code: "520000") { code } }', operationName: 'x"} 1\nevil' }) });
    expect(bogus.status).toBeLessThan(500);
    const p = parseExposition((await scrape(s.url)).text);
    expect(p.samples.every((x) => !JSON.stringify(x.labels).includes('evil'))).toBe(true);
  });

  it('in production, /metrics is off without a token, and asks for the token when one is set', async () => {
    const off = await createApp({ registry: s.registry, database: s.database, auth: s.auth, production: true });
    const on = await createApp({ registry: s.registry, database: s.database, auth: s.auth, production: true, metrics: { enabled: true, token: 'metrics-token-0123456789' } });
    try {
      const a = await off.listen(0);
      expect((await scrape(a.url)).status).toBe(404);
      const b = await on.listen(0);
      expect((await scrape(b.url)).status).toBe(401);
      expect((await scrape(b.url, { authorization: 'Bearer wrong-token-0123456789xx' })).status).toBe(401);
      const ok = await scrape(b.url, { authorization: 'Bearer metrics-token-0123456789' });
      expect(ok.status).toBe(200);
      expect(() => parseExposition(ok.text)).not.toThrow();
    } finally {
      await off.stop();
      await on.stop();
    }
  });
});
