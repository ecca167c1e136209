/**
 * The term statement as files, for the school's accounts and its public disclosure (附件1 三(六)二:
 * 单独建账…定期公开公示): CSV (UTF-8 with BOM, so Excel on Chinese Windows reads it) and XLSX, both with
 * Chinese headers. Amounts are yuan to the fen, printed from integer fen (never through a float). Pupils
 * appear by enrolment id only: a file leaves the API's pii guard behind, so it carries no personal data.
 */
import { strToU8, zipSync } from 'fflate';
import { CHARGE_ITEMS, type ChargeItem } from './domain.js';
import { fenToYuan } from './money.js';
import type { termStatement } from './rules/fees.js';

type Statement = Awaited<ReturnType<typeof termStatement>>;

export const STATEMENT_HEADERS = ['学校标识码', '学期', '报名编号', '收费项目', '数量', '应收（元）', '减免（元）', '实收（元）', '退费（元）', '结余（元）', '收费日期', '退出日期'] as const;

export function statementRows(s: Statement): string[][] {
  const rows = s.lines.map((l) => [s.schoolCode, s.term, l.enrolmentId, CHARGE_ITEMS[l.item as ChargeItem]?.zh ?? l.item, String(l.units), fenToYuan(l.grossFen), fenToYuan(l.waivedFen), fenToYuan(l.chargedFen), fenToYuan(l.refundFen), fenToYuan(l.keptFen), l.chargedOn, l.withdrawnOn ?? '']);
  const t = s.totals;
  rows.push([s.schoolCode, s.term, '合计', '', String(t.lines), fenToYuan(t.grossFen), fenToYuan(t.waivedFen), fenToYuan(t.chargedFen), fenToYuan(t.refundFen), fenToYuan(t.keptFen), '', t.reconciles ? '平衡' : '不平衡']);
  return rows;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export function statementCsv(s: Statement): string {
  return `\uFEFF${[[...STATEMENT_HEADERS], ...statementRows(s)].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const esc = (v: string) =>
  v
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const col = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** One sheet of inline strings (amounts stay text: "123.45", exactly as the fen say). */
export function statementXlsx(s: Statement): Uint8Array {
  const rows = [[...STATEMENT_HEADERS], ...statementRows(s)];
  const data = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (v === '' ? '' : `<c r="${col(j + 1)}${i + 1}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`)).join('')}</row>`).join('');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipSync({
    '[Content_Types].xml': strToU8(`${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    _rels: { '.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    xl: {
      'workbook.xml': strToU8(`${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="学期收费结算" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      _rels: { 'workbook.xml.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      worksheets: { 'sheet1.xml': strToU8(`${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`) },
    },
  });
}
export const statementXlsxBase64 = (s: Statement) => Buffer.from(statementXlsx(s)).toString('base64');
