/**
 * `gongzhi import stats|staff FILE`: read the file, map its headers, validate every row, and write
 * in one transaction — or write nothing when any row is bad (unless loadGoodRows).
 */
import path from 'node:path';
import {
  mapHeaders,
  STAFF_COLUMNS,
  STATS_COLUMNS,
  validateStaffRows,
  validateStatsRows,
  writeStaffRows,
  writeStatsRows,
  type ColumnSpec,
  type Db,
  type ImportIssue,
  type RawRow,
  type StaffWriteResult,
  type StatsWriteResult,
  runWriteRules,
  todayInShanghai,
  type Change,
  type Registry,
} from '@gongzhi/core';
import { readTable } from './read-table.js';
import { countImportRows } from '../metrics.js';

export type ImportKind = 'stats' | 'staff';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  /** stats: the year the figures describe (required). staff: the default first day of posts is its 1 September. */
  schoolYear: string;
  loadGoodRows?: boolean;
  onProgress?: (phase: 'read' | 'validate' | 'write', done: number, total: number) => void;
  /** The installed plugins: the write rules run on what the file changes, as for a mutation. */
  registry: Registry;
  /** Defaults to today in Asia/Shanghai. */
  today?: string;
}

export interface ImportOutcome {
  file: string;
  rows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Column key → the header the file used (to show errors in the file's own words). */
  headerOf: Map<string, string>;
  /** null when nothing was written. */
  written: (StatsWriteResult | StaffWriteResult) | null;
  loaded: number;
}

const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = { stats: STATS_COLUMNS, staff: STAFF_COLUMNS };

export async function importFile(db: Db, o: ImportOptions): Promise<ImportOutcome> {
  const outcome = await importRows(db, o);
  // /metrics: rows read, loaded or not (a refused file counts its rows as rejected).
  countImportRows(o.kind, outcome.loaded, outcome.rows - outcome.loaded);
  return outcome;
}

async function importRows(db: Db, o: ImportOptions): Promise<ImportOutcome> {
  const table = await readTable(o.file);
  o.onProgress?.('read', table.rows.length, table.rows.length);
  const specs = COLUMNS[o.kind];
  const m = mapHeaders(table.headers, specs);
  const base = { file: o.file, rows: table.rows.length, headerOf: m.headerOf, written: null, loaded: 0 };
  const fileIssues: ImportIssue[] = [
    ...m.missing.map((s) => ({ row: 1, column: s.key, reason: { zh: `缺少必填列「${s.headers[0]}」（${s.key}）`, en: `missing required column "${s.headers[0]}" (${s.key})` } })),
    ...m.duplicated.map((h) => ({ row: 1, column: null, reason: { zh: `列「${h}」重复`, en: `column "${h}" appears twice` } })),
  ];
  if (o.kind === 'staff' && !m.index.has('idNumber') && !m.index.has('staffNumber'))
    fileIssues.push({ row: 1, column: 'idNumber', reason: { zh: '需要「身份证号」或「教职工号」列作为人员标识', en: 'needs an ID number (身份证号) or staff number (教职工号) column to key people' } });
  const warnings: ImportIssue[] = m.unknown.map((h) => ({ row: 1, column: null, reason: { zh: `未识别的列「${h}」已忽略`, en: `unrecognised column "${h}" ignored` } }));
  // A file missing a required column is refused whole: no row can be read right.
  if (fileIssues.length) return { ...base, errors: fileIssues, warnings };

  const raw: RawRow[] = table.rows.map((r) => ({ row: r.row, values: Object.fromEntries([...m.index].map(([key, i]) => [key, r.cells[i]])) }));
  const validateProgress = (d: number, t: number) => o.onProgress?.('validate', d, t);
  const writeProgress = (d: number, t: number) => o.onProgress?.('write', d, t);
  const defaultValidFrom = `${o.schoolYear.slice(0, 4)}-09-01`;

  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (o.kind === 'stats') {
      const v = await validateStatsRows(tx, raw, { scale: m.scale, onProgress: validateProgress });
      if (v.errors.length && !o.loadGoodRows) return { ...base, errors: v.errors, warnings: [...warnings, ...v.warnings] };
      const written = await writeStatsRows(tx, v.good, o.schoolYear, v.existing, writeProgress);
      await guard(tx, o, v.good.map((r) => ({ county: r.countyCode, change: { entity: 'School', key: r.schoolCode } })));
      return { ...base, errors: v.errors, warnings: [...warnings, ...v.warnings], written, loaded: v.good.length };
    }
    const v = await validateStaffRows(tx, raw, { defaultValidFrom, onProgress: validateProgress });
    if (v.errors.length && !o.loadGoodRows) return { ...base, errors: v.errors, warnings: [...warnings, ...v.warnings] };
    const { postsWritten, ...written } = await writeStaffRows(tx, v.good, writeProgress);
    const countyOf = new Map(v.good.map((r) => [r.personId, r.countyCode]));
    await guard(tx, o, [
      ...v.good.map((r) => ({ county: r.countyCode, change: { entity: 'Person', key: r.personId } })),
      ...postsWritten.map((p) => ({ county: countyOf.get(p.personId)!, change: { entity: 'Post', key: p.postId } })),
    ]);
    return { ...base, errors: v.errors, warnings: [...warnings, ...v.warnings], written, loaded: v.good.length };
  });
}

/** `FILE:ROW: 列「header」(key): reason` — the file's own header, and the key the docs use. */
export function formatIssue(file: string, issue: ImportIssue, headerOf: Map<string, string>, lang: 'zh' | 'en' | 'both' = 'both'): string {
  const header = issue.column ? headerOf.get(issue.column) : null;
  const col = issue.column ? (header && header !== issue.column ? `「${header}」(${issue.column})` : `(${issue.column})`) : '';
  const reason = lang === 'both' ? `${issue.reason.zh} / ${issue.reason.en}` : issue.reason[lang];
  return `${path.basename(file)}:${issue.row}:${col ? ` ${col}` : ''} ${reason}`;
}

/**
 * An import is a write like any other: the write rules of every regime concerned run on what it
 * changed, inside its transaction (POLICIES.md: every path that can break a write rule is guarded).
 * A failure throws RULE_VIOLATION and rolls the whole file back.
 */
async function guard(tx: Db, o: ImportOptions, rows: { county: string; change: Change }[]) {
  for (const county of [...new Set(rows.map((r) => r.county))].sort())
    await runWriteRules(tx, o.registry, county, rows.filter((r) => r.county === county).map((r) => r.change), o.today ?? todayInShanghai());
}
