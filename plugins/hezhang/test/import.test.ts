import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, ok, snapshot, type TestServer } from '@gongzhi/server/testing';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { COUNTY, school, start, teacher, township } from './helpers.js';
import { attendance } from '../src/tables.js';

let s: TestServer;
let sch: string;
let p1: string;
let p2: string;
const IMPORT = `mutation($i: ImportHezhangAttendanceInput!) { importHezhangAttendance(input: $i) { rows loaded errorCount errors { row column reason } warnings { reason } } }`;
const HEAD = '学校标识码,人员ID,日期,上午签到,上午签退,下午签到,下午签退,请假类别,请假说明,审批人';
const count = async () => Number((await s.db.select({ n: sql<number>`count(*)::int` }).from(attendance).where(eq(attendance.schoolCode, sch)))[0]!.n);

beforeAll(async () => {
  s = await start();
  sch = await school(s, await township(s));
  p1 = await teacher(s, sch);
  p2 = await teacher(s, sch);
});
afterAll(() => s?.close());

describe('importHezhangAttendance (二(一)3 考勤登记): CSV and XLSX, row-level errors, idempotent', () => {
  const csv = () => [HEAD, `${sch},${p1},2025-11-03,08:20,11:45,14:20,17:05,,,`, `${sch},${p2},2025/11/3,,,,,病假,,王校长`, `${sch},${p1},2025-11-04,8:28,11:41,14:29,16:30,,,`].join('\n');

  it('loads a CSV, and loading it again changes nothing (one row per person and day)', async () => {
    const r = ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: `\uFEFF${csv()}` } })).importHezhangAttendance;
    expect(r).toMatchObject({ rows: 3, loaded: 3, errorCount: 0 });
    expect(await count()).toBe(3);
    ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: csv() } }));
    expect(await count()).toBe(3);
    const [row] = await s.db.select().from(attendance).where(and(eq(attendance.personId, p2), eq(attendance.day, '2025-11-03')));
    expect(row).toMatchObject({ absenceKind: 'SICK', approvedBy: '王校长', amIn: null });
  });

  it('a corrected file replaces the day', async () => {
    ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: [HEAD, `${sch},${p1},2025-11-04,08:28,11:41,14:29,17:00,,,`].join('\n') } }));
    const [row] = await s.db.select().from(attendance).where(and(eq(attendance.personId, p1), eq(attendance.day, '2025-11-04')));
    expect(row!.pmOut).toBe(17 * 60);
  });

  it('reports each bad row with its row and column, and writes nothing but the audit of the attempt', async () => {
    const bad = [HEAD, `${sch},${p1},2025-11-05,08:20,11:45,14:20,17:05,,,`, `9999999999,${p1},2025-11-05,,,,,,,`, `${sch},${p2},2025-13-01,,,,,,,`, `${sch},${p2},2025-11-05,25:00,,,,,,`, `${sch},${p2},2025-11-06,,,,,其他,,王校长`].join('\n');
    const before = await snapshot(s);
    const r = ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: bad } })).importHezhangAttendance;
    expect(r).toMatchObject({ rows: 5, loaded: 0, errorCount: 4 });
    expect(r.errors.map((e: any) => [e.row, e.column])).toEqual([[3, 'schoolCode'], [4, 'day'], [5, 'amIn'], [6, 'absenceKind']]);
    expect(changedTables(before, await snapshot(s)).map((c) => c.split(':')[0])).toEqual(['core.audit_log']);
  });

  it('with loadGoodRows the good rows are written and the bad ones reported', async () => {
    const mixed = [HEAD, `${sch},${p1},2025-11-07,08:20,11:45,14:20,17:05,,,`, `${sch},not-a-person,2025-11-07,,,,,,,`].join('\n');
    const r = ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: mixed, loadGoodRows: true } })).importHezhangAttendance;
    expect(r).toMatchObject({ rows: 2, loaded: 1, errorCount: 1, errors: [{ row: 3, column: 'personId' }] });
  });

  it('refuses a file without a required column, naming it', async () => {
    const r = ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'CSV', content: '学校标识码,日期\n1,2' } })).importHezhangAttendance;
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'personId' });
  });

  it('loads an XLSX with date and time cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考勤');
    ws.addRow(HEAD.split(','));
    ws.addRow([sch, p2, new Date(Date.UTC(2025, 10, 10)), '08:25', '11:50', 14.5 / 24, new Date(Date.UTC(1899, 11, 30, 17, 10)), null, null, null]);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = ok(await s.gql(IMPORT, { i: { localityCode: COUNTY, format: 'XLSX', content } })).importHezhangAttendance;
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ rows: 1, loaded: 1, errorCount: 0 });
    const [row] = await s.db.select().from(attendance).where(and(eq(attendance.personId, p2), eq(attendance.day, '2025-11-10')));
    expect(row).toMatchObject({ amIn: 505, pmIn: 870, pmOut: 1030 });
  });
});

describe('csvRows: quoted fields read as RFC 4180 says, plain records split fast', () => {
  it('reads quotes, escaped quotes, commas and line breaks inside quotes, a BOM and CRLF', async () => {
    const { csvRows } = await import('../src/import.js');
    const rows: string[][] = [];
    for await (const r of csvRows('\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\r\n3,4,5\n')) rows.push(r);
    expect(rows).toEqual([['a', 'b', 'c'], ['1', 'x, y', 'say "hi"'], ['2', 'two\nlines', 'z'], ['3', '4', '5']]);
  });
});
