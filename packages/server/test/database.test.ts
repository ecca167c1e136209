import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../src/database.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-db-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('embedded database (PGlite in a data folder)', () => {
  it('persists across reopen, with migrations applied once', async () => {
    const dir = tmp();
    const a = await openDatabase({ dataDir: dir });
    await a.migrate([]);
    await a.db.execute("insert into core.localities (code, name, level) values ('450000', '广西壮族自治区', 'PROVINCE')" as never);
    await a.close();
    const b = await openDatabase({ dataDir: dir });
    await b.migrate([]);
    const rows = (await b.db.execute('select code from core.localities' as never)) as unknown as { rows: { code: string }[] };
    expect(rows.rows.map((r) => r.code)).toEqual(['450000']);
    await b.close();
  });

  it('a second process on the same data folder is refused with a clear error naming the holder', async () => {
    const dir = tmp();
    // Another live process holds the lock (its PID is written in the lock file).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'gongzhi.lock'), String(holder.pid));
      const err = await openDatabase({ dataDir: dir }).catch((e) => e);
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect(err.message).toContain(`PID ${holder.pid}`);
      expect(err.message).toContain('正被另一个 Gongzhi 进程');
      expect(err.message).toContain('in use by another Gongzhi process');
    } finally {
      holder.kill();
    }
  });

  it('a stale lock (its process gone) is taken over; the lock is released on close', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), '999999');
    const db = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(path.join(dir, 'gongzhi.lock'))).toBe(false);
  });
});

describe.runIf(process.env.DATABASE_URL)('PostgreSQL server (DATABASE_URL)', () => {
  it('a connection the server drops while idle (restart, failover) does not end the process: the next query reconnects', async () => {
    const d = await openDatabase({ url: process.env.DATABASE_URL! });
    try {
      await d.db.execute('select 1' as never);
      // Drop our own idle session from the server side, as a restart would.
      const pid = ((await d.db.execute('select pg_backend_pid() as pid' as never)) as unknown as { rows: { pid: number }[] }).rows[0]!.pid;
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 100));
      const after = (await d.db.execute('select 2 as two' as never)) as unknown as { rows: { two: number }[] };
      expect(after.rows[0]!.two).toBe(2);
    } finally {
      await d.close();
    }
  });
});
