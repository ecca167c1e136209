/**
 * Reading an import file into a header row and data rows: CSV (UTF-8, with or without BOM, or
 * GB18030 as Excel on Chinese Windows saves it) or XLSX (the first sheet, streamed: see xlsx.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '@gongzhi/core';
import { DEFAULT_XLSX_LIMITS, readXlsxRows, type XlsxLimits } from './xlsx.js';

export interface Table {
  headers: string[];
  /** Data rows with their row number as a spreadsheet shows it (the header is row 1). */
  rows: { row: number; cells: unknown[] }[];
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

const blank = (cells: unknown[]) => cells.every((c) => c === null || c === undefined || String(c).trim() === '');

/**
 * Header names that would reach Object prototypes if anything ever keyed an object by them: a
 * file that uses one is crafted, not a roster, and is refused whole.
 */
const FORBIDDEN_HEADERS = new Set(['__proto__', 'constructor', 'prototype']);

export async function readTable(file: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<Table> {
  const ext = path.extname(file).toLowerCase();
  let grid: { row: number; cells: unknown[] }[];
  if (ext === '.csv' || ext === '.txt') grid = parseCsv(decode(fs.readFileSync(file))).map((cells, i) => ({ row: i + 1, cells }));
  else if (ext === '.xlsx') grid = await readXlsxRows(file, limits);
  else if (ext === '.xls')
    throw badInput('file', { zh: '不支持旧版 .xls 格式：请在 Excel/WPS 中另存为 .xlsx 或 .csv，未写入任何数据', en: 'legacy .xls is not read: save it as .xlsx or .csv in Excel/WPS; nothing written' }, { file });
  else throw new Error(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .xlsx / unsupported file type ${ext || '(none)'}: use .csv or .xlsx`);
  const headerIndex = grid.findIndex((r) => !blank(r.cells));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = grid[headerIndex]!.cells.map((h) => String(h ?? '').trim());
  const bad = headers.find((h) => FORBIDDEN_HEADERS.has(h.toLowerCase()));
  if (bad !== undefined)
    throw badInput('file', { zh: `列名「${bad}」不可用，未写入任何数据`, en: `column name "${bad}" is not allowed; nothing written` }, { file, column: bad });
  const rows: Table['rows'] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) if (!blank(grid[i]!.cells)) rows.push(grid[i]!);
  return { headers, rows };
}
