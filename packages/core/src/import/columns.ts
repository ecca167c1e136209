/**
 * Columns of the import files (and of the matching mutation's rows): their keys, the headers a
 * file may use (Chinese as in the national statistics, or the English key), and cell parsers that
 * return a value or a bilingual reason. Shared by the CLI (CSV/XLSX) and GraphQL.
 */
import type { Bilingual } from '../errors.js';
import { isIsoDate } from '../codes.js';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted headers, canonical Chinese header first. The English key is always accepted too. */
  headers: readonly string[];
  /** The column must be present in the file (a cell may still be blank where the parser allows). */
  required: boolean;
  /** For IMPORT.md. */
  description: string;
}

/** One problem with a row (row numbers as the user sees them), or with the file (row 1: the header). */
export interface ImportIssue {
  row: number;
  /** The column key (e.g. `teachingAuxAreaM2`); the CLI shows the file's own header beside it. */
  column: string | null;
  reason: Bilingual;
}

/** A row after header mapping: cell values by column key (strings from CSV, numbers/dates from XLSX or GraphQL). */
export interface RawRow {
  row: number;
  values: Record<string, unknown>;
}

/** Header matching ignores spaces, case, a leading `*` (required marker) and a unit in brackets — except 万元, which scales. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/^\*/, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** Column key → index in the file's header row. */
  index: Map<string, number>;
  /** Column key → the header text the file used. */
  headerOf: Map<string, string>;
  /** Column key → factor to multiply its numbers by (equipment value given in 万元). */
  scale: Map<string, number>;
  missing: ColumnSpec[];
  /** Headers no column claims (ignored, reported as warnings). */
  unknown: string[];
  /** Columns given twice under different headers. */
  duplicated: string[];
}

export function mapHeaders(headers: readonly string[], specs: readonly ColumnSpec[]): HeaderMapping {
  const lookup = new Map<string, ColumnSpec>();
  for (const s of specs) for (const h of [...s.headers, s.key]) lookup.set(normaliseHeader(h), s);
  const index = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const scale = new Map<string, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, i) => {
    const text = String(raw ?? '').trim();
    if (!text) return;
    const spec = lookup.get(normaliseHeader(text));
    if (!spec) return void unknown.push(text);
    if (index.has(spec.key)) return void duplicated.push(text);
    index.set(spec.key, i);
    headerOf.set(spec.key, text);
    if (/万元/.test(text)) scale.set(spec.key, 10_000);
  });
  return { index, headerOf, scale, missing: specs.filter((s) => s.required && !index.has(s.key)), unknown, duplicated };
}

// ---------------------------------------------------------------------------------------------
// Cell parsers: a value, or a reason.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const cellError = (zh: string, en: string): Parsed<never> => ({ ok: false, reason: { zh, en } });

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export function isBlank(v: unknown): boolean {
  return cellText(v) === '';
}

/** A number ≥ 0 (thousands separators allowed in text). */
export function parseNonNegative(v: unknown, opts: { integer?: boolean; scale?: number; max?: number } = {}): Parsed<number> {
  const text = typeof v === 'number' ? String(v) : cellText(v).replace(/,/g, '');
  if (text === '') return cellError('不能为空', 'must not be blank');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return cellError(`“${text}”不是数字`, `"${text}" is not a number`);
  const n = Number(text) * (opts.scale ?? 1);
  if (!Number.isFinite(n)) return cellError('不是有限数值', 'is not a finite number');
  if (n < 0) return cellError(`不能为负数（${text}）`, `must not be negative (${text})`);
  if (opts.integer && !Number.isInteger(n)) return cellError(`应为整数（${text}）`, `must be a whole number (${text})`);
  if (opts.max !== undefined && n > opts.max) return cellError(`超出合理范围（最多 ${opts.max}）：${text}`, `is beyond a sane bound (at most ${opts.max}): ${text}`);
  return ok(n);
}

/** A calendar date: 2019-09-01, 2019/9/1, 2019.09.01, 20190901, or a spreadsheet date cell. */
export function parseDate(v: unknown): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return cellError('日期无效', 'invalid date');
    // XLSX date cells are local midnight; shift by the offset so the calendar day is kept.
    return ok(new Date(v.getTime() - v.getTimezoneOffset() * 60_000).toISOString().slice(0, 10));
  }
  const text = cellText(v);
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
  if (!isIsoDate(iso)) return cellError(`“${text}”不是有效日期（应为 YYYY-MM-DD）`, `"${text}" is not a valid date (YYYY-MM-DD)`);
  return ok(iso);
}

export function parseBoolean(v: unknown): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const text = cellText(v).toLowerCase();
  if (['是', 'true', 'yes', 'y', '1'].includes(text)) return ok(true);
  if (['否', 'false', 'no', 'n', '0'].includes(text)) return ok(false);
  return cellError(`“${text}”应为 是/否`, `"${text}" should be yes/no (是/否)`);
}

/** One of a fixed set, by English value or by any Chinese label. */
export function parseChoice<T extends string>(v: unknown, labels: Record<string, T>, what: Bilingual): Parsed<T> {
  const text = cellText(v);
  const hit = labels[text] ?? labels[text.toUpperCase()];
  if (hit) return ok(hit);
  const shown = [...new Set(Object.keys(labels).filter((k) => /[^\x00-\x7F]/.test(k)))].slice(0, 8).join('、');
  return cellError(`“${text}”不是有效的${what.zh}（可用：${shown} 等）`, `"${text}" is not a valid ${what.en}`);
}
