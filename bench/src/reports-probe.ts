/**
 * A quick probe of the reports (issue 9), without the full bench: Gongzhi as the bench builds it
 * (createApp over the bench database, the plugins of gongzhi.config.ts), in this process, timing
 * complianceReport and balanceReport fresh (core.data_version bumped before each request) and
 * cached, with SQL statements, rows fetched and this process's peak RSS; and P3's p99 alone and
 * beside fresh county complianceReports. Run from the repo root:
 *   node [--expose-gc] --import tsx bench/src/reports-probe.ts [--only compliance,balance,provinceBalance,provinceCompliance,beside] [--reps 5] [--dump file.json [--province]]
 * Peak RSS is the process's (it includes the load generator, which is small): run a province report
 * alone (`--only provinceBalance`) for its own peak.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Registry } from '@gongzhi/core';
import { createApp, loadConfig, openDatabase, secretKey, signToken } from '@gongzhi/server';
import { GONGZHI } from './workloads.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gongzhi_bench_province';
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = (arg('only') ?? 'compliance,balance,provinceBalance,provinceCompliance,beside').split(',');
const reps = Number(arg('reps') ?? 5);
const dump = arg('dump');
const COUNTY = '520527';
const PROVINCE = '520000';
const YEAR = '2026-2027';

// --slow N: print every statement slower than N ms (time to its result, SQL's first words).
const slow = Number(arg('slow') ?? NaN);
const explain = arg('explain');
// As the server runs them: no JIT, and a wide scope's work_mem (a county's statements use little).
const explainPool = new pg.Pool({ connectionString: url, max: 1, options: '-c jit=off -c work_mem=64MB' } as pg.PoolConfig);
if (Number.isFinite(slow)) {
  // The server's own pg (the bench folder has another copy).
  const serverPg = createRequire(path.join(root, 'packages/server/package.json'))('pg') as typeof pg;
  const orig = serverPg.Client.prototype.query as (...a: unknown[]) => unknown;
  (serverPg.Client.prototype as { query: unknown }).query = function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string })?.text ?? '');
    const values = Array.isArray(a[1]) ? a[1] : ((a[0] as { values?: unknown[] })?.values ?? []);
    const report = (res: { rows?: unknown[] } | undefined) => {
      const ms = performance.now() - t0;
      // --explain WORDS: the plan of each statement containing WORDS, with its own parameters.
      if (explain && text.includes(explain) && !text.startsWith('explain'))
        void explainPool.query(`explain (analyze, buffers) ${text}`, values).then((r) => console.log(r.rows.map((x) => Object.values(x)[0]).join('\n')), (e) => console.log(`explain failed: ${e}`));
      if (ms >= slow) console.log(`  [sql ${ms.toFixed(0)} ms, ${res?.rows?.length ?? '?'} rows] ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    };
    // The pool passes a callback; a direct call gets a promise.
    const cb = a[a.length - 1];
    if (typeof cb === 'function') a[a.length - 1] = (err: unknown, res: { rows?: unknown[] }) => (report(res), cb(err, res));
    const r = orig.apply(this, a);
    if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<{ rows?: unknown[] }>).then(report, () => {});
    return r;
  };
}

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
sampler.unref();

const { config } = await loadConfig(path.join(root, 'gongzhi.config.ts'));
const database = await openDatabase({ url });
const secret = 'probe-0123456789abcdef0123456789abcdef';
const app = await createApp({
  registry: new Registry(config.plugins),
  database,
  auth: { secret: secretKey(secret), issuer: config.auth.issuer, allowAnonymousRead: config.auth.allowAnonymousRead },
  maxQueryDepth: config.server.maxQueryDepth,
  limits: { requestTimeoutMs: 600_000 },
});
const { url: served } = await app.listen(0, '127.0.0.1');
const token = await signToken({ secret: secretKey(secret), issuer: config.auth.issuer }, { sub: 'probe', roles: ['viewer'], localities: [PROVINCE], pii: [] }, '1h');
const bumpPool = new pg.Pool({ connectionString: url, max: 2 });
const bump = () => bumpPool.query('update core.data_version set version = version + 1 where id = 1');

async function gql(query: string, variables: Record<string, unknown>) {
  const r = await fetch(served, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await r.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 2000));
  return body.data;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;

const REQS = {
  compliance: [GONGZHI.compliance, { locality: COUNTY, year: YEAR }],
  balance: [GONGZHI.balance, { locality: COUNTY, year: YEAR, stage: 'PRIMARY' }],
  provinceBalance: [GONGZHI.balance, { locality: PROVINCE, year: YEAR, stage: 'PRIMARY' }],
  provinceCompliance: [GONGZHI.compliance, { locality: PROVINCE, year: YEAR }],
} as const;

const answers: Record<string, unknown> = {};
for (const w of only) {
  if (!(w in REQS)) continue;
  const [q, v] = REQS[w as keyof typeof REQS];
  const n = w.startsWith('province') ? Math.min(reps, 3) : reps;
  const fresh: number[] = [];
  // The longest the event loop was held during the fresh runs: what a request beside one waits.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const stalls: number[] = [];
  let stmts = 0;
  let rows = 0;
  peakRss = process.memoryUsage().rss;
  peakHeap = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) {
    await bump();
    const s0 = { ...database.statements };
    const t0 = performance.now();
    lag.reset();
    lag.enable();
    answers[w] = await gql(q, v);
    lag.disable();
    stalls.push(lag.max / 1e6);
    fresh.push(performance.now() - t0);
    stmts = database.statements.count - s0.count;
    rows = database.statements.rows - s0.rows;
  }
  const cached: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await gql(q, v);
    cached.push(performance.now() - t0);
  }
  // With --expose-gc: the heap the cached report keeps, after a full collection.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    answers[w] = undefined;
    gc();
    console.log(`${w}: heap after a full collection, its report cached: ${mb(process.memoryUsage().heapUsed)}`);
  }
  console.log(`${w}: fresh p50 ${pct(fresh, 50).toFixed(1)} ms (min ${Math.min(...fresh).toFixed(1)}, n=${n}); cached p50 ${pct(cached, 50).toFixed(1)} ms; longest event-loop stall per run ${stalls.map((x) => x.toFixed(0)).join('/')} ms; ${stmts} statements, ${rows} rows fetched; peak RSS ${mb(peakRss)} (heap used ${mb(peakHeap)})`);
}

if (only.includes('beside')) {
  // P3 page 1 (the cursor does not matter for the stall) alone, then beside fresh county reports.
  const p3 = () => gql(GONGZHI.P3, { county: COUNTY, after: null });
  for (let i = 0; i < 20; i++) await p3();
  const run = async (ms: number) => {
    const lat: number[] = [];
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const t0 = performance.now();
      await p3();
      lat.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return lat;
  };
  const alone = await run(8000);
  let stop = false;
  let reports = 0;
  const bg = (async () => {
    while (!stop) {
      await bump();
      await gql(...REQS.compliance);
      reports++;
    }
  })();
  const beside = await run(8000);
  stop = true;
  await bg;
  console.log(`P3 alone: p50 ${pct(alone, 50).toFixed(1)} ms, p99 ${pct(alone, 99).toFixed(1)} ms (n=${alone.length}); beside ${reports} fresh compliance reports: p50 ${pct(beside, 50).toFixed(1)} ms, p99 ${pct(beside, 99).toFixed(1)} ms (n=${beside.length}); ratio ${(pct(beside, 99) / pct(alone, 99)).toFixed(2)}x`);
}

if (dump) {
  // The whole answers on the county, to compare before and after a change.
  await bump();
  answers.fullCompliance = await gql(
    `query($l: DivisionCode!, $y: SchoolYear!) { complianceReport(localityCode: $l, schoolYear: $y) { totals { pass fail warn notApplicable } summary { rule { id } status pass fail warn notApplicable }
      findings(first: 1000) { totalCount nodes { status rule { id } measured expected message subjects { type key name } } } } }`,
    { l: COUNTY, y: YEAR },
  );
  for (const stage of ['PRIMARY', 'JUNIOR'])
    answers[`fullBalance${stage}`] = await gql(
      `query($l: DivisionCode!, $y: SchoolYear!, $s: Stage!) { balanceReport(localityCode: $l, schoolYear: $y, stage: $s) { schoolCount studentCount passingSchools failingSchools isBalanced
        indicators { indicator overallValue standardDeviation cv schoolsMeeting topContributors(first: 10) { school { code } value contribution } }
        exchangeRate { teachers eligibleTeachers exchanged backboneExchanged rate }
        schools(first: 1000) { totalCount nodes { school { code } students passes metCount lowestRatio teachers { all aboveRequiredQualification countyBackbone peAndArts } indicators { indicator value isMet } } }
        excluded { school { code } reason students } } }`,
      { l: COUNTY, y: YEAR, s: stage },
    );
  if (process.argv.includes('--province')) {
    // The province's findings of the county-level rules (the CV per county and the exchange rate), in full.
    await bump();
    for (const rule of ['core.balance-cv', 'core.exchange-rate'])
      answers[`province ${rule}`] = await gql(
        `query($l: DivisionCode!, $y: SchoolYear!, $r: String!) { complianceReport(localityCode: $l, schoolYear: $y) { findings(ruleId: $r, first: 1000) { totalCount nodes { status measured expected message subjects { type key name } } } } }`,
        { l: PROVINCE, y: YEAR, r: rule },
      );
    // The province's own balance report: the wide statements (one pass over the posts) feed it.
    answers.provinceBalance = await gql(
      `query($l: DivisionCode!, $y: SchoolYear!) { balanceReport(localityCode: $l, schoolYear: $y, stage: PRIMARY) { schoolCount studentCount passingSchools failingSchools
        indicators { indicator overallValue standardDeviation cv schoolsMeeting }
        exchangeRate { teachers eligibleTeachers exchanged backboneExchanged rate }
        schools(first: 1000) { totalCount nodes { school { code } teachers { all aboveRequiredQualification countyBackbone peAndArts } } } } }`,
      { l: PROVINCE, y: YEAR },
    );
  }
  fs.writeFileSync(dump, JSON.stringify(answers, null, 1));
}
if (explain) await new Promise((r) => setTimeout(r, 15_000)); // the last plans are still being made
await app.stop();
await database.close();
await bumpPool.end();
process.exit(0);
