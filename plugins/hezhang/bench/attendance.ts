/**
 * Attendance at county scale (issue 12, "Volume"): a year of daily sign-ins for a 450-school,
 * 10,000-staff county (200 school days: 2 million rows) on PostgreSQL. Not a test: it prints
 *   - the import's time and peak RSS (the sign-in CSV through importAttendanceFile, one transaction),
 *   - the time of a school's weekly attendance query (hezhangAttendanceWeek over HTTP, median of 20),
 *   - the time of the county's office-hours finding in complianceReport (over HTTP, and the rule's
 *     SQL alone).
 *
 *   npm run bench:attendance -w plugins/hezhang            # BENCH_DATABASE_URL, default below
 *   BENCH_DAYS=20 BENCH_STAFF=2000 npm run bench:attendance -w plugins/hezhang   # a smaller run
 *
 * It drops and recreates the database gongzhi_bench_hezhang. The bench county is 520599 (a sample
 * code, not a real county), so the Hezhang seed's demo county (520527) stays apart.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { Registry, addDays, tables as core } from '@gongzhi/core';
import { createApp, openDatabase, secretKey, seedFromConfig, signToken, validateConfig } from '@gongzhi/server';
import plugin from '../src/index.js';
import { importAttendanceFile } from '../src/import.js';
import { officeHoursTallies } from '../src/rules/attendance.js';
import { scopedSchools } from '../src/rules/common.js';
import { hezhangOptions } from '../src/options.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'gongzhi_bench_hezhang';
const COUNTY = '520599';
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 450);
const STAFF = Number(process.env.BENCH_STAFF ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 200);
const YEAR = '2025-2026';

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ms = (t: number) => `${Math.round(t)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The year's school days: Monday–Friday from 1 September, without the National Day week and the winter break. */
function schoolDays(n: number): string[] {
  const out: string[] = [];
  for (let d = '2025-09-01'; out.length < n && d <= '2026-07-31'; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    if (d >= '2025-10-01' && d <= '2025-10-08') continue;
    if (d >= '2026-01-24' && d <= '2026-02-28') continue;
    out.push(d);
  }
  return out;
}

async function main() {
  // A fresh database.
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;

  const config = validateConfig(
    {
      plugins: [plugin],
      localities: [
        { code: '520000', name: '贵州省' },
        { code: '520500', name: '毕节市' },
        { code: COUNTY, name: '【示例】基准测试县' },
      ],
      governance: [{ locality: COUNTY, plugin: 'hezhang', options: {} }],
      auth: { secret: 'bench-secret-bench-secret-bench-secret' },
    },
    'bench config',
  );
  const database = await openDatabase({ url: url.toString(), statementTimeoutMs: 120_000, idleInTransactionTimeoutMs: 120_000 });
  const db = database.db;
  await database.migrate(config.plugins);
  const registry = new Registry(config.plugins);
  await seedFromConfig(db, registry, config);

  // The county: 20 townships, 450 schools, 10,000 staff with their posts (bulk, as the roster import would).
  const townships = Array.from({ length: 20 }, (_, i) => ({ code: `${COUNTY}${String(901 + i)}`, name: `【示例】基准乡${i + 1}`, level: 'TOWNSHIP', parentCode: COUNTY }));
  await db.insert(core.localities).values(townships);
  const kinds = [
    ['111', 'KINDERGARTEN', 100],
    ['211', 'PRIMARY', 250],
    ['311', 'JUNIOR', 70],
    ['312', 'PRIMARY', 30],
  ] as const;
  const schools: { code: string; stage: string }[] = [];
  for (const [type, stage, n] of kinds)
    for (let i = 0; i < Math.round((n * SCHOOLS) / 450); i++) schools.push({ code: `${type === '111' ? '11' : type === '311' ? '31' : '21'}5999${String(schools.length + 1).padStart(4, '0')}`, stage });
  await db.insert(core.schools).values(
    schools.map((s, i) => ({ code: s.code, name: `【示例】基准学校${i + 1}`, stages: s.code.startsWith('11') ? ['KINDERGARTEN'] : s.code.startsWith('31') ? ['JUNIOR'] : ['PRIMARY'], schoolType: s.code.startsWith('11') ? '111' : s.code.startsWith('31') ? '311' : '211', countyCode: COUNTY, townshipCode: townships[i % 20]!.code, area: 'RURAL', authorityCode: COUNTY, isSample: true })),
  );
  const staff = Array.from({ length: STAFF }, (_, i) => ({ id: crypto.randomUUID(), school: schools[i % schools.length]! }));
  for (let i = 0; i < staff.length; i += 2000) {
    const chunk = staff.slice(i, i + 2000);
    await db.insert(core.people).values(chunk.map((p, j) => ({ id: p.id, name: `【示例】教师${i + j}`, gender: j % 2 ? 'MALE' : 'FEMALE', qualification: 'BACHELOR', title: 'NONE', localityCode: COUNTY, isSample: true })));
    await db.insert(core.posts).values(chunk.map((p) => ({ personId: p.id, role: 'TEACHER', schoolCode: p.school.code, stage: p.school.stage, validFrom: '2020-09-01' })));
  }

  // The year's sign-in export: one CSV, a row per person and day (most on time, some leaving early, some on leave).
  const days = schoolDays(DAYS);
  const dir = mkdtempSync(path.join(tmpdir(), 'hezhang-bench-'));
  const file = path.join(dir, `attendance-${YEAR}.csv`);
  const out = createWriteStream(file);
  out.write('学校标识码,人员ID,日期,上午签到,上午签退,下午签到,下午签退,请假类别,请假说明,审批人\n');
  let seed = 12345;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const t0 = performance.now();
  for (const d of days) {
    let chunk = '';
    for (const p of staff) {
      const r = rand();
      if (r < 0.02) chunk += `${p.school.code},${p.id},${d},,,,,病假,,校长\n`;
      else chunk += `${p.school.code},${p.id},${d},08:2${Math.floor(rand() * 10)},11:5${Math.floor(rand() * 10)},14:2${Math.floor(rand() * 10)},${r < 0.05 ? '16:30' : '17:3' + Math.floor(rand() * 10)},,,\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const rows = days.length * staff.length;
  console.log(`county ${COUNTY}: ${schools.length} schools, ${staff.length} staff, ${days.length} school days → ${rows.toLocaleString()} rows, CSV ${Math.round(statSync(file).size / 1024 / 1024)} MB (written in ${ms(performance.now() - t0)})`);

  // 1. The import.
  const rssBefore = process.resourceUsage().maxRSS;
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  let last = 0;
  const outcome = await importAttendanceFile(db, file, {
    countyCode: COUNTY,
    onProgress: (n) => {
      if (n - last >= 500_000) {
        last = n;
        process.stderr.write(`  … ${n.toLocaleString()} rows\n`);
      }
    },
  });
  const importMs = performance.now() - t1;
  const rssAfter = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage(cpu0);
  // Wall time depends on the machine's load (other processes share its CPUs): the importer's own CPU time is shown beside it.
  console.log(`import: ${outcome.loaded.toLocaleString()} rows loaded, ${outcome.errorCount} errors, in ${ms(importMs)} wall (${Math.round(outcome.loaded / (importMs / 1000)).toLocaleString()} rows/s; node CPU ${ms((cpu.user + cpu.system) / 1000)}); peak RSS ${mb(rssAfter)} (before the import ${mb(rssBefore)}); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
  // Fresh statistics, as autovacuum would have them on a running server (without them the planner
  // takes the 450 freshly loaded schools for 2 and probes the heap per school).
  await db.execute(sql`analyze`);

  // The API over HTTP, as clients meet it.
  const auth = { secret: secretKey('bench-secret-bench-secret-bench-secret'), issuer: config.auth.issuer, allowAnonymousRead: false, maxTokenLifetimeSeconds: 3600, serviceAccountMaxTokenLifetimeSeconds: 3600 };
  const app = await createApp({ registry, database, auth, maxQueryDepth: config.server.maxQueryDepth, limits: config.server.limits });
  const { url: endpoint, server } = await app.listen(0);
  const token = await signToken(auth, { sub: 'bench', roles: ['viewer'], localities: [COUNTY], pii: [] }, '1h');
  const gql = async (query: string) => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0]!.message);
    return body.data;
  };

  // 2. A school's week.
  const mondays = days.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1);
  const weekly: number[] = [];
  for (let i = 0; i < 21; i++) {
    const s = schools[(i * 37) % schools.length]!;
    const t = performance.now();
    await gql(`{ hezhangAttendanceWeek(schoolCode: "${s.code}", weekStart: "${mondays[i % mondays.length]}") { summary { days absences } publishedAt days(first: 200) { edges { node { day amIn amOut pmIn pmOut absenceKind } } } } }`);
    if (i > 0) weekly.push(performance.now() - t); // the first warms the connection and the plan
  }
  // The same week's statements alone, in the database (the index by school and day).
  const wsql: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = schools[(i * 41) % schools.length]!;
    const mon = mondays[i % mondays.length]!;
    const t = performance.now();
    await db.execute(sql`select count(*)::int, count(absence_kind)::int from hezhang.attendance where school_code = ${s.code} and day between ${mon}::date and ${addDays(mon, 6)}::date`);
    await db.execute(sql`select * from hezhang.attendance where school_code = ${s.code} and day between ${mon}::date and ${addDays(mon, 6)}::date order by person_id, day limit 201`);
    wsql.push(performance.now() - t);
  }
  console.log(`weekly query's SQL alone (count + first page): median ${ms(median(wsql))}`);
  console.log(`weekly query (hezhangAttendanceWeek, a school's ~${Math.round((staff.length / schools.length) * 5)} staff-days): median ${ms(median(weekly))}, max ${ms(Math.max(...weekly))} over ${weekly.length} schools`);

  // 3. The county's office-hours finding.
  const options = hezhangOptions.parse({});
  const ts = performance.now();
  const tallies = await officeHoursTallies(db, await scopedSchools(db, null, COUNTY), '2025-09-01', '2026-08-31', options);
  const sqlMs = performance.now() - ts;
  console.log(`office-hours finding, the rule's SQL alone: ${tallies.reduce((a, t) => a + t.days, 0).toLocaleString()} days of ${tallies.length} schools in ${ms(sqlMs)} (${tallies.filter((t) => t.short > 0).length} schools with short days)`);
  const tr = performance.now();
  try {
    const report = (await gql(`{ complianceReport(localityCode: "${COUNTY}", schoolYear: "${YEAR}") { findings(ruleId: "hezhang.office-hours", first: 500) { totalCount } } }`)) as { complianceReport: { findings: { totalCount: number } } };
    console.log(`office-hours finding in complianceReport over HTTP (every rule in force runs): ${report.complianceReport.findings.totalCount} findings in ${ms(performance.now() - tr)}`);
  } catch (e) {
    console.log(`complianceReport over HTTP: ${(e as Error).message} after ${ms(performance.now() - tr)} (the server's request deadline)`);
  }
  await new Promise((r) => server.close(r));
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
