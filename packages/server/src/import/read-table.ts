/**
 * Reading an import file into a header row and data rows: CSV (UTF-8, with or without BOM, or
 * GB18030 as Excel on Chinese Windows saves it) or XLSX/XLS (the first sheet).
 */
import fs from 'node:fs';
import path from 'node:path';
import XLSX from 'xlsx';

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

export function readTable(file: string): Table {
  const ext = path.extname(file).toLowerCase();
  let grid: unknown[][];
  if (ext === '.csv' || ext === '.txt') grid = parseCsv(decode(fs.readFileSync(file)));
  else if (ext === '.xlsx' || ext === '.xls') {
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellDates: true, dense: true });
    const sheet = wb.Sheets[wb.SheetNames[0]!]!;
    grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  } else throw new Error(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .xlsx / unsupported file type ${ext || '(none)'}: use .csv or .xlsx`);
  const headerIndex = grid.findIndex((r) => !blank(r));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = grid[headerIndex]!.map((h) => String(h ?? '').trim());
  const rows: Table['rows'] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) if (!blank(grid[i]!)) rows.push({ row: i + 1, cells: grid[i]! });
  return { headers, rows };
}
