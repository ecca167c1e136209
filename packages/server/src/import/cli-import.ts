/**
 * The `import` command of the CLI: runs the import, draws a progress bar on stderr when it is a
 * terminal and the file is large, prints row-level errors, and answers with an exit code.
 */
import cliProgress from 'cli-progress';
import { GongzhiError, isSchoolYear, schoolYearOf, todayInShanghai, type Db, type Registry } from '@gongzhi/core';
import { formatIssue, importFile, type ImportKind } from './run.js';

/** Below this many rows a bar only flickers. */
const PROGRESS_MIN_ROWS = 2000;
const MAX_ERRORS_SHOWN = 200;

const PHASE = { read: '读取 read    ', validate: '校验 validate', write: '写入 write   ' } as const;

export async function runImportCommand(db: Db, registry: Registry, args: { kind: string | undefined; file: string | undefined; schoolYear?: string; loadGoodRows?: boolean }): Promise<number> {
  const kind = args.kind as ImportKind;
  if ((kind !== 'stats' && kind !== 'staff') || !args.file) {
    process.stderr.write('用法 / usage: gongzhi import stats FILE --school-year 2024-2025 [--load-good-rows]\n                       gongzhi import staff FILE [--school-year 2024-2025] [--load-good-rows]\n');
    return 2;
  }
  if (kind === 'stats' && !args.schoolYear) {
    process.stderr.write('导入统计数据需要 --school-year（如 2024-2025） / stats needs --school-year (e.g. 2024-2025)\n');
    return 2;
  }
  const schoolYear = args.schoolYear ?? schoolYearOf(todayInShanghai());
  if (!isSchoolYear(schoolYear)) {
    process.stderr.write(`学年格式应为 2024-2025 / a school year is written 2024-2025: ${schoolYear}\n`);
    return 2;
  }

  const tty = !!process.stderr.isTTY;
  let bar: cliProgress.SingleBar | null = null;
  let phase: keyof typeof PHASE | null = null;
  const onProgress = (p: keyof typeof PHASE, done: number, total: number) => {
    if (!tty || total < PROGRESS_MIN_ROWS) return;
    if (phase !== p) {
      bar?.stop();
      bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${PHASE[p]} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
      phase = p;
    }
    bar!.update(done);
  };
  const started = Date.now();
  let outcome;
  try {
    outcome = await importFile(db, { kind, file: args.file, schoolYear, loadGoodRows: args.loadGoodRows, onProgress, registry, today: todayInShanghai() });
  } catch (e) {
    // A write rule the file would break (e.g. re-registering a 学区 member as another stage), or a
    // file refused whole (a crafted or unreadable spreadsheet, a forbidden header): nothing was written.
    if (e instanceof GongzhiError && (e.code === 'RULE_VIOLATION' || e.code === 'BAD_USER_INPUT')) {
      (bar as cliProgress.SingleBar | null)?.stop();
      process.stderr.write(`error: ${e.bilingual.zh}
       ${e.bilingual.en}
未写入任何数据 / Nothing written.
`);
      return 1;
    }
    throw e;
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const w of outcome.warnings.slice(0, MAX_ERRORS_SHOWN)) process.stderr.write(`warning: ${formatIssue(outcome.file, w, outcome.headerOf)}\n`);
  for (const e of outcome.errors.slice(0, MAX_ERRORS_SHOWN)) process.stderr.write(`error: ${formatIssue(outcome.file, e, outcome.headerOf)}\n`);
  if (outcome.errors.length > MAX_ERRORS_SHOWN) process.stderr.write(`… ${outcome.errors.length - MAX_ERRORS_SHOWN} more errors\n`);
  if (!outcome.written) {
    process.stderr.write(`\n未写入任何数据：${outcome.errors.length} 处错误（${outcome.rows} 行）。修正后重试，或加 --load-good-rows 只导入正确的行。\nNothing written: ${outcome.errors.length} errors in ${outcome.rows} rows. Fix them, or pass --load-good-rows to load the good rows only.\n`);
    return 1;
  }
  const w = outcome.written as unknown as Record<string, number>;
  const summary = Object.entries(w).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`导入完成 / imported ${kind} ${outcome.file} (${schoolYear}): ${outcome.loaded}/${outcome.rows} rows loaded in ${seconds} s — ${summary}${outcome.errors.length ? `; ${outcome.errors.length} bad rows skipped` : ''}`);
  return 0;
}
