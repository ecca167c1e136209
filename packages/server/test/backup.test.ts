/**
 * Backup and restore (issue 17): a snapshot taken while writes run restores to a state holding
 * every write acknowledged before the backup began (and, being one snapshot, no gap after them);
 * a non-empty target is refused unless forced; migrations are checked against the snapshot's.
 * On PGlite, and on PostgreSQL when DATABASE_URL is set — where the snapshot is also restored
 * into PGlite, since it is meant to be read on either backend.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { tables, type Db } from '@gongzhi/core';
import { archiveMigrations, backupDatabase, codeMigrations, importFile, scheduleBackups, isPgDumpArchive, openDatabase, pgDumpBackup, pgRestore, restoreDatabase, RestoreError, sampleCounty, writeCsv, type Database } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

const COUNTY = '520527';
const YEAR = '2024-2025';
const PG = process.env.DATABASE_URL;
let s: TestServer;
let dir: string;
const dropAfter: (() => Promise<void>)[] = [];

async function freshPostgres(): Promise<string> {
  const name = `gongzhi_restore_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  dropAfter.push(async () => {
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const u = new URL(PG!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Everything a user would miss, ordered totally. */
async function contents(db: Db) {
  return {
    localities: await db.select().from(tables.localities).orderBy(asc(tables.localities.code)),
    schools: await db.select().from(tables.schools).orderBy(asc(tables.schools.code)),
    stats: await db.select().from(tables.schoolYearStats).orderBy(asc(tables.schoolYearStats.schoolCode), asc(tables.schoolYearStats.schoolYear)),
    people: await db.select().from(tables.people).orderBy(asc(tables.people.id)),
    posts: await db.select().from(tables.posts).orderBy(asc(tables.posts.id)),
  };
}
const writesIn = async (db: Db) =>
  (await db.select({ op: tables.auditLog.operation }).from(tables.auditLog).orderBy(asc(tables.auditLog.id))).map((r) => r.op).filter((op) => op.startsWith('w-')).map((op) => Number(op.slice(2)));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-backup-'));
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: COUNTY, name: '赫章县' }] });
  const data = sampleCounty({ countyCode: COUNTY, schools: 12, people: 80, codeBlock: '01' });
  writeCsv(path.join(dir, 'stats.csv'), data.stats);
  writeCsv(path.join(dir, 'staff.csv'), data.staff);
  expect((await importFile(s.db, { registry: s.registry, kind: 'stats', file: path.join(dir, 'stats.csv'), schoolYear: YEAR })).errors).toEqual([]);
  expect((await importFile(s.db, { registry: s.registry, kind: 'staff', file: path.join(dir, 'staff.csv'), schoolYear: YEAR })).errors).toEqual([]);
}, 120_000);
afterAll(async () => {
  await s?.close();
  for (const d of dropAfter) await d();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`gongzhi backup / restore (${PG ? 'PostgreSQL' : 'PGlite'})`, () => {
  let snapshot: string;
  let ackedBefore: number[];
  let source: Awaited<ReturnType<typeof contents>>;

  it('a backup taken while writes run holds every write acknowledged before it began, and no gap after them', async () => {
    const acked: number[] = [];
    let stop = false;
    // Two writers, so on PostgreSQL writes truly overlap the backup's transaction.
    const writer = async (start: number) => {
      for (let i = start; !stop; i += 2) {
        await s.db.insert(tables.auditLog).values({ actor: 'writer', localityCode: COUNTY, operation: `w-${i}`, entity: 'Test', entityKeys: [String(i)] });
        acked.push(i);
        // PGlite answers through promises alone: without a turn of the event loop the writers
        // would starve every timer (and the backup) of it, as no HTTP server's requests do.
        await new Promise((r) => setImmediate(r));
      }
    };
    const writers = [writer(0), writer(1)];
    while (acked.length < 30) await new Promise((r) => setTimeout(r, 5));
    ackedBefore = [...acked];
    snapshot = path.join(dir, 'snap.jsonl.gz');
    const summary = await backupDatabase(s.database, snapshot);
    const ackedDuring = acked.length;
    while (acked.length < ackedDuring + 10) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(ackedBefore.length); // writes did run around the backup
    expect(summary.tables['core.audit_log']).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(summary.header.migrations.core!.length).toBeGreaterThan(0);

    const target = await openDatabase({ url: PG ? await freshPostgres() : null, dataDir: PG ? null : path.join(dir, 'restored') });
    try {
      await restoreDatabase(target, snapshot, { plugins: [] });
      const restored = await writesIn(target.db);
      for (const i of ackedBefore) expect(restored).toContain(i);
      // One snapshot: each writer's writes are a prefix of what it acknowledged.
      for (const parity of [0, 1]) {
        const mine = restored.filter((i) => i % 2 === parity).sort((a, b) => a - b);
        expect(mine).toEqual(mine.map((_, k) => parity + 2 * k));
      }
      expect(restored.length).toBeLessThan(acked.length); // the writes after the backup are not in it
      // Everything else as the source holds it (versions, timestamps, arrays, dates included).
      source = await contents(s.db);
      expect(await contents(target.db)).toEqual(source);
      expect(source.people.length).toBe(80);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('a non-empty target is refused without --force, and replaced with it', async () => {
    const target = await openDatabase({ url: PG ? await freshPostgres() : null, dataDir: 'memory' });
    try {
      await target.migrate([]);
      await target.db.insert(tables.localities).values({ code: '450000', name: '广西壮族自治区', level: 'PROVINCE' } as never);
      await expect(restoreDatabase(target, snapshot, { plugins: [] })).rejects.toThrow(/not empty; nothing changed/);
      expect((await target.db.select().from(tables.localities)).map((l) => l.code)).toEqual(['450000']);
      await restoreDatabase(target, snapshot, { plugins: [], force: true });
      expect(await contents(target.db)).toEqual(source);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('a snapshot whose migrations this code lacks, or that is older, or truncated, is refused and nothing changes', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(snapshot)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    const rewrite = (name: string, h: unknown, body = lines.slice(1)) => {
      fs.writeFileSync(path.join(dir, name), zlib.gzipSync([JSON.stringify(h), ...body].join('\n')));
      return path.join(dir, name);
    };
    const newer = rewrite('newer.jsonl.gz', { ...header, migrations: { ...header.migrations, core: [...header.migrations.core, { name: '29990101000000_future', hash: 'f'.repeat(64) }] } });
    const older = rewrite('older.jsonl.gz', { ...header, migrations: { ...header.migrations, core: header.migrations.core.slice(0, -1) } });
    const foreign = rewrite('foreign.jsonl.gz', { ...header, migrations: { ...header.migrations, beihai: [{ name: 'x', hash: 'a'.repeat(64) }] } });
    const truncated = rewrite('truncated.jsonl.gz', header, lines.slice(1, -3));
    const target: Database = await openDatabase({ url: PG ? await freshPostgres() : null, dataDir: 'memory' });
    try {
      await expect(restoreDatabase(target, newer, { plugins: [] })).rejects.toThrow(/migrations this gongzhi lacks \(29990101000000_future\)/);
      await expect(restoreDatabase(target, older, { plugins: [] })).rejects.toThrow(/from an older version/);
      await expect(restoreDatabase(target, foreign, { plugins: [] })).rejects.toThrow(/"beihai", which this deployment does not install/);
      await expect(restoreDatabase(target, truncated, { plugins: [] })).rejects.toBeInstanceOf(RestoreError);
      // Nothing of the snapshot got in (the truncated one migrated the target, then rolled its rows back).
      expect(await target.db.select().from(tables.schools)).toEqual([]);
    } finally {
      await target.close();
    }
  }, 120_000);

  it.runIf(!!PG)('the PostgreSQL snapshot restores into PGlite too', async () => {
    const target = await openDatabase({ url: null, dataDir: 'memory' });
    try {
      await restoreDatabase(target, snapshot, { plugins: [] });
      expect(await contents(target.db)).toEqual(source);
      for (const i of ackedBefore) expect(await writesIn(target.db)).toContain(i);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('scheduled snapshots (config backup.dir): taken by the timer, the newest `keep` kept, each restorable', async () => {
    const sched = path.join(dir, 'scheduled');
    const every = scheduleBackups(s.database, { dir: sched, everyMs: 50, keep: 2 });
    try {
      for (let i = 0; i < 400 && !(fs.existsSync(sched) && fs.readdirSync(sched).some((f) => f.endsWith('.jsonl.gz'))); i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      every.stop();
    }
    await every.runOnce(); // whatever the timer had in flight has finished (runOnce shares it)
    expect(fs.readdirSync(sched).filter((f) => f.endsWith('.jsonl.gz')).length).toBeGreaterThanOrEqual(1);
    const b = scheduleBackups(s.database, { dir: sched, everyMs: 3_600_000, keep: 2 });
    b.stop();
    const files: string[] = [];
    for (let i = 0; i < 3; i++) {
      files.push(await b.runOnce());
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(fs.readdirSync(sched).filter((f) => f.endsWith('.jsonl.gz')).sort()).toEqual(files.slice(1).map((f) => path.basename(f)));
    const target = await openDatabase({ url: null, dataDir: 'memory' });
    try {
      await restoreDatabase(target, files[2]!, { plugins: [] });
      expect(await contents(target.db)).toEqual(await contents(s.db));
    } finally {
      await target.close();
    }
  }, 120_000);

  const pgTools = !!PG && spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
  it.runIf(pgTools)('with pg_dump on PATH: a pg_dump archive restores through pg_restore after the same checks', async () => {
    const archive = path.join(dir, 'snap.pgdump');
    pgDumpBackup(await sourceUrl(), archive);
    expect(isPgDumpArchive(archive)).toBe(true);
    expect(isPgDumpArchive(snapshot)).toBe(false);
    // The migration check reads the archive's own records: core's list, as this code has it.
    expect(archiveMigrations(archive)).toEqual(codeMigrations([]));
    expect(archiveMigrations(archive).core!.length).toBeGreaterThan(0);
    const url = await freshPostgres();
    const target = await openDatabase({ url, dataDir: null });
    try {
      await target.migrate([]);
      await target.db.insert(tables.localities).values({ code: '450000', name: '广西壮族自治区', level: 'PROVINCE' } as never);
      await expect(pgRestore(target, url, archive, { plugins: [] })).rejects.toThrow(/not empty; nothing changed/);
      await pgRestore(target, url, archive, { plugins: [], force: true });
      const now = await contents(s.db);
      expect(await contents(target.db)).toEqual(now);
    } finally {
      await target.close();
    }
  }, 120_000);
});

/** The source's own database URL (the test kit makes a fresh database per file). */
async function sourceUrl(): Promise<string> {
  const r = (await s.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
  const u = new URL(PG!);
  u.pathname = `/${r.rows[0]!.db}`;
  return u.toString();
}
