/**
 * Benchmark of the county import and the balance report (issue 3). Run from the repo root:
 *
 *   npx tsx scripts/bench-import.ts [--schools 500] [--people 20000] [--keep]
 *
 * 1. generates a sample county (520527 赫章县): a stats CSV (one row per school) and a staff XLSX
 *    (one row per person);
 * 2. imports both into a fresh PGlite data folder, printing time and peak memory (max sampled RSS);
 * 3. re-imports both (idempotence: nothing may change);
 * 4. tries malformed files — a bad code and a negative area; a missing column — and checks they are
 *    refused with row-level errors and nothing written;
 * 5. asks balanceReport for the county over HTTP and prints its SQL statement count, then times two
 *    front-end queries (a nested schools page, a compliance report page): p50/p95 and statements;
 * 6. opens the loaded folder again in a fresh process and prints its RSS (a restart's cost).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Registry, tables } from '@gongzhi/core';
import { count, eq } from 'drizzle-orm';
import { createApp, formatIssue, importFile, openDatabase, sampleCounty, secretKey, seedFromConfig, signToken, validateConfig, writeCsv, writeXlsx } from '@gongzhi/server';

/** The bench measures core's import: no regime is installed, so core's write rules alone run. */
const NO_PLUGINS = new Registry([]);

const { values } = parseArgs({ options: { schools: { type: 'string', default: '500' }, people: { type: 'string', default: '20000' }, keep: { type: 'boolean', default: false } } });
const COUNTY = '520527';
const YEAR = '2024-2025';

let peak = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 10);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  peak = 0;
  peakHeap = 0;
  sample();
  const t = performance.now();
  const r = await f();
  sample();
  console.log(`${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(2).padStart(7)} s   peak RSS ${mb(peak)} (JS heap ${mb(peakHeap)})`);
  return r;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
const statsFile = path.join(dir, 'county-stats.csv');
const staffFile = path.join(dir, 'county-staff.xlsx');
const data = sampleCounty({ countyCode: COUNTY, schools: Number(values.schools), people: Number(values.people) });
writeCsv(statsFile, data.stats);
writeXlsx(staffFile, data.staff);
console.log(`files: ${statsFile} (${data.stats.length - 1} schools, ${(fs.statSync(statsFile).size / 1024).toFixed(0)} KB), ${staffFile} (${data.staff.length - 1} people, ${(fs.statSync(staffFile).size / 1024).toFixed(0)} KB)`);

const config = validateConfig({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: COUNTY, name: '赫章县' }], governance: [], auth: { secret: 'bench-secret-bench-secret-bench-secret-0123' } }, 'bench');
const database = await timed('open + migrate fresh PGlite folder', async () => {
  const d = await openDatabase({ dataDir: path.join(dir, 'data') });
  await d.migrate([]);
  await seedFromConfig(d.db, new Registry([]), config);
  return d;
});
const db = database.db;
const counts = async () => ({
  schools: Number((await db.select({ n: count() }).from(tables.schools))[0]!.n),
  stats: Number((await db.select({ n: count() }).from(tables.schoolYearStats))[0]!.n),
  people: Number((await db.select({ n: count() }).from(tables.people))[0]!.n),
  posts: Number((await db.select({ n: count() }).from(tables.posts))[0]!.n),
});
const show = (o: Awaited<ReturnType<typeof importFile>>) => {
  if (o.errors.length) throw new Error(`unexpected errors:\n${o.errors.slice(0, 5).map((e) => formatIssue(o.file, e, o.headerOf)).join('\n')}`);
  return JSON.stringify(o.written);
};

console.log('\n— import');
let t0 = performance.now();
let peakAll = 0;
const s1 = await timed(`stats  (${data.stats.length - 1} rows, CSV)`, () => importFile(db, { registry: NO_PLUGINS, kind: 'stats', file: statsFile, schoolYear: YEAR }));
peakAll = Math.max(peakAll, peak);
console.log(`  ${show(s1)}`);
const p1 = await timed(`staff  (${data.staff.length - 1} rows, XLSX)`, () => importFile(db, { registry: NO_PLUGINS, kind: 'staff', file: staffFile, schoolYear: YEAR }));
peakAll = Math.max(peakAll, peak);
console.log(`  ${show(p1)}`);
console.log(`total import: ${((performance.now() - t0) / 1000).toFixed(2)} s, peak RSS ${mb(peakAll)}; rows now ${JSON.stringify(await counts())}`);

console.log('\n— re-import (idempotence)');
const before = await counts();
const s2 = await timed('stats again', () => importFile(db, { registry: NO_PLUGINS, kind: 'stats', file: statsFile, schoolYear: YEAR }));
console.log(`  ${show(s2)}`);
const p2 = await timed('staff again', () => importFile(db, { registry: NO_PLUGINS, kind: 'staff', file: staffFile, schoolYear: YEAR }));
console.log(`  ${show(p2)}`);
const after = await counts();
console.log(`  rows unchanged: ${JSON.stringify(before) === JSON.stringify(after)}`);

console.log('\n— malformed files (a fresh school year: nothing may be written)');
const BAD_YEAR = '2025-2026';
const bad = data.stats.map((r) => [...r]);
bad[2]![0] = '21529A0002'; // a bad code (file row 3)
bad[4]![10] = -120; // a negative teaching area (file row 5)
const badFile = path.join(dir, 'bad-stats.csv');
writeCsv(badFile, bad);
const missing = data.stats.map((r) => r.filter((_, i) => i !== 13)); // no 网络多媒体教室数 column
const missingFile = path.join(dir, 'missing-column.csv');
writeCsv(missingFile, missing);
const beforeBad = await counts();
for (const f of [badFile, missingFile]) {
  const o = await importFile(db, { registry: NO_PLUGINS, kind: 'stats', file: f, schoolYear: BAD_YEAR });
  console.log(`  ${path.basename(f)}: written ${o.written ? 'YES' : 'nothing'}; ${o.errors.length} errors:`);
  for (const e of o.errors) console.log(`    ${formatIssue(f, e, o.headerOf)}`);
}
const badYearRows = Number((await db.select({ n: count() }).from(tables.schoolYearStats).where(eq(tables.schoolYearStats.schoolYear, BAD_YEAR)))[0]!.n);
console.log(`  ${BAD_YEAR} stats rows: ${badYearRows}; all rows unchanged: ${JSON.stringify(beforeBad) === JSON.stringify(await counts())}`);

console.log('\n— balanceReport over HTTP');
const auth = { secret: secretKey(config.auth.secret!), issuer: config.auth.issuer, allowAnonymousRead: config.auth.allowAnonymousRead };
const app = await createApp({ registry: new Registry([]), database, auth });
const { url } = await app.listen(0);
const token = await signToken(auth, { sub: 'bench', roles: ['viewer'], localities: ['520000'], pii: [] }, '1h');
const query = `query($c: DivisionCode!, $y: SchoolYear!, $s: Stage!) {
  balanceReport(localityCode: $c, schoolYear: $y, stage: $s) {
    schoolCount studentCount passingSchools failingSchools isBalanced
    indicators { indicator overallValue cv cvLimit isCvWithinLimit schoolsMeeting topContributors(first: 3) { school { code name } value contribution } }
    schools(first: 1000) { totalCount edges { node { school { code name schoolType { code } } students passes metCount indicators { indicator value distance isMet } } } }
    excluded { school { code } reason students }
  }
}`;
for (const stage of ['PRIMARY', 'JUNIOR']) {
  const n0 = database.statements.count;
  t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: { c: COUNTY, y: YEAR, s: stage } }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  const ms = performance.now() - t0;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const r = body.data.balanceReport;
  console.log(`  ${stage}: ${r.schoolCount} schools (${r.schools.totalCount} listed), ${r.studentCount} pupils, ${r.passingSchools} pass / ${r.failingSchools} fail, ${r.excluded.length} excluded; ${ms.toFixed(0)} ms; SQL statements: ${database.statements.count - n0}`);
  console.log(`    CV: ${r.indicators.map((i: any) => `${i.indicator} ${i.cv?.toFixed(3)}`).join('  ')}`);
}

// What a front-end waits for on this county: each query 20 times, latency percentiles and the SQL
// statements of one request (constant in the rows: every relation is batched).
console.log('\n— front-end queries over HTTP (20 runs each)');
const post = async (q: string, variables: Record<string, unknown>) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const frontEnd: [string, string, Record<string, unknown>][] = [
  ['schools page: 50 × staff × person × posts', `query($c: DivisionCode!) { schools(first: 50, filter: { localityCode: $c }) { totalCount nodes { code name county { name } staff(first: 100) { totalCount nodes { roleTitle person { name backboneLevel posts { school { code } } exchanges { kind } } } } groups { name } } } }`, { c: COUNTY }],
  ['complianceReport: totals + 100 findings', `query($c: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $c, schoolYear: $y) { totals { pass fail warn } findings(first: 100) { totalCount nodes { status rule { id } subjects { key node { ... on School { name } } } } } } }`, { c: COUNTY, y: YEAR }],
];
for (const [label, q, variables] of frontEnd) {
  await post(q, variables); // warm the caches a real server would have warm
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < 20; i++) {
    const n0 = database.statements.count;
    const t = performance.now();
    await post(q, variables);
    times.push(performance.now() - t);
    statements = database.statements.count - n0;
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(44)} p50 ${times[9]!.toFixed(0).padStart(5)} ms   p95 ${times[18]!.toFixed(0).padStart(5)} ms   SQL statements: ${statements}`);
}
await app.stop();
await database.close();

// What a server costs once the data is there: a fresh process opening the county's folder (no
// initdb, which dominates the first start's peak) and answering a balance report.
console.log('\n— a restart on the loaded folder (child process)');
const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
  const { openDatabase } = await import('@gongzhi/server');
  const d = await openDatabase({ dataDir: ${JSON.stringify(path.join(dir, 'data'))} });
  const before = process.memoryUsage().rss;
  const { count } = (await d.db.execute('select count(*)::int as count from core.people')).rows[0];
  console.log('  open: RSS ' + Math.round(before / 1048576) + ' MB; people on file: ' + count);
  await d.close();
`], { cwd: process.cwd(), encoding: 'utf8' });
process.stdout.write(child.stdout);
if (child.status !== 0) process.stderr.write(child.stderr);
clearInterval(sampler);
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`\nkept ${dir}`);
