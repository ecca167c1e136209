/**
 * `gongzhi backup` and `gongzhi restore` (issue 17): a logical snapshot that either backend writes
 * and either backend reads — PGlite's data folder to a PostgreSQL server and back, across
 * machines and PostgreSQL versions, which neither PGlite's dumpDataDir tarball (PGlite only) nor
 * a pg_dump archive (a PostgreSQL server only) does.
 *
 * The snapshot is gzip'd JSON lines: a header (format, backend, time, every package's applied
 * migrations), then per table a line naming its columns and one line per row, then per sequence
 * its value, then a trailer with the row counts (a truncated file is refused, not half-restored).
 *
 * Consistency: every table is read inside one REPEATABLE READ, READ ONLY transaction, so the
 * snapshot is the database as of that transaction's first statement: every write acknowledged
 * before the backup began is in it, none committed after. On PGlite (one connection) the
 * transaction holds the connection and writes wait for it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { CORE_MIGRATIONS, migrationsFolder, type AnyPlugin, type Db } from '@gongzhi/core';
import type { Database } from './database.js';

export const SNAPSHOT_FORMAT = 'gongzhi-snapshot';
export const SNAPSHOT_VERSION = 1;
const MIGRATIONS_SCHEMA = 'gongzhi_migrations';
const PAGE = 2000;

export interface Migration {
  name: string;
  hash: string;
}
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  createdAt: string;
  backend: Database['kind'];
  /** Package (core, a plugin id) → its applied migrations, in order. */
  migrations: Record<string, Migration[]>;
}
export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  sequences: number;
  header: SnapshotHeader;
}

/** A restore that cannot go ahead: the message says why and what to do. Nothing was written. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

type Exec = { execute(q: SQL): Promise<unknown> };
async function rows<T>(db: Exec, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** User tables (not system, not the migration records), with their insertable columns. */
async function userTables(db: Exec): Promise<{ schema: string; name: string; columns: string[] }[]> {
  const list = await rows<{ schema: string; name: string; columns: string[] }>(
    db,
    sql`select n.nspname as schema, c.relname as name,
          array_agg(a.attname::text order by a.attnum) as columns
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        where c.relkind = 'r' and not c.relispartition
          and n.nspname not in ('pg_catalog', 'information_schema', ${MIGRATIONS_SCHEMA}) and n.nspname not like 'pg\\_%'
        group by n.nspname, c.relname
        order by n.nspname, c.relname`,
  );
  return list.map((t) => ({ ...t, columns: typeof t.columns === 'string' ? parsePgArray(t.columns) : t.columns }));
}

/** `{a,b}` as pg may hand back a name[] the driver does not parse. */
function parsePgArray(s: string): string[] {
  return s.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((x) => x.replace(/^"|"$/g, ''));
}

async function appliedMigrations(db: Exec): Promise<Record<string, Migration[]>> {
  const tables = await rows<{ name: string }>(db, sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${MIGRATIONS_SCHEMA} and c.relkind = 'r' order by 1`);
  const out: Record<string, Migration[]> = {};
  for (const t of tables)
    out[t.name] = await rows<Migration>(db, sql.raw(`select name, hash from ${ident(MIGRATIONS_SCHEMA)}.${ident(t.name)} order by id`));
  return out;
}

/** Write a snapshot of `database` to `file`. */
export async function backupDatabase(database: Database, file: string): Promise<BackupSummary> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  let header!: SnapshotHeader;
  let sequences = 0;
  try {
    await database.db.transaction(
      async (tx) => {
        const t = tx as unknown as Exec;
        header = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, createdAt: new Date().toISOString(), backend: database.kind, migrations: await appliedMigrations(t) };
        await write(header);
        for (const table of await userTables(t)) {
          const name = `${table.schema}.${table.name}`;
          await write({ table: name, columns: table.columns });
          const cols = table.columns.map(ident).join(', ');
          const from = `${ident(table.schema)}.${ident(table.name)}`;
          let n = 0;
          // Pages by physical position: stable inside the snapshot, and no table needs a key.
          for (let last = '(0,0)'; ; ) {
            const page = await rows<{ tid: string; r: Record<string, unknown> }>(t, sql.raw(`select ctid::text as tid, row_to_json(x) as r from (select ctid, ${cols} from ${from} where ctid > '${last}'::tid order by ctid limit ${PAGE}) x`));
            for (const p of page) {
              const { ctid: _c, ...r } = (typeof p.r === 'string' ? JSON.parse(p.r) : p.r) as Record<string, unknown>;
              await write({ r: table.columns.map((c) => r[c] ?? null) });
            }
            n += page.length;
            if (page.length < PAGE) break;
            last = page[page.length - 1]!.tid;
          }
          counts[name] = n;
        }
        for (const s of await rows<{ schema: string; name: string; value: string | number | null }>(t, sql`select schemaname as schema, sequencename as name, last_value as value from pg_sequences where schemaname not in ('pg_catalog', 'information_schema', ${MIGRATIONS_SCHEMA}) order by 1, 2`)) {
          await write({ sequence: `${s.schema}.${s.name}`, value: s.value === null ? null : String(s.value) });
          sequences++;
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await write({ end: true, tables: counts, sequences });
    gzip.end();
    await once(out, 'close');
    fs.renameSync(tmp, file);
  } catch (e) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { file, tables: counts, sequences, header };
}

type Line = { table: string; columns: string[] } | { r: unknown[] } | { sequence: string; value: string | null } | { end: true; tables: Record<string, number>; sequences: number };

async function* readLines(file: string): AsyncGenerator<unknown> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield JSON.parse(line);
}

export async function readSnapshotHeader(file: string): Promise<SnapshotHeader> {
  for await (const first of readLines(file)) {
    const h = first as SnapshotHeader;
    if (h?.format !== SNAPSHOT_FORMAT) throw new RestoreError(`${file} 不是 Gongzhi 快照 / is not a Gongzhi snapshot`);
    if (h.version > SNAPSHOT_VERSION) throw new RestoreError(`快照格式版本 ${h.version} 比本程序新 / snapshot format ${h.version} is newer than this gongzhi (reads ${SNAPSHOT_VERSION}): upgrade first`);
    return h;
  }
  throw new RestoreError(`${file} 为空 / is empty`);
}

/** Whether the database holds any user table with a row (or any table at all outside the system). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const r = await rows<{ n: number }>(db as unknown as Exec, sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`);
  return Number(r[0]?.n ?? 0) === 0;
}

/** Drop every user schema (and public's tables): `--force` on a non-empty target. */
async function wipe(db: Db) {
  const e = db as unknown as Exec;
  for (const s of await rows<{ name: string }>(e, sql`select nspname as name from pg_namespace where nspname not in ('pg_catalog', 'information_schema', 'public') and nspname not like 'pg\\_%'`))
    await e.execute(sql.raw(`drop schema ${ident(s.name)} cascade`));
  for (const t of await rows<{ name: string }>(e, sql`select tablename as name from pg_tables where schemaname = 'public'`)) await e.execute(sql.raw(`drop table public.${ident(t.name)} cascade`));
}

const sameList = (a: Migration[], b: Migration[]) => a.length === b.length && a.every((m, i) => m.hash === b[i]!.hash);

/**
 * The target's migrations (this gongzhi's code, just applied) against the snapshot's: the same
 * list for every package the snapshot holds. A plugin installed since the snapshot is fine (its
 * tables start empty); anything else is refused with what to do.
 */
export function checkMigrations(snapshot: Record<string, Migration[]>, target: Record<string, Migration[]>): string[] {
  const problems: string[] = [];
  for (const [pkg, theirs] of Object.entries(snapshot)) {
    const ours = target[pkg];
    if (!ours) {
      problems.push(`快照含「${pkg}」的数据，但本部署未安装它 / the snapshot holds data of "${pkg}", which this deployment does not install: add it to the config's plugins`);
      continue;
    }
    if (sameList(theirs, ours)) continue;
    const known = new Set(ours.map((m) => m.hash));
    const unknown = theirs.filter((m) => !known.has(m.hash));
    if (unknown.length)
      problems.push(`「${pkg}」快照含本程序没有的迁移 ${unknown.map((m) => m.name).join(', ')} / "${pkg}": the snapshot has migrations this gongzhi lacks (${unknown.map((m) => m.name).join(', ')}): restore with the version that took it, or upgrade first`);
    else
      problems.push(`「${pkg}」快照来自较旧的版本（${theirs.length} 个迁移，本程序 ${ours.length} 个）/ "${pkg}": the snapshot is from an older version (${theirs.length} migrations, this gongzhi has ${ours.length}): restore it with that version, then upgrade (migrations run at start)`);
  }
  return problems;
}

/** The migrations this gongzhi's code would apply, by package, without touching a database. */
export function codeMigrations(plugins: readonly AnyPlugin[]): Record<string, Migration[]> {
  const out: Record<string, Migration[]> = {};
  const read = (folder: string) => readMigrationFiles({ migrationsFolder: folder }).map((m) => ({ name: m.name ?? '', hash: m.hash }));
  out.core = read(CORE_MIGRATIONS);
  for (const p of plugins) {
    const folder = migrationsFolder(p);
    if (folder) out[p.id] = read(folder);
  }
  return out;
}

export interface RestoreOptions {
  plugins: readonly AnyPlugin[];
  force?: boolean;
  log?: (line: string) => void;
}

/**
 * Restore `file` into `database`: refuse a non-empty target unless force; migrate it with this
 * gongzhi's code; check the migrations against the snapshot's; then load every table in one
 * transaction (triggers and foreign keys paused by session_replication_role, which needs a
 * superuser — PGlite's user is one; on a managed PostgreSQL, restore as its admin role).
 */
export async function restoreDatabase(database: Database, file: string, o: RestoreOptions): Promise<{ tables: Record<string, number>; sequences: number; header: SnapshotHeader }> {
  const log = o.log ?? (() => {});
  const header = await readSnapshotHeader(file);
  // Checked before anything is touched (a --force target is not wiped for a snapshot it cannot take).
  const problems = checkMigrations(header.migrations, codeMigrations(o.plugins));
  if (problems.length) throw new RestoreError(`迁移与快照不符，未做任何改动 / migrations do not match the snapshot; nothing changed:\n  - ${problems.join('\n  - ')}`);
  if (!(await isEmptyDatabase(database.db))) {
    if (!o.force) throw new RestoreError('目标数据库不为空，未做任何改动；确认要覆盖请加 --force / the target database is not empty; nothing changed. Pass --force to replace what it holds');
    log('--force: dropping what the target holds');
    await wipe(database.db);
  }
  await database.migrate(o.plugins);

  const counts: Record<string, number> = {};
  let sequences = 0;
  await database.db.transaction(async (tx) => {
    const t = tx as unknown as Exec;
    await t.execute(sql`set local session_replication_role = replica`);
    const tables = new Map((await userTables(t)).map((x) => [`${x.schema}.${x.name}`, x]));
    // Migrations may put rows in (reference data): the snapshot's rows replace them.
    if (tables.size) await t.execute(sql.raw(`truncate ${[...tables.values()].map((x) => `${ident(x.schema)}.${ident(x.name)}`).join(', ')}`));
    let current: { name: string; target: string; columns: string[] } | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!current || !batch.length) return;
      const cols = current.columns.map(ident).join(', ');
      await t.execute(sql`${sql.raw(`insert into ${current.target} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${current.target}, `)}${JSON.stringify(batch)}::json)`);
      counts[current.name] = (counts[current.name] ?? 0) + batch.length;
      batch = [];
    };
    let ended: { tables: Record<string, number>; sequences: number } | null = null;
    let first = true;
    for await (const raw of readLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const line = raw as Line;
      if ('table' in line) {
        await flush();
        const target = tables.get(line.table);
        if (!target) throw new RestoreError(`快照中的表 ${line.table} 在目标库中不存在 / table ${line.table} of the snapshot does not exist in the target`);
        const missing = line.columns.filter((c) => !target.columns.includes(c));
        if (missing.length) throw new RestoreError(`表 ${line.table} 缺少列 ${missing.join(', ')} / table ${line.table} lacks columns ${missing.join(', ')} in the target`);
        current = { name: line.table, target: `${ident(target.schema)}.${ident(target.name)}`, columns: line.columns };
        counts[line.table] = 0;
      } else if ('r' in line) {
        if (!current) throw new RestoreError('快照格式有误 / malformed snapshot (a row before its table)');
        batch.push(Object.fromEntries(current.columns.map((c, i) => [c, line.r[i]])));
        if (batch.length >= PAGE) await flush();
      } else if ('sequence' in line) {
        await flush();
        current = null;
        if (line.value !== null) await t.execute(sql`select setval(${line.sequence}::regclass, ${line.value}::bigint, true)`);
        sequences++;
      } else if ('end' in line) {
        await flush();
        ended = line;
      }
    }
    if (!ended) throw new RestoreError('快照不完整（缺少结尾），未做任何改动 / the snapshot is truncated (no trailer); nothing restored');
    for (const [name, n] of Object.entries(ended.tables))
      if ((counts[name] ?? 0) !== n) throw new RestoreError(`表 ${name} 行数不符（快照 ${n}，读到 ${counts[name] ?? 0}）/ table ${name}: ${counts[name] ?? 0} rows read, the snapshot says ${n}`);
  });
  log(`restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables, ${sequences} sequences (snapshot of ${header.createdAt}, from ${header.backend})`);
  return { tables: counts, sequences, header };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL's own tools, when they are on PATH: `gongzhi backup --format pg_dump` writes a
// pg_dump custom archive (its own consistent snapshot), and restore recognises one by its magic
// bytes and hands it to pg_restore — after the same emptiness and migration checks. Such an
// archive restores on PostgreSQL only; the logical snapshot above goes anywhere.

const onPath = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;

export function isPgDumpArchive(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(5);
    fs.readSync(fd, b, 0, 5, 0);
    return b.toString('latin1') === 'PGDMP';
  } finally {
    fs.closeSync(fd);
  }
}

export function pgDumpBackup(url: string, file: string): void {
  if (!onPath('pg_dump')) throw new RestoreError('pg_dump 不在 PATH 中 / pg_dump is not on PATH: install the PostgreSQL client, or use the default format');
  const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, url], { encoding: 'utf8' });
  if (r.status !== 0) throw new RestoreError(`pg_dump failed: ${r.stderr.trim()}`);
}

/** The migration records inside a pg_dump archive, read with pg_restore (the COPY data of gongzhi_migrations.*). */
export function archiveMigrations(file: string): Record<string, Migration[]> {
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
  if (list.status !== 0) throw new RestoreError(`pg_restore --list failed: ${list.stderr.trim()}`);
  const out: Record<string, Migration[]> = {};
  for (const m of list.stdout.matchAll(new RegExp(`TABLE DATA ${MIGRATIONS_SCHEMA} (\\S+) `, 'g'))) {
    const table = m[1]!;
    const r = spawnSync('pg_restore', ['--data-only', `--schema=${MIGRATIONS_SCHEMA}`, `--table=${table}`, '--file=-', file], { encoding: 'utf8' });
    const copy = /^COPY \S+ \(([^)]*)\) FROM stdin;\n([\s\S]*?)\n\\\.$/m.exec(r.stdout);
    const cols = (copy?.[1] ?? '').split(', ');
    const rows = (copy?.[2] ?? '').split('\n').filter(Boolean).map((l) => l.split('\t'));
    const [id, hash, name] = ['id', 'hash', 'name'].map((c) => cols.indexOf(c));
    out[table] = rows.sort((a, b) => Number(a[id!]) - Number(b[id!])).map((row) => ({ hash: row[hash!]!, name: row[name!] ?? '' }));
  }
  return out;
}

export async function pgRestore(database: Database, url: string, file: string, o: RestoreOptions): Promise<void> {
  if (database.kind !== 'postgres') throw new RestoreError('pg_dump 归档只能恢复到 PostgreSQL / a pg_dump archive restores into PostgreSQL only: set DATABASE_URL, or take a default-format backup');
  if (!onPath('pg_restore')) throw new RestoreError('pg_restore 不在 PATH 中 / pg_restore is not on PATH: install the PostgreSQL client');
  const problems = checkMigrations(archiveMigrations(file), codeMigrations(o.plugins));
  if (problems.length) throw new RestoreError(`迁移与快照不符，未做任何改动 / migrations do not match the snapshot; nothing changed:\n  - ${problems.join('\n  - ')}`);
  if (!(await isEmptyDatabase(database.db))) {
    if (!o.force) throw new RestoreError('目标数据库不为空，未做任何改动；确认要覆盖请加 --force / the target database is not empty; nothing changed. Pass --force to replace what it holds');
    await wipe(database.db);
  }
  const r = spawnSync('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new RestoreError(`pg_restore failed (nothing restored: one transaction): ${r.stderr.trim()}`);
  // A plugin installed since the archive was taken gets its tables now.
  await database.migrate(o.plugins);
  o.log?.(`restored the pg_dump archive ${file}`);
}

// ---------------------------------------------------------------------------------------------
// Scheduled snapshots from inside the server (config `backup.dir`): the way to back up a running
// PGlite deployment, whose data folder no second process may open; on PostgreSQL a convenience.

export interface BackupSchedule {
  stop(): void;
  /** Take one now (also what the timer calls); resolves with the file written. */
  runOnce(): Promise<string>;
}

export function scheduleBackups(database: Database, o: { dir: string; everyMs: number; keep: number; log?: (line: string) => void }): BackupSchedule {
  let running: Promise<string> | null = null;
  const runOnce = () =>
    (running ??= (async () => {
      fs.mkdirSync(o.dir, { recursive: true });
      const file = path.join(o.dir, `gongzhi-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/Z$/, '')}-${process.pid}.jsonl.gz`);
      try {
        const r = await backupDatabase(database, file);
        o.log?.(`scheduled backup written: ${file} (${Object.values(r.tables).reduce((a, b) => a + b, 0)} rows)`);
        // Keep the newest `keep` snapshots (names sort by time).
        const mine = fs.readdirSync(o.dir).filter((f) => /^gongzhi-backup-\d{8}T\d{6}\.\d{3}-\d+\.jsonl\.gz$/.test(f)).sort();
        for (const old of mine.slice(0, Math.max(0, mine.length - o.keep))) fs.rmSync(path.join(o.dir, old), { force: true });
        return file;
      } finally {
        running = null;
      }
    })());
  const timer = setInterval(() => {
    runOnce().catch((e: Error) => o.log?.(`scheduled backup failed: ${e.message}`));
  }, o.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
