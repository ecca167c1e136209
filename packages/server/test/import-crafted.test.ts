/**
 * Crafted spreadsheets (issue 17): the XLSX reader treats a file as untrusted input. A formula bomb,
 * a `__proto__` header or a huge shared-strings table is a typed BAD_USER_INPUT naming the file and
 * the limit it broke, and nothing is written. The same reader takes an ordinary file with shared
 * strings and saved formula values, as Excel writes them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { count } from 'drizzle-orm';
import { GongzhiError, tables } from '@gongzhi/core';
import { DEFAULT_XLSX_LIMITS, importFile, readTable, STATS_HEADERS, writeCsv, writeXlsx } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

const COUNTY = '520527';
const YEAR = '2024-2025';
let s: TestServer;
let dir: string;
const file = (name: string) => path.join(dir, name);
const statsRow = (code: string, primary: number): (string | number)[] => [code, `样本学校${code.slice(-4)}`, '211', COUNTY, '220', 0, primary, 0, 0, 20, 5000, 9000, 2_400_000, 25, '是'];

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** A workbook from raw parts: the crafted sheet (and shared strings) inside the usual skeleton. */
function craft(name: string, sheetData: string, sharedStrings?: string) {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`),
    '_rels/.rels': strToU8(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`${XML}<workbook xmlns="${NS}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`${XML}<worksheet xmlns="${NS}"><sheetData>${sheetData}</sheetData></worksheet>`),
  };
  if (sharedStrings !== undefined) files['xl/sharedStrings.xml'] = strToU8(`${XML}<sst xmlns="${NS}">${sharedStrings}</sst>`);
  fs.writeFileSync(file(name), zipSync(files, { level: 9 }));
  return file(name);
}
const str = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const headerRow = `<row r="1">${STATS_HEADERS.map((h, i) => str(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>`;
const dataRow = (r: number, code: string) => `<row r="${r}">${statsRow(code, 300).map((v, i) => (typeof v === 'number' ? `<c r="${String.fromCharCode(65 + i)}${r}"><v>${v}</v></c>` : str(`${String.fromCharCode(65 + i)}${r}`, v))).join('')}</row>`;

async function counts() {
  const [a] = await s.db.select({ n: count() }).from(tables.schools);
  const [b] = await s.db.select({ n: count() }).from(tables.schoolYearStats);
  return { schools: a!.n, stats: b!.n };
}

/** The import's refusal: typed, about the file, and nothing in the database moved. */
async function expectRefused(f: string, limit: string | null, extra: Record<string, unknown> = {}) {
  const before = await counts();
  const err = await importFile(s.db, { registry: s.registry, kind: 'stats', file: f, schoolYear: YEAR }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GongzhiError);
  const g = err as GongzhiError;
  expect(g.code).toBe('BAD_USER_INPUT');
  expect(g.extensions).toMatchObject({ field: 'file', file: f, ...(limit ? { limit } : {}), ...extra });
  expect(g.bilingual.en).toMatch(/nothing written/);
  expect(await counts()).toEqual(before);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-crafted-'));
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: COUNTY, name: '赫章县' }] });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('crafted spreadsheets are refused whole', () => {
  it('a well-formed workbook as Excel writes it (shared strings, a formula with its saved value) imports', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('统计');
    ws.addRow(STATS_HEADERS);
    const r = statsRow('2152979201', 0);
    ws.addRow(r.map((v, i) => (i === 6 ? { formula: '200+100', result: 300 } : v)));
    await wb.xlsx.writeFile(file('excel.xlsx'));
    const o = await importFile(s.db, { registry: s.registry, kind: 'stats', file: file('excel.xlsx'), schoolYear: YEAR });
    expect(o.errors).toEqual([]);
    expect(o.written).toMatchObject({ schoolsCreated: 1, statsCreated: 1 });
    const t = await readTable(file('excel.xlsx'));
    expect(t.headers).toEqual(STATS_HEADERS);
    expect(t.rows).toEqual([{ row: 2, cells: r.map((v, i) => (i === 6 ? 300 : v)) }]);
  });

  it('a formula bomb (a chain of doubling formulas saved without values) is refused, naming its first cell', async () => {
    let rows = headerRow + dataRow(2, '2152979211');
    // A2 = "x", each next row doubles the one above: evaluated, row 40 would hold 2^38 characters.
    rows += `<row r="3">${str('A3', 'x')}</row>`;
    for (let r = 4; r < 44; r++) rows += `<row r="${r}"><c r="A${r}" t="str"><f>A${r - 1}&amp;A${r - 1}</f></c></row>`;
    await expectRefused(craft('bomb.xlsx', rows), 'formula', { cell: 'A4' });
  });

  it('a formula whose saved value is longer than Excel allows is refused', async () => {
    const rows = headerRow + `<row r="2"><c r="A2" t="str"><f>REPT("x",40000)</f><v>${'x'.repeat(40_000)}</v></c></row>`;
    await expectRefused(craft('long.xlsx', rows), 'maxCellChars', { cell: 'A2' });
  });

  it('a __proto__ header is refused, in XLSX and in CSV', async () => {
    const rows = `<row r="1">${[...STATS_HEADERS, '__proto__'].map((h, i) => str(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>` + dataRow(2, '2152979221');
    await expectRefused(craft('proto.xlsx', rows), null, { column: '__proto__' });
    writeCsv(file('proto.csv'), [[...STATS_HEADERS, '__proto__'], [...statsRow('2152979222', 300), '{"polluted":1}']]);
    await expectRefused(file('proto.csv'), null, { column: '__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a huge shared-strings table (a decompression bomb) is refused from the zip directory, before parsing', async () => {
    // ~60 MB of XML that deflates to a few hundred KB.
    const sst = '<si><t>重复重复重复重复</t></si>'.repeat(2_000_000);
    const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`;
    await expectRefused(craft('sst.xlsx', rows, sst), 'maxRatio', { part: 'xl/sharedStrings.xml' });
  });

  it('a shared-strings table with more entries than the limit is refused while it streams', async () => {
    const sst = Array.from({ length: 3000 }, (_, i) => `<si><t>s${i}</t></si>`).join('');
    const f = craft('sst-count.xlsx', `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, sst);
    await expect(readTable(f, { ...DEFAULT_XLSX_LIMITS, maxSharedStrings: 2000 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'maxSharedStrings' } });
    // The same file under the default limits reads.
    expect((await readTable(f)).headers).toEqual(['s0']);
  });

  it('more rows than the limit are refused; at the limit the file reads', async () => {
    writeXlsx(file('rows.xlsx'), [STATS_HEADERS, statsRow('2152979231', 300), statsRow('2152979232', 300)]);
    await expect(readTable(file('rows.xlsx'), { ...DEFAULT_XLSX_LIMITS, maxRows: 2 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'maxRows' } });
    expect((await readTable(file('rows.xlsx'), { ...DEFAULT_XLSX_LIMITS, maxRows: 3 })).rows).toHaveLength(2);
  });

  it('a file that is not a zip, and a legacy .xls, are typed refusals', async () => {
    fs.writeFileSync(file('fake.xlsx'), 'not a workbook');
    await expectRefused(file('fake.xlsx'), null);
    fs.writeFileSync(file('old.xls'), 'BIFF');
    await expectRefused(file('old.xls'), null);
  });
});
