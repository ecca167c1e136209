/**
 * The daily sign-in import (考勤导入, 二(一)3): the export schools' sign-in machines already produce,
 * as CSV or XLSX, one row per staff member and day. Like core's imports: headers in Chinese (or the
 * English keys), row-level errors naming the row and the column, nothing written while a row is bad
 * (unless `loadGoodRows`), and idempotent — a row is keyed on person and day, so loading the same file
 * twice, or a corrected one, leaves one row per person and day.
 *
 * Built for volume (2 million rows a county-year): rows stream from the file (fast-csv, exceljs's
 * streaming reader), are checked against the county's schools and staff held as two Sets, and are
 * written 5,000 at a time with one INSERT … SELECT FROM unnest(…) ON CONFLICT statement each. An
 * absence is checked by the same function as the write rule hezhang.absence-kind.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { eq, sql } from 'drizzle-orm';
import { parse as parseCsv } from '@fast-csv/parse';
import type ExcelJS from 'exceljs';

/** exceljs (and its zip stack) is loaded on the first spreadsheet read: a server that reads none keeps ~20 MB less. */
const loadExcel = async (): Promise<typeof ExcelJS> => ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default;
import { mapHeaders, tables as core, type Bilingual, type ColumnSpec, type Db, type ImportIssue } from '@gongzhi/core';
import { ABSENCE_KIND_BY_ZH } from './domain.js';
import { absenceProblem } from './rules/attendance.js';

export const ATTENDANCE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'schoolCode', headers: ['学校标识码', '学校代码'], required: true, description: '学校标识码 — the school (10 digits) the staff member signs in at.' },
  { key: 'personId', headers: ['人员ID', '人员编号', '教职工ID'], required: true, description: 'The staff member’s id (UUID) as the roster gave it.' },
  { key: 'day', headers: ['日期', '考勤日期'], required: true, description: 'The day, YYYY-MM-DD (or YYYY/M/D; an XLSX date cell).' },
  { key: 'amIn', headers: ['上午签到'], required: false, description: 'Morning sign-in, HH:MM (an XLSX time cell too).' },
  { key: 'amOut', headers: ['上午签退'], required: false, description: 'Morning sign-out.' },
  { key: 'pmIn', headers: ['下午签到'], required: false, description: 'Afternoon sign-in.' },
  { key: 'pmOut', headers: ['下午签退'], required: false, description: 'Afternoon sign-out.' },
  { key: 'absenceKind', headers: ['请假类别', '请假类型'], required: false, description: '事假, 病假, 婚假, 产假, 培训学习, 因公出差, 其他 (or the English keys); blank when present.' },
  { key: 'absenceNote', headers: ['请假说明', '说明'], required: false, description: 'The absence’s description (required for 其他).' },
  { key: 'approvedBy', headers: ['审批人'], required: false, description: 'Who approved the leave (required for an absence).' },
];

export interface AttendanceImportOutcome {
  rows: number;
  /** Rows written (inserted or replaced); 0 when the import was refused. */
  loaded: number;
  /** The first 1,000 problems (row 1 is the header). */
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportIssue[];
}

const MAX_ISSUES = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const reason = (zh: string, en: string): Bilingual => ({ zh, en });

/** `08:30`, `8:30`, `08:30:15`, an XLSX time (a fraction of a day or a Date) → minutes after midnight; '' → null. */
export function parseTime(v: unknown): number | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.getUTCHours() * 60 + v.getUTCMinutes();
  // An XLSX time is a fraction of a day (read without styles, a date-time is its serial: keep the fraction).
  if (typeof v === 'number' && v >= 0) return Math.round((v % 1) * 24 * 60) % 1440;
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(String(v).trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

/** `2025-11-03`, `2025/11/3`, an XLSX date → `2025-11-03`; anything else undefined. */
export function parseDay(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  // An XLSX date read without styles is its serial: days since 1899-12-30.
  if (typeof v === 'number' && v > 60 && v < 2958466) return new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000).toISOString().slice(0, 10);
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(String(v ?? '').trim());
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d ? d : undefined;
}

interface Parsed {
  personId: string;
  day: string;
  schoolCode: string;
  amIn: number | null;
  amOut: number | null;
  pmIn: number | null;
  pmOut: number | null;
  absenceKind: string | null;
  absenceNote: string | null;
  approvedBy: string | null;
}

/** A PostgreSQL array literal of one type, bound as one text parameter (works on node-postgres and PGlite alike). */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

async function writeBatch(db: Db, rows: Parsed[]): Promise<void> {
  if (rows.length === 0) return;
  // One row per person and day in a statement (ON CONFLICT cannot touch a row twice): the last wins.
  const byKey = new Map<string, Parsed>();
  for (const r of rows) byKey.set(`${r.personId}|${r.day}`, r);
  const rs = [...byKey.values()];
  const col = <K extends keyof Parsed>(k: K) => arrayLiteral(rs.map((r) => r[k] as string | number | null));
  await db.execute(sql`
    insert into hezhang.attendance (person_id, day, school_code, am_in, am_out, pm_in, pm_out, absence_kind, absence_note, approved_by)
    select * from unnest(${col('personId')}::uuid[], ${col('day')}::date[], ${col('schoolCode')}::varchar[], ${col('amIn')}::smallint[], ${col('amOut')}::smallint[],
      ${col('pmIn')}::smallint[], ${col('pmOut')}::smallint[], ${col('absenceKind')}::text[], ${col('absenceNote')}::text[], ${col('approvedBy')}::text[])
    on conflict (person_id, day) do update set school_code = excluded.school_code, am_in = excluded.am_in, am_out = excluded.am_out, pm_in = excluded.pm_in,
      pm_out = excluded.pm_out, absence_kind = excluded.absence_kind, absence_note = excluded.absence_note, approved_by = excluded.approved_by`);
}

/**
 * Check and (when `write`) write rows of a sign-in export: the first row is the header. Call it in a
 * transaction; when the outcome has errors and `loadGoodRows` is false the caller rolls back (or
 * called it with `write: false` first).
 */
export async function importAttendanceRows(
  db: Db,
  source: AsyncIterable<readonly unknown[]>,
  o: { countyCode: string; write: boolean; loadGoodRows?: boolean; batchSize?: number; onProgress?: (rows: number) => void },
): Promise<AttendanceImportOutcome> {
  const out: AttendanceImportOutcome = { rows: 0, loaded: 0, errors: [], errorCount: 0, warnings: [] };
  const issue = (row: number, column: string | null, r: Bilingual) => {
    out.errorCount++;
    if (out.errors.length < MAX_ISSUES) out.errors.push({ row, column, reason: r });
  };
  // The county's schools and staff, held as Sets (10,000 ids, 450 codes): one statement each.
  const schools = new Set((await db.select({ code: core.schools.code }).from(core.schools).where(eq(core.schools.countyCode, o.countyCode))).map((r) => r.code));
  const people = new Set((await db.select({ id: core.people.id }).from(core.people).where(eq(core.people.localityCode, o.countyCode))).map((r) => r.id));
  const batchSize = o.batchSize ?? 5000;
  let index: Map<string, number> | null = null;
  let batch: Parsed[] = [];
  let rowNo = 0;
  for await (const cells of source) {
    rowNo++;
    if (!index) {
      const m = mapHeaders(cells.map((c) => String(c ?? '')), ATTENDANCE_COLUMNS);
      for (const s of m.missing) issue(1, s.key, reason(`缺少必填列「${s.headers[0]}」（${s.key}）`, `missing required column "${s.headers[0]}" (${s.key})`));
      for (const h of m.duplicated) issue(1, null, reason(`列「${h}」重复`, `column "${h}" appears twice`));
      out.warnings.push(...m.unknown.map((h) => ({ row: 1, column: null, reason: reason(`未识别的列「${h}」已忽略`, `unrecognised column "${h}" ignored`) })));
      if (out.errorCount) return out; // a file without its columns is refused whole
      index = m.index;
      continue;
    }
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    out.rows++;
    const get = (k: string) => {
      const i = index!.get(k);
      const v = i === undefined ? undefined : cells[i];
      return typeof v === 'string' ? v.trim() : v;
    };
    const before = out.errorCount;
    const schoolCode = String(get('schoolCode') ?? '');
    if (!schools.has(schoolCode)) issue(rowNo, 'schoolCode', reason(`学校 ${schoolCode || '（空）'} 不是本县学校`, `school ${schoolCode || '(blank)'} is not a school of county ${o.countyCode}`));
    const personId = String(get('personId') ?? '').toLowerCase();
    if (!UUID.test(personId) || !people.has(personId)) issue(rowNo, 'personId', reason(`人员 ${personId || '（空）'} 不在本县教职工名册中`, `person ${personId || '(blank)'} is not on the county’s staff roster`));
    const day = parseDay(get('day'));
    if (!day) issue(rowNo, 'day', reason('日期应为 YYYY-MM-DD', 'the day is YYYY-MM-DD'));
    const times: Record<string, number | null> = {};
    for (const k of ['amIn', 'amOut', 'pmIn', 'pmOut']) {
      const t = parseTime(get(k));
      if (t === undefined) issue(rowNo, k, reason('时间应为 HH:MM', 'a time is HH:MM'));
      times[k] = t ?? null;
    }
    if (times.amIn !== null && times.amOut !== null && times.amOut! < times.amIn!) issue(rowNo, 'amOut', reason('上午签退早于签到', 'the morning sign-out is before the sign-in'));
    if (times.pmIn !== null && times.pmOut !== null && times.pmOut! < times.pmIn!) issue(rowNo, 'pmOut', reason('下午签退早于签到', 'the afternoon sign-out is before the sign-in'));
    const rawKind = String(get('absenceKind') ?? '');
    const absenceKind = rawKind ? (ABSENCE_KIND_BY_ZH[rawKind] ?? ABSENCE_KIND_BY_ZH[rawKind.toUpperCase()] ?? rawKind) : null;
    const absenceNote = get('absenceNote') ? String(get('absenceNote')) : null;
    const approvedBy = get('approvedBy') ? String(get('approvedBy')) : null;
    const problem = absenceProblem({ absenceKind, absenceNote, approvedBy });
    if (problem) issue(rowNo, 'absenceKind', problem);
    if (out.errorCount > before) continue;
    batch.push({ personId, day: day!, schoolCode, amIn: times.amIn!, amOut: times.amOut!, pmIn: times.pmIn!, pmOut: times.pmOut!, absenceKind, absenceNote, approvedBy });
    if (batch.length >= batchSize) {
      if (o.write && (o.loadGoodRows || out.errorCount === 0)) await writeBatch(db, batch);
      out.loaded += batch.length;
      batch = [];
      o.onProgress?.(out.rows);
    }
  }
  if (!index) issue(1, null, reason('文件为空', 'the file is empty'));
  if (o.write && (o.loadGoodRows || out.errorCount === 0)) await writeBatch(db, batch);
  out.loaded += batch.length;
  if (out.errorCount && !o.loadGoodRows) out.loaded = 0;
  return out;
}

/** One CSV record through fast-csv (quoted fields, escaped quotes, line breaks inside quotes). */
async function parseRecord(text: string): Promise<string[]> {
  for await (const row of Readable.from([text]).pipe(parseCsv({ headers: false, ignoreEmpty: true, trim: true }))) return row as string[];
  return [];
}

/**
 * The rows of a CSV (UTF-8, BOM allowed), streamed. A sign-in export is machine-written and its
 * records almost never hold a quote: such a record is split on its commas (ten times faster than a
 * full parser, which matters at 2 million rows); a record with a quote — and the lines a quoted line
 * break joins into it — goes through fast-csv, so quoted fields read as RFC 4180 says.
 */
export async function* csvRows(input: Readable | string): AsyncGenerator<string[]> {
  const stream = typeof input === 'string' ? Readable.from([input]) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let pending: string | null = null;
  let first = true;
  for await (let line of lines) {
    if (first) {
      line = line.replace(/^\uFEFF/, '');
      first = false;
    }
    if (pending !== null) line = `${pending}\n${line}`;
    if (!line.includes('"')) {
      pending = null;
      if (line.trim() !== '') yield line.split(',').map((c) => c.trim());
      continue;
    }
    // An odd number of quotes: a quoted field goes on to the next line.
    if ((line.match(/"/g)?.length ?? 0) % 2 === 1) {
      pending = line;
      continue;
    }
    pending = null;
    yield await parseRecord(line);
  }
  if (pending !== null) yield await parseRecord(pending);
}

/** The rows of the first worksheet of an XLSX (a file path or its bytes), streamed by exceljs. */
export async function* xlsxRows(input: string | Uint8Array): AsyncGenerator<unknown[]> {
  const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([Buffer.from(input)]);
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      // exceljs rows are 1-based and sparse; rich text and formulas carry their text or result.
      yield values.slice(1).map((v) => (v && typeof v === 'object' && !(v instanceof Date) ? ((v as { result?: unknown; text?: unknown }).result ?? (v as { text?: unknown }).text ?? null) : v));
    }
    break;
  }
}

/** Import a file (CSV or XLSX by its extension) in one transaction: all or, with errors and no `loadGoodRows`, nothing. */
export async function importAttendanceFile(db: Db, file: string, o: { countyCode: string; loadGoodRows?: boolean; onProgress?: (rows: number) => void }): Promise<AttendanceImportOutcome> {
  const source = /\.xlsx$/i.test(file) ? xlsxRows(file) : csvRows(createReadStream(file));
  const refused = Symbol('refused');
  let outcome: AttendanceImportOutcome | null = null;
  try {
    await db.transaction(async (tx) => {
      outcome = await importAttendanceRows(tx as unknown as Db, source, { ...o, write: true });
      if (outcome.errorCount && !o.loadGoodRows) throw refused;
    });
  } catch (e) {
    if (e !== refused) throw e;
  }
  return outcome!;
}
