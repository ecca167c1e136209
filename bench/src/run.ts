/**
 * `npm run bench` (issue 9): Gongzhi against PostGraphile 5.1.5 (amber, Node 22) and a hand-written
 * SQL floor over `pg`, on the same generated PostgreSQL data, back to back.
 *
 *   npm run bench [-- --size county|province] [--duration 9] [--rounds 3] [--warmup 1] [--fresh] [--no-write]
 *                 [--count-only] [--sql P1] [--report-only] [--note TEXT]
 *
 * --count-only stops after the counting pass (statements, rows, same answers: a minute on the county);
 * --sql W prints the SQL of Gongzhi's workload W; --report-only rewrites BENCHMARKS.md from
 * bench/results/<size>.json; --note adds a line to BENCHMARKS.md.
 *
 * 1. creates the database (gongzhi_bench_<size>) on DATABASE_URL's server or the local one, applies
 *    Gongzhi's migrations and generates the data with COPY (generate.ts); a later run reuses it;
 * 2. counting pass: each system once more behind a counting wire-protocol proxy (proxy.ts): SQL
 *    statements and rows fetched per request, and a check that the three answer the same data;
 * 3. timed pass: the three servers side by side, each workload at c=1 and c=16 on each system in
 *    turn: rps, p50, p99, server CPU a request, peak RSS; Gongzhi's reports; P3 beside a running
 *    report; the province-wide reports; two Gongzhi replicas on one database;
 * 4. prints the issue's table with each ratio and goal, and writes BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, signToken, secretKey } from '@gongzhi/server';
import { prepareDatabase, DEFAULT_SERVER, type Prepared } from './database.js';
import { BENCH_COUNTY, PROVINCE, type Size } from './generate.js';
import { CountingProxy } from './proxy.js';
import { closePools, combine, load, send, type LoadResult } from './load.js';
import { BENCH_DIR, cpuMs, loadAverage, memory, NODE22, resetPeak, ROOT, sampled, startServer, stopServer, type Server } from './proc.js';
import { answerSize, endCursor, normalise, queryDepth, request, type Params, type Req, type SystemId, type WorkloadId } from './workloads.js';
import { writeReport, type Results } from './report.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'province' },
    duration: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '9' },
    fresh: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
    sql: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
    'count-only': { type: 'boolean', default: false },
    note: { type: 'string' },
  },
});
const size = args.size as Size;
if (size !== 'county' && size !== 'province') throw new Error('--size is county or province');
if (args['report-only']) {
  // Write BENCHMARKS.md again from the last run's figures (bench/results/<size>.json), running nothing.
  const last = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'results', `${size}.json`), 'utf8')) as Results;
  if (args.note) last.note = args.note;
  fs.writeFileSync(args.out!, writeReport(last, { print: true }));
  process.exit(0);
}
const durationMs = Number(args.duration) * 1000;
/** P1–P3 are measured in rounds (the three systems in a rotating order each round), pooled. */
const rounds = Math.max(1, Number(args.rounds));
const warmupMs = Number(args.warmup) * 1000;
const log = (l: string) => console.log(l);
const t0 = Date.now();

// The current school year in Shanghai, as Gongzhi's own default.
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const firstYear = Number(today.slice(5, 7)) >= 9 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
const schoolYear = `${firstYear}-${firstYear + 1}`;
const previousYear = `${firstYear - 1}-${firstYear}`;

const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
const { config } = await loadConfig(path.join(ROOT, 'gongzhi.config.ts'));

// --- the machine --------------------------------------------------------------------------
const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? '?',
  memoryGb: os.totalmem() / 1024 ** 3,
  node: process.version,
  node22: execFileSync(NODE22, ['-v']).toString().trim(),
  postgres: '',
  pgStatStatements: '',
  loadBefore: loadAverage(),
  loadAfter: '',
  date: new Date().toISOString(),
  commit: (() => {
    try {
      return execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim() + (execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no', 'packages', 'plugins']).toString().trim() ? ' + uncommitted changes in packages/plugins' : '');
    } catch {
      return '?';
    }
  })(),
};
log(`共治 Gongzhi bench — size ${size}, ${machine.cpus} CPUs, ${machine.memoryGb.toFixed(1)} GB, node ${machine.node} / ${machine.node22}; load average ${machine.loadBefore}`);

// --- 1. the database ----------------------------------------------------------------------
const prepared: Prepared = await prepareDatabase({ serverUrl, name: `gongzhi_bench_${size}`, size, seed: Number(args.seed), schoolYear, plugins: config.plugins, fresh: args.fresh, log });
log(`data: ${JSON.stringify(prepared.counts)}${prepared.generated ? ` — generated in ${prepared.generated.seconds.toFixed(1)} s` : ''}${prepared.reused ? ' (earlier)' : ''}`);
const dbUrl = prepared.url;
{
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  machine.postgres = (await c.query('show server_version')).rows[0].server_version;
  try {
    await c.query('create extension if not exists pg_stat_statements');
    await c.query('select count(*) from pg_stat_statements');
    machine.pgStatStatements = 'loaded (the bench still counts with its proxy, the same way for the three systems)';
  } catch (e) {
    machine.pgStatStatements = `not usable here: ${(e as Error).message.split('\n')[0]} — counted by the bench's wire-protocol proxy instead`;
  }
  // P2's school: the county's largest (most staff in force) among those in a group.
  var bigSchool: string = (
    await c.query(
      `select p.school_code from core.posts p join core.schools s on s.code = p.school_code
        where s.county_code = $1 and p.valid_to is null and exists (select 1 from core.group_members m where m.school_code = s.code and m.valid_to is null)
        group by 1 order by count(*) desc, 1 limit 1`,
      [BENCH_COUNTY],
    )
  ).rows[0].school_code;
  await c.end();
}
const params: Params = { county: BENCH_COUNTY, province: PROVINCE, schoolYear, bigSchool };
// Fresh reports at c=16 must not share one computation (Gongzhi's report cache lets concurrent
// requests for the same key wait for one answer): they rotate over up to 16 counties of the same size.
var counties: string[];
{
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  counties = (await c.query(`select code from core.localities where level = 'COUNTY' order by code <> $1, code limit 16`, [BENCH_COUNTY])).rows.map((r) => r.code);
  await c.end();
}

// A write that no report reads the answer of, but that makes every cached report stale: the data's
// version (core.data_version, bumped by Gongzhi's triggers in every writing transaction). Reports are
// timed "fresh" (bumped before each request: each one computes) and "cached" (repeated, no write).
const bumpPool = new pg.Pool({ connectionString: dbUrl, max: 4 });
let canBump = true;
const bump = async () => {
  if (!canBump) return;
  await bumpPool.query('update core.data_version set version = version + 1 where id = 1').catch(() => (canBump = false));
};

const secret = `bench-${Math.random().toString(36).slice(2)}-0123456789abcdef0123456789`;
const token = await signToken({ secret: secretKey(secret), issuer: config.auth.issuer }, { sub: 'bench', roles: ['viewer'], localities: [PROVINCE], pii: [] }, '12h');
const headersFor = (s: SystemId): Record<string, string> => (s === 'gongzhi' ? { authorization: `Bearer ${token}` } : {});

const SYSTEMS: SystemId[] = ['gongzhi', 'postgraphile', 'floor'];
const PAGES: WorkloadId[] = ['P1', 'P2', 'P3'];
const REPORTS: WorkloadId[] = ['compliance', 'balance'];
const PROVINCE_REPORTS: WorkloadId[] = size === 'province' ? ['provinceBalance', 'provinceCompliance'] : [];
const workloadsOf = (s: SystemId): WorkloadId[] => (s === 'gongzhi' ? [...PAGES, ...REPORTS, ...PROVINCE_REPORTS] : PAGES);

async function ask(s: Server, req: Req): Promise<any> {
  const r = await send(s.origin, req, headersFor(s.system));
  const body = JSON.parse(r.text);
  if (r.status !== 200 || body.errors) throw new Error(`${s.name} ${req.path}: ${r.status} ${r.text.slice(0, 500)}`);
  return body.data;
}
/** P3 asks for page 3: each system's own cursor at the end of page 2. */
async function page3(s: Server): Promise<Req> {
  let cursor: string | null = null;
  for (let i = 0; i < 2; i++) cursor = endCursor(s.system, await ask(s, request(s.system, 'P3', params, cursor)!));
  return request(s.system, 'P3', params, cursor)!;
}
async function requestsOf(s: Server): Promise<Map<WorkloadId, Req>> {
  const m = new Map<WorkloadId, Req>();
  for (const w of workloadsOf(s.system)) m.set(w, w === 'P3' ? await page3(s) : request(s.system, w, params)!);
  return m;
}

const results: Results = {
  size,
  machine,
  data: prepared.counts,
  generatedSeconds: prepared.generated?.seconds,
  reused: prepared.reused,
  params,
  command: `npm run bench -- --size ${size}${args.duration !== '9' ? ` --duration ${args.duration}` : ''}${args.rounds !== '3' ? ` --rounds ${args.rounds}` : ''}${args.warmup !== '1' ? ` --warmup ${args.warmup}` : ''}`,
  counting: {},
  equal: {},
  timed: {},
  cached: {},
  reportCounties: counties.length,
  beside: undefined,
  replicas: {},
  idleRss: {},
  depth: {},
  constantInRows: undefined,
  note: args.note,
  wallSeconds: 0,
};

// --- 2. counting pass ---------------------------------------------------------------------
log('\n— counting pass (each system behind the counting proxy): SQL statements and rows fetched per request');
const target = new URL(serverUrl);
const proxy = new CountingProxy({ host: target.hostname, port: Number(target.port || 5432) });
const proxyPort = await proxy.listen();
const proxied = new URL(dbUrl);
proxied.hostname = '127.0.0.1';
proxied.port = String(proxyPort);
const answers: Partial<Record<SystemId, Partial<Record<WorkloadId, unknown>>>> = {};
for (const system of SYSTEMS) {
  const s = await startServer(system, { databaseUrl: proxied.toString(), secret });
  try {
    const reqs = await requestsOf(s);
    answers[system] = {};
    results.counting[system] = {};
    for (const [w, req] of reqs) {
      const n = w.startsWith('province') ? 1 : 3;
      const report = REPORTS.includes(w) || PROVINCE_REPORTS.includes(w);
      if (!w.startsWith('province')) await ask(s, req); // warm: loaders, plans, caches
      proxy.reset();
      let data: unknown;
      for (let i = 0; i < n; i++) {
        if (report) await bump(); // count a report's own work, not a cache hit
        data = await ask(s, req);
      }
      const c = proxy.reset();
      const size_ = answerSize(data);
      results.counting[system]![w] = { statements: c.statements / n, rows: c.rows / n, returnedRows: size_.rows, counts: size_.counts, sql: c.sql.slice(0, c.sql.length / n) };
      answers[system]![w] = normalise(system, w, data);
      if (req.query) results.depth[`${system}:${w}`] = queryDepth(req.query);
      log(`  ${s.name.padEnd(12)} ${w.padEnd(18)} ${String(c.statements / n).padStart(5)} statements  ${String(Math.round(c.rows / n)).padStart(7)} rows fetched  (answer: ${size_.rows} rows, ${size_.counts} counts)`);
      if (args.sql === w && system === 'gongzhi') for (const q of results.counting[system]![w]!.sql) log(`      ${q.replace(/\s+/g, ' ').slice(0, 400)}`);
    }
    if (system === 'gongzhi') {
      // Constant in rows: P1 with 10 schools instead of 50 sends as many statements.
      const small = request('gongzhi', 'P1', params, null, 10)!;
      await ask(s, small);
      proxy.reset();
      await ask(s, small);
      const c10 = proxy.reset().statements;
      results.constantInRows = { p1with10: c10, p1with50: results.counting.gongzhi!.P1!.statements };
    }
  } finally {
    await stopServer(s);
  }
}
await proxy.close();
for (const w of PAGES) {
  const g = JSON.stringify(answers.gongzhi?.[w]);
  for (const other of ['postgraphile', 'floor'] as SystemId[]) {
    const o = JSON.stringify(answers[other]?.[w]);
    results.equal[`${other}:${w}`] = g === o;
    if (g !== o) {
      log(`  ! ${w}: ${other}'s answer differs from Gongzhi's`);
      const a = answers.gongzhi?.[w] as any;
      const b = answers[other]?.[w] as any;
      for (const k of Object.keys(a ?? {})) if (JSON.stringify(a[k]) !== JSON.stringify(b?.[k])) log(`      ${k}: gongzhi ${JSON.stringify(a[k]).slice(0, 200)}\n      ${' '.repeat(k.length)}  ${other} ${JSON.stringify(b?.[k]).slice(0, 200)}`);
    }
  }
}
log(`  same answers: ${Object.entries(results.equal).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);

if (args['count-only']) {
  await bumpPool.end();
  process.exit(0);
}

// --- 3. timed pass ------------------------------------------------------------------------
log(`\n— timed pass: P1–P3 ${args.duration} s per system, workload and concurrency, in ${rounds} rounds (rotating order) after ${args.warmup} s of warm-up each; load average ${loadAverage()}`);
interface Measured extends LoadResult { cpuPerRequest: number; peakRss: number }
async function measure(s: Server, req: Req, concurrency: number, o: { durationMs?: number; warmupMs?: number; minRequests?: number; maxRequests?: number; before?: () => Promise<unknown>; rotate?: Req[] } = {}): Promise<Measured> {
  const targets = [{ origin: s.origin, req, rotate: o.rotate, headers: headersFor(s.system) }];
  if (o.warmupMs ?? warmupMs) await load(targets, { concurrency, durationMs: o.warmupMs ?? warmupMs, before: o.before });
  const hwmOk = resetPeak(s.pid);
  const cpu0 = cpuMs(s.pid);
  const { value: r, maxRss } = await sampled([s.pid], () => load(targets, { concurrency, durationMs: o.durationMs ?? durationMs, minRequests: o.minRequests, maxRequests: o.maxRequests, before: o.before }));
  const cpu = cpuMs(s.pid) - cpu0;
  const peak = Math.max(maxRss[0]!, hwmOk ? memory(s.pid).hwm : 0);
  if (r.errors) log(`    ! ${r.errors} errors: ${r.firstError}`);
  return { ...r, cpuPerRequest: cpu / Math.max(1, r.requests + r.errors), peakRss: peak };
}
const fmt = (m: Measured) => `${m.rps.toFixed(1).padStart(7)} rps  p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  CPU ${m.cpuPerRequest.toFixed(2).padStart(6)} ms/req  peak RSS ${m.peakRss.toFixed(0).padStart(4)} MB  (${m.requests} req)`;

const servers: Partial<Record<SystemId, Server>> = {};
const extra: Server[] = [];
const reqs: Partial<Record<SystemId, Map<WorkloadId, Req>>> = {};
try {
  for (const system of SYSTEMS) {
    servers[system] = await startServer(system, { databaseUrl: dbUrl, secret });
    reqs[system] = await requestsOf(servers[system]!);
    results.idleRss[system] = memory(servers[system]!.pid).rss;
  }
  log(`  servers: ${SYSTEMS.map((s) => `${s} pid ${servers[s]!.pid} (node ${servers[s]!.nodeVersion}, RSS ${results.idleRss[s]!.toFixed(0)} MB)`).join('; ')}`);
  // Back to back: each round runs the three systems one after the other, in a rotating order, so
  // that a burst of the machine's other load falls on all three alike.
  for (const w of PAGES) {
    for (const c of [1, 16]) {
      const parts: Record<string, Measured[]> = {};
      for (let round = 0; round < rounds; round++)
        for (let k = 0; k < SYSTEMS.length; k++) {
          const system = SYSTEMS[(k + round) % SYSTEMS.length]!;
          (parts[system] ??= []).push(await measure(servers[system]!, reqs[system]!.get(w)!, c, { durationMs: durationMs / rounds }));
        }
      for (const system of SYSTEMS) {
        const ps = parts[system]!;
        const m = combine(ps, (rs) => ({ cpuPerRequest: rs.reduce((a, r) => a + r.cpuPerRequest * (r.requests + r.errors), 0) / Math.max(1, rs.reduce((a, r) => a + r.requests + r.errors, 0)), peakRss: Math.max(...rs.map((r) => r.peakRss)) }));
        ((results.timed[system] ??= {})[w] ??= {})[c] = m;
        log(`  ${w} c=${String(c).padEnd(2)} ${system.padEnd(12)} ${fmt(m)}  [rounds: ${ps.map((r) => r.rps.toFixed(0)).join(', ')} rps]`);
      }
    }
  }
  await stopServer(servers.postgraphile!);
  await stopServer(servers.floor!);
  const g = servers.gongzhi!;
  const greq = reqs.gongzhi!;
  // Two stateless replicas on one database, behind a round-robin balancer (the load generator).
  {
    const second = await startServer('gongzhi', { databaseUrl: dbUrl, secret, name: 'gongzhi#2' });
    extra.push(second);
    try {
      // Rounds alternate one replica and two, so that both see the same background load.
      for (const w of PAGES) {
        const one = [{ origin: g.origin, req: greq.get(w)!, headers: headersFor('gongzhi') }];
        const two = [g, second].map((s) => ({ origin: s.origin, req: greq.get(w)!, headers: headersFor('gongzhi') }));
        await load(two, { concurrency: 16, durationMs: warmupMs });
        const singles: LoadResult[] = [];
        const pairs: LoadResult[] = [];
        const rss = [0, 0];
        for (let round = 0; round < rounds; round++) {
          singles.push(await load(one, { concurrency: 16, durationMs: durationMs / rounds }));
          const { value, maxRss } = await sampled([g.pid, second.pid], () => load(two, { concurrency: 16, durationMs: durationMs / rounds }));
          pairs.push(value);
          maxRss.forEach((v, i) => (rss[i] = Math.max(rss[i]!, v)));
        }
        const single = combine(singles, () => ({}));
        const r = combine(pairs, () => ({}));
        results.replicas[w] = { rps: r.rps, p50: r.p50, p99: r.p99, single: single.rps, rss };
        log(`  ${w} c=16 two gongzhi replicas: ${r.rps.toFixed(1)} rps combined against ${single.rps.toFixed(1)} for one (same rounds), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, RSS ${rss.map((x) => x.toFixed(0)).join(' + ')} MB`);
      }
    } finally {
      await stopServer(second);
    }
  }
  // Reports: fresh (the data's version bumped before each request, so each one computes; taken in
  // turn over ${counties.length} counties) at c=1 and c=16, then cached (the bench county's, repeated
  // with no write between) at c=1.
  for (const w of REPORTS) {
    await ask(g, request('gongzhi', w, { ...params, schoolYear: previousYear })!); // warm the code
    const rotate = counties.map((county) => request('gongzhi', w, { ...params, county })!);
    for (const c of [1, 16]) {
      const m = await measure(g, greq.get(w)!, c, { warmupMs: 0, minRequests: c === 1 ? 5 : 16, before: bump, rotate });
      ((results.timed.gongzhi ??= {})[w] ??= {})[c] = m;
      log(`  ${w} c=${String(c).padEnd(2)} fresh  ${fmt(m)}`);
    }
    const m = await measure(g, greq.get(w)!, 1, { warmupMs: 1000 });
    results.cached[w] = m;
    log(`  ${w} c=1  cached ${fmt(m)}`);
  }
  // P3 beside a running complianceReport (fresh ones, one after the other): its p99 against its p99
  // alone (c=1, measured above).
  {
    const background = load([{ origin: g.origin, req: greq.get('compliance')!, headers: headersFor('gongzhi') }], { concurrency: 1, durationMs, before: bump, pool: 'background' });
    await new Promise((r) => setTimeout(r, 200));
    const m = await measure(g, greq.get('P3')!, 1, { warmupMs: 0, durationMs: durationMs - 400 });
    const bg = await background;
    results.beside = { p3: m, reports: bg.requests, alone: results.timed.gongzhi!.P3![1]! };
    log(`  P3 c=1 beside complianceReport (${bg.requests} fresh reports ran): ${fmt(m)}`);
  }
  // Province-wide reports: two fresh answers and one cached, c=1.
  for (const w of PROVINCE_REPORTS) {
    const m = await measure(g, greq.get(w)!, 1, { warmupMs: 0, durationMs: 0, minRequests: 2, maxRequests: 2, before: bump });
    ((results.timed.gongzhi ??= {})[w] ??= {})[1] = m;
    log(`  ${w} c=1 fresh  ${fmt(m)}`);
    const cached = await measure(g, greq.get(w)!, 1, { warmupMs: 0, durationMs: 0, minRequests: 1, maxRequests: 1 });
    results.cached[w] = cached;
    log(`  ${w} c=1 cached ${fmt(cached)}`);
  }
} finally {
  for (const s of [...Object.values(servers), ...extra]) if (s) await stopServer(s);
  await closePools();
  await bumpPool.end();
}

machine.loadAfter = loadAverage();
results.wallSeconds = (Date.now() - t0) / 1000;
const text = writeReport(results, { print: true });
if (!args['no-write']) {
  fs.writeFileSync(args.out!, text);
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results', `${size}.json`), JSON.stringify(results, (k, v) => (k === 'latencies' ? undefined : v), 2));
  log(`\nwrote ${path.relative(process.cwd(), args.out!)} and bench/results/${size}.json (${results.wallSeconds.toFixed(0)} s in all)`);
}
