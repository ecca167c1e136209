/**
 * XLSX without SheetJS. `xlsx` 0.18.5, SheetJS's last npm release, carries published advisories
 * (prototype pollution, ReDoS on crafted files), so reading goes through exceljs's streaming
 * WorkbookReader and writing (test fixtures, samples) through a few lines of OOXML zipped by fflate.
 *
 * A spreadsheet is untrusted input: before anything is parsed, the zip's central directory is
 * checked against size limits (a decompression bomb, a huge shared-strings table), and while the
 * sheet streams, rows, columns, cell lengths and formulas are counted. Any breach is a typed
 * BAD_USER_INPUT naming the file and the limit, thrown before a single row reaches the database.
 */
import fs from 'node:fs';
import type ExcelJS from 'exceljs';

/** exceljs (and its zip stack) is loaded on the first spreadsheet read: a server that reads none keeps ~20 MB less. */
const loadExcel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default;
import { strToU8, zipSync } from 'fflate';
import { badInput } from '@gongzhi/core';

export interface XlsxLimits {
  /** Data rows in the first sheet (a county roster is a few tens of thousands). */
  maxRows: number;
  /** Columns in a row (the widest template has ~20). */
  maxColumns: number;
  /** Excel's own limit on a cell's text. */
  maxCellChars: number;
  /** Entries of the shared-strings table, and their total length in characters. */
  maxSharedStrings: number;
  maxSharedStringChars: number;
  /** Declared uncompressed size of any one zip entry, and of all together. */
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry: plain XML deflates ~10–30×; bombs reach thousands. */
  maxRatio: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxRows: 500_000,
  maxColumns: 256,
  maxCellChars: 32_767,
  maxSharedStrings: 2_000_000,
  maxSharedStringChars: 50_000_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
};

const refuse = (file: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  badInput('file', { zh: `${zh}，未写入任何数据`, en: `${en}; nothing written` }, { file, ...extra });

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** The zip's central directory (names and declared sizes), read from the file's tail only. */
export function zipDirectory(file: string): ZipEntry[] | null {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirSize > size) return null; // ZIP64: no roster needs one
    const dir = Buffer.alloc(dirSize);
    fs.readSync(fd, dir, 0, dirSize, dirOffset);
    const out: ZipEntry[] = [];
    for (let p = 0, n = 0; n < count && p + 46 <= dir.length; n++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      out.push({ name: dir.toString('utf8', p + 46, p + 46 + nameLen), compressed: dir.readUInt32LE(p + 20), uncompressed: dir.readUInt32LE(p + 24) });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

function checkDirectory(file: string, limits: XlsxLimits) {
  const entries = zipDirectory(file);
  if (!entries) throw refuse(file, '不是有效的 XLSX 文件（无法读取 zip 目录）', 'not a valid XLSX file (no readable zip directory)');
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed > limits.maxEntryBytes || e.uncompressed === 0xffffffff)
      throw refuse(file, `文件内部分「${e.name}」解压后过大（${e.uncompressed} 字节，上限 ${limits.maxEntryBytes}）`, `part "${e.name}" is too large uncompressed (${e.uncompressed} bytes, limit ${limits.maxEntryBytes})`, { limit: 'maxEntryBytes', part: e.name });
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(1, e.compressed) > limits.maxRatio)
      throw refuse(file, `文件内部分「${e.name}」压缩比异常（疑似压缩炸弹）`, `part "${e.name}" has an abnormal compression ratio (a decompression bomb?)`, { limit: 'maxRatio', part: e.name });
  }
  if (total > limits.maxTotalBytes)
    throw refuse(file, `文件解压后总大小过大（${total} 字节）`, `file is too large uncompressed (${total} bytes)`, { limit: 'maxTotalBytes' });
}

const colName = (col: number) => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Rows of the workbook's first sheet, streamed; each cell as SheetJS's raw mode gave it. */
export async function readXlsxRows(file: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<{ row: number; cells: unknown[] }[]> {
  checkDirectory(file, limits);
  // Shared strings are emitted one by one (not cached by exceljs) so their count and length are
  // checked as they arrive; worksheets then wait in exceljs's temporary files, not in memory.
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(file, { sharedStrings: 'emit', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  const shared: string[] = [];
  let sharedChars = 0;
  const out: { row: number; cells: unknown[] }[] = [];
  let firstSheet: string | null = null;
  const text = (v: unknown, ref: string): unknown => {
    if (typeof v === 'string' && v.length > limits.maxCellChars)
      throw refuse(file, `单元格 ${ref} 文本过长（${v.length} 字符，上限 ${limits.maxCellChars}）`, `cell ${ref} is too long (${v.length} characters, limit ${limits.maxCellChars})`, { limit: 'maxCellChars', cell: ref });
    return v;
  };
  const value = (v: unknown, ref: string): unknown => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'object' || v instanceof Date) return text(v, ref);
    const o = v as Record<string, unknown>;
    if ('sharedString' in o) {
      const s = shared[o.sharedString as number];
      if (s === undefined) throw refuse(file, `单元格 ${ref} 引用了不存在的共享字符串`, `cell ${ref} points to a shared string that does not exist`, { cell: ref });
      return s;
    }
    if ('formula' in o || 'sharedFormula' in o) {
      // Formulas are never evaluated here (a chain of doubling formulas is a classic bomb): the
      // value Excel last computed and saved is read, as SheetJS's raw mode did. A formula saved
      // without its value cannot be read honestly, so the file is refused.
      if (o.result === undefined || o.result === null)
        throw refuse(file, `单元格 ${ref} 是未计算的公式：请在 Excel 中“粘贴为数值”后再导入`, `cell ${ref} holds a formula with no computed value: paste values in Excel, then import`, { limit: 'formula', cell: ref });
      return value(o.result, ref);
    }
    if ('richText' in o) return text((o.richText as { text: string }[]).map((r) => r.text).join(''), ref);
    if ('error' in o) return String(o.error);
    if ('text' in o) return value(o.text, ref);
    return '';
  };
  try {
    for await (const event of reader.parse() as unknown as AsyncIterable<unknown>) {
      // exceljs's parse() yields shared strings bare ({ index, text }), other events as { eventType, value }.
      const e = event as { eventType?: string; value?: unknown; index?: number; text?: unknown };
      if (e.eventType === undefined && typeof e.index === 'number') {
        const t = typeof e.text === 'string' ? e.text : ((e.text as { richText?: { text: string }[] } | null)?.richText ?? []).map((r) => r.text).join('');
        sharedChars += t.length;
        if (shared.length >= limits.maxSharedStrings || sharedChars > limits.maxSharedStringChars)
          throw refuse(file, `共享字符串表过大（上限 ${limits.maxSharedStrings} 项、${limits.maxSharedStringChars} 字符）`, `shared-strings table too large (limit ${limits.maxSharedStrings} entries, ${limits.maxSharedStringChars} characters)`, { limit: 'maxSharedStrings' });
        shared[e.index] = t;
      } else if (e.eventType === 'worksheet') {
        const ws = e.value as AsyncIterable<{ number: number; values: unknown[] }> & { id: unknown };
        // The first sheet is the first of the workbook's <sheets> (worksheets are read after
        // workbook.xml: exceljs defers them while shared strings stream). Others are drained.
        const order = (reader as unknown as { model?: { sheets?: { id: unknown }[] } }).model?.sheets;
        const mine = order?.length ? ws.id === order[0]!.id : firstSheet === null;
        if (mine) firstSheet = String(ws.id);
        for await (const row of ws) {
          if (!mine) continue;
          if (out.length >= limits.maxRows) throw refuse(file, `行数过多（上限 ${limits.maxRows} 行）`, `too many rows (limit ${limits.maxRows})`, { limit: 'maxRows' });
          const vals = row.values; // 1-based, sparse
          if (vals.length - 1 > limits.maxColumns) throw refuse(file, `第 ${row.number} 行列数过多（上限 ${limits.maxColumns} 列）`, `row ${row.number} has too many columns (limit ${limits.maxColumns})`, { limit: 'maxColumns', row: row.number });
          const cells: unknown[] = [];
          for (let c = 1; c < vals.length; c++) cells.push(value(vals[c], `${colName(c)}${row.number}`));
          out.push({ row: row.number, cells });
        }
      }
    }
  } catch (e) {
    if (e instanceof Error && 'extensions' in e) throw e;
    throw refuse(file, `无法读取 XLSX 文件：${(e as Error).message}`, `unreadable XLSX file: ${(e as Error).message}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: synchronous (the fixtures' callers write and import on the next line), one sheet,
// strings inline and numbers as numbers, as SheetJS's aoa_to_sheet wrote them.

const esc = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function xlsxBuffer(rows: readonly (readonly (string | number | null | undefined)[])[], sheetName = 'Sheet1'): Uint8Array {
  const sheetRows = rows
    .map((r, i) => {
      const cells = r
        .map((v, j) => {
          const ref = `${colName(j + 1)}${i + 1}`;
          if (v === null || v === undefined || v === '') return '';
          if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(String(v))}</t></is></c>`;
        })
        .join('');
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join('');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipSync({
    '[Content_Types].xml': strToU8(`${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    _rels: { '.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    xl: {
      'workbook.xml': strToU8(`${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      _rels: { 'workbook.xml.rels': strToU8(`${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      worksheets: { 'sheet1.xml': strToU8(`${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`) },
    },
  });
}
