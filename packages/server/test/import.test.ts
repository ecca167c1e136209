import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { idNumberCheckChar, tables } from '@gongzhi/core';
import { importFile, parseCsv, STAFF_HEADERS, STATS_HEADERS, writeCsv, writeXlsx } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';
import { openDatabase } from '../src/database.js';

const COUNTY = '520527';
const YEAR = '2024-2025';
let s: TestServer;
let dir: string;
const file = (name: string) => path.join(dir, name);

// Stats rows in the column order of STATS_HEADERS.
const statsRow = (code: string, type: string, primary: number, junior: number, area = 5000, extra: Partial<Record<number, string | number>> = {}) => {
  const r: (string | number)[] = [code, `样本学校${code.slice(-4)}`, type, COUNTY, '220', 0, primary, junior, 0, 20, area, 9000, 2_400_000, 25, '是'];
  for (const [i, v] of Object.entries(extra)) r[Number(i)] = v!;
  return r;
};
const id = (seq: number) => {
  const first17 = `${COUNTY}19850301${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

async function all() {
  return {
    schools: await s.db.select().from(tables.schools).orderBy(asc(tables.schools.code)),
    stats: await s.db.select().from(tables.schoolYearStats).orderBy(asc(tables.schoolYearStats.schoolCode), asc(tables.schoolYearStats.schoolYear)),
    people: await s.db.select().from(tables.people).orderBy(asc(tables.people.id)),
    posts: await s.db.select().from(tables.posts).orderBy(asc(tables.posts.id)),
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-import-'));
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: COUNTY, name: '赫章县' }, { code: '520521', name: '大方县' }] });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('gongzhi import stats', () => {
  it('registers the schools and their yearly figures from a CSV with Chinese headers, and re-running it changes nothing', async () => {
    writeCsv(file('stats.csv'), [STATS_HEADERS, statsRow('2152979001', '211', 600, 0), statsRow('2152979002', '312', 500, 300), statsRow('2152979003', '218', 49, 0, 300)]);
    const first = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('stats.csv'), schoolYear: YEAR });
    expect(first.errors).toEqual([]);
    expect(first.written).toEqual({ schoolsCreated: 3, schoolsUpdated: 0, statsCreated: 3, statsUpdated: 0, unchanged: 0 });
    const before = await all();
    expect(before.schools.find((x) => x.code === '2152979002')).toMatchObject({ schoolType: '312', stages: ['PRIMARY', 'JUNIOR'], area: 'RURAL', isSample: true });
    expect(before.stats.find((x) => x.schoolCode === '2152979002')).toMatchObject({ enrollmentPrimary: 500, enrollmentJunior: 300, teachingAuxAreaM2: 5000 });
    const again = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('stats.csv'), schoolYear: YEAR });
    expect(again.written).toEqual({ schoolsCreated: 0, schoolsUpdated: 0, statsCreated: 0, statsUpdated: 0, unchanged: 3 });
    expect(await all()).toEqual(before); // versions and updatedAt included
  });

  it('updates only the rows that changed, and reads the same columns from XLSX (equipment in 万元 scaled)', async () => {
    const headers = STATS_HEADERS.map((h) => (h.startsWith('教学仪器设备值') ? '教学仪器设备值（万元）' : h));
    writeXlsx(file('stats.xlsx'), [headers, statsRow('2152979001', '211', 610, 0, 5000, { 12: 240 }), statsRow('2152979002', '312', 500, 300, 5000, { 12: 240 })]);
    const o = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('stats.xlsx'), schoolYear: YEAR });
    expect(o.errors).toEqual([]);
    expect(o.written).toMatchObject({ statsUpdated: 1, statsCreated: 0, unchanged: 1 }); // 240 万元 = the 2,400,000 yuan already stored
    const [row] = await s.db.select().from(tables.schoolYearStats).where(eq(tables.schoolYearStats.schoolCode, '2152979001'));
    expect(row).toMatchObject({ enrollmentPrimary: 610, equipmentValueFen: 240_000_000, version: 2 });
  });

  it('rejects a file with a bad code and a negative area, listing file, row, column and reason, and writes nothing', async () => {
    writeCsv(file('bad.csv'), [STATS_HEADERS, statsRow('2152979101', '211', 300, 0), statsRow('21529A9102', '211', 300, 0), statsRow('2152979103', '211', 300, 0, -5), statsRow('2152979104', '211', 300, 40)]);
    const before = await all();
    const o = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('bad.csv'), schoolYear: '2025-2026' });
    expect(o.written).toBeNull();
    expect(o.errors.map((e) => [e.row, e.column])).toEqual([[3, 'schoolCode'], [4, 'teachingAuxAreaM2'], [5, 'enrollmentJunior']]);
    expect(o.errors[1]!.reason.en).toBe('must not be negative (-5)');
    expect(o.headerOf.get('teachingAuxAreaM2')).toBe('教学及辅助用房面积（平方米）');
    expect(await all()).toEqual(before);
  });

  it('with loadGoodRows writes the good rows and reports the bad ones', async () => {
    const o = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('bad.csv'), schoolYear: '2025-2026', loadGoodRows: true });
    expect(o.loaded).toBe(1);
    expect(o.errors).toHaveLength(3);
    const rows = await s.db.select().from(tables.schoolYearStats).where(eq(tables.schoolYearStats.schoolYear, '2025-2026'));
    expect(rows.map((r) => r.schoolCode)).toEqual(['2152979101']);
  });

  it('refuses a file missing a required column before reading any row', async () => {
    writeCsv(file('missing.csv'), [STATS_HEADERS.filter((h) => h !== '网络多媒体教室数'), statsRow('2152979201', '211', 300, 0).filter((_, i) => i !== 13)]);
    const o = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('missing.csv'), schoolYear: YEAR });
    expect(o.written).toBeNull();
    expect(o.errors).toEqual([{ row: 1, column: 'multimediaClassrooms', reason: expect.objectContaining({ en: 'missing required column "网络多媒体教室数" (multimediaClassrooms)' }) }]);
    expect(await s.db.select().from(tables.schools).where(eq(tables.schools.code, '2152979201'))).toEqual([]);
  });

  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('\uFEFFa,"b,1","c ""q""\nd"\r\n1,2,3\n')).toEqual([['a', 'b,1', 'c "q"\nd'], ['1', '2', '3']]);
  });
});

describe('gongzhi import staff', () => {
  const staffRow = (o: { id?: string; no?: string; name?: string; school?: string; stage?: string; qual?: string; backbone?: string; subject?: string }) => [o.id ?? '', o.no ?? '', o.name ?? '张伟', '男', '', o.qual ?? '本科', '一级教师', o.backbone ?? '无', o.subject ?? '语文', o.school ?? '2152979001', '专任教师', o.stage ?? '', '2024-09-01', '是'];

  it('keys people by ID number or staff number, so re-importing changes nothing; a move ends the old post', async () => {
    writeXlsx(file('staff.xlsx'), [STAFF_HEADERS, staffRow({ id: id(1) }), staffRow({ no: 'T-0002', name: '李娜', subject: '音乐' }), staffRow({ id: id(3), no: 'T-0003', school: '2152979002', stage: '初中', backbone: '县级' })]);
    const first = await importFile(s.db, { registry: s.registry, kind: 'staff', file: file('staff.xlsx'), schoolYear: YEAR });
    expect(first.errors).toEqual([]);
    expect(first.written).toEqual({ peopleCreated: 3, peopleUpdated: 0, postsCreated: 3, postsEnded: 0, unchanged: 0 });
    const before = await all();
    const again = await importFile(s.db, { registry: s.registry, kind: 'staff', file: file('staff.xlsx'), schoolYear: YEAR });
    expect(again.written).toEqual({ peopleCreated: 0, peopleUpdated: 0, postsCreated: 0, postsEnded: 0, unchanged: 3 });
    expect(await all()).toEqual(before);

    // 李娜 (staff number only) moves to the nine-year school from 2025-03-01.
    const moved = staffRow({ no: 'T-0002', name: '李娜', subject: '音乐', school: '2152979002', stage: '小学' });
    moved[12] = '2025-03-01';
    writeCsv(file('staff2.csv'), [STAFF_HEADERS, staffRow({ id: id(1) }), moved, staffRow({ id: id(3), no: 'T-0003', school: '2152979002', stage: '初中', backbone: '县级' })]);
    const third = await importFile(s.db, { registry: s.registry, kind: 'staff', file: file('staff2.csv'), schoolYear: YEAR });
    expect(third.written).toEqual({ peopleCreated: 0, peopleUpdated: 0, postsCreated: 1, postsEnded: 1, unchanged: 2 });
    const li = before.people.find((p) => p.name === '李娜')!;
    const posts = (await all()).posts.filter((p) => p.personId === li.id).map((p) => [p.schoolCode, p.stage, p.validFrom, p.validTo]);
    expect(posts).toEqual(expect.arrayContaining([['2152979001', null, '2024-09-01', '2025-02-28'], ['2152979002', 'PRIMARY', '2025-03-01', null]]));
  });

  it('validates every row: ID checksum, stage of the school, unknown school, duplicates, missing key', async () => {
    const badId = id(4).slice(0, 17) + (id(4)[17] === '1' ? '2' : '1');
    writeCsv(file('staff-bad.csv'), [STAFF_HEADERS, staffRow({ id: badId }), staffRow({ no: 'T-0005', stage: '初中' }), staffRow({ no: 'T-0006', school: '2152970000' }), staffRow({ id: id(1) }), staffRow({ id: id(1) }), staffRow({})]);
    const before = await all();
    const o = await importFile(s.db, { registry: s.registry, kind: 'staff', file: file('staff-bad.csv'), schoolYear: YEAR });
    expect(o.written).toBeNull();
    expect(o.errors.map((e) => [e.row, e.column])).toEqual([[2, 'idNumber'], [3, 'stage'], [4, 'schoolCode'], [6, 'idNumber'], [7, 'idNumber']]);
    expect(JSON.stringify(o.errors)).not.toContain(badId); // the ID number is personal: never repeated
    expect(await all()).toEqual(before);
  });
});

describe('importSchoolYearStats mutation', () => {
  const row = (code: string, area: number) => ({ schoolCode: code, name: `学校${code}`, schoolType: '211', countyCode: COUNTY, area: 'RURAL', enrollmentPrimary: 400, teachingAuxAreaM2: area, sportsGroundAreaM2: 3000, equipmentValueFen: 80_000_000, multimediaClassrooms: 9, isSample: true });
  const M = `mutation($i: ImportSchoolYearStatsInput!) { importSchoolYearStats(input: $i) { rowsReceived rowsLoaded schoolsCreated statsCreated unchanged rejectedRows { row column field reason } } }`;

  it('refuses bad rows with BAD_USER_INPUT naming row and column, and writes nothing', async () => {
    const r = await s.gql(M, { i: { localityCode: COUNTY, schoolYear: '2023-2024', rows: [row('2152979301', 1600), row('2152979302', -1), { ...row('2152979303', 1600), countyCode: '520521' }] } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rows.1.teachingAuxAreaM2', row: 1, column: 'teachingAuxAreaM2' });
    expect(r.errors?.[0]?.extensions?.errors.map((e: any) => e.field)).toEqual(['input.rows.1.teachingAuxAreaM2', 'input.rows.2.countyCode']);
    expect(await s.db.select().from(tables.schools).where(eq(tables.schools.code, '2152979301'))).toEqual([]);
  });

  it('loads valid rows, and the same rows again change nothing', async () => {
    const i = { localityCode: COUNTY, schoolYear: '2023-2024', rows: [row('2152979301', 1600), row('2152979302', 1700)] };
    const a = await s.gql(M, { i });
    expect(a.errors).toBeUndefined();
    expect(a.data.importSchoolYearStats).toMatchObject({ rowsReceived: 2, rowsLoaded: 2, schoolsCreated: 2, statsCreated: 2, unchanged: 0 });
    const b = await s.gql(M, { i });
    expect(b.data.importSchoolYearStats).toMatchObject({ schoolsCreated: 0, statsCreated: 0, unchanged: 2 });
  });

  it('keeps the equipment value as whole fen, past the 32-bit Int limit, and refuses a fraction of a fen', async () => {
    const big = 3_000_000_000; // 30 million yuan: more than a GraphQL Int holds
    const a = await s.gql(M, { i: { localityCode: COUNTY, schoolYear: '2021-2022', rows: [{ ...row('2152979301', 1600), equipmentValueFen: big }] } });
    expect(a.errors).toBeUndefined();
    const q = await s.gql(`{ school(code: "2152979301") { yearStats(schoolYear: "2021-2022") { equipmentValueFen } } }`);
    expect(q.data.school.yearStats.equipmentValueFen).toBe(big);
    const bad = await s.gql(M, { i: { localityCode: COUNTY, schoolYear: '2021-2022', rows: [{ ...row('2152979304', 1600), equipmentValueFen: 12.5 }] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await s.db.select().from(tables.schools).where(eq(tables.schools.code, '2152979304'))).toEqual([]);
  });

  it('with loadGoodRows lists the rejected rows in the payload', async () => {
    const r = await s.gql(M, { i: { localityCode: COUNTY, schoolYear: '2022-2023', loadGoodRows: true, rows: [row('2152979301', 1600), row('2152979302', -1)] } }, { lang: 'en' });
    expect(r.data.importSchoolYearStats.rowsLoaded).toBe(1);
    expect(r.data.importSchoolYearStats.rejectedRows).toEqual([{ row: 1, column: 'teachingAuxAreaM2', field: 'input.rows.1.teachingAuxAreaM2', reason: 'must not be negative (-1)' }]);
  });
});

describe('the CLI', () => {
  it('`gongzhi import stats` exits 1 with row-level errors on a bad file, draws no bar when stderr is not a terminal, and adds no sample data', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const dataDir = path.join(dir, 'cli-data');
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'import', 'stats', file('bad.csv'), '--school-year', YEAR, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.csv:3: 「学校标识码」(schoolCode)');
    expect(r.stderr).toContain('bad.csv:4: 「教学及辅助用房面积（平方米）」(teachingAuxAreaM2) 不能为负数（-5）');
    expect(r.stderr).toContain('Nothing written');
    expect(r.stderr).not.toContain('[');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', cli, 'import', 'stats', file('stats.csv'), '--school-year', YEAR, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('3/3 rows loaded');
    // Two processes, each opening the embedded database and seeding the config's localities and
    // regimes — and none of the plugins' sample schools: the import is a bureau's own data.
    const database = await openDatabase({ url: null, dataDir });
    try {
      const schools = await database.db.select({ code: tables.schools.code }).from(tables.schools).orderBy(asc(tables.schools.code));
      expect(schools.map((r) => r.code)).toEqual(['2152979001', '2152979002', '2152979003']);
    } finally {
      await database.close();
    }
  }, 180_000);
});
