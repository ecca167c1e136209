import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { CORE_MIGRATIONS, feedSources, installChangeFeedTriggers, installDataVersionTriggers, migrationsFolder, type AnyPlugin, type Db } from '@gongzhi/core';

export interface StatementCounter {
  count: number;
  /** Rows the database returned to the server (outside transactions): what tests hold close to rows answered. */
  rows: number;
}

/** Count the rows a driver's `query` returns (both drivers answer `{ rows }`). */
function countRows<C extends { query: (...a: any[]) => Promise<any> }>(client: C, statements: StatementCounter): void {
  const query = client.query.bind(client);
  (client as { query: unknown }).query = async (...args: unknown[]) => {
    const r = await query(...args);
    statements.rows += Array.isArray(r?.rows) ? r.rows.length : 0;
    return r;
  };
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Every SQL statement drizzle sends is counted: tests use it to show batching. */
  statements: StatementCounter;
  migrate(plugins: readonly AnyPlugin[]): Promise<void>;
  /** Readiness: one `select 1` within `timeoutMs` (a connection from the pool, on PostgreSQL); throws when it cannot. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A database that cannot answer now (no connection, a lock held, the server restarting): the client may retry. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterSeconds = 2,
  ) {
    super(`database unavailable: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Errors that mean "the database cannot answer now", not "this request is wrong": acquiring a
 * connection timed out, the connection was refused or cut (pg_terminate_backend, a restart), a lock
 * or statement timeout fired, the server is starting or shutting down. Drizzle wraps the driver's
 * error; the chain of causes is walked.
 */
const UNAVAILABLE_SQLSTATES = new Set(['55P03', '57014', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004', '25P03']);
export function unavailableReason(e: unknown): string | null {
  for (let c = e, i = 0; c && i < 8; c = (c as { originalError?: unknown }).originalError ?? (c as { cause?: unknown }).cause, i++) {
    if (c instanceof DatabaseUnavailableError) return c.reason;
    const code = (c as { code?: unknown }).code;
    const message = String((c as { message?: unknown }).message ?? '');
    if (typeof code === 'string' && UNAVAILABLE_SQLSTATES.has(code)) return code === '55P03' ? 'lock timeout' : code === '57014' ? 'statement timeout' : `connection (${code})`;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return `connection (${code})`;
    if (/timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(message)) return 'connection';
  }
  return null;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what} took over ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个 Gongzhi 进程（PID ${pid}）使用；请先停止它，或用 --data-dir 指定其他目录。\n` +
        `The data folder ${dir} is in use by another Gongzhi process (PID ${pid}); stop it first or choose another folder with --data-dir.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock of its own and two processes on one folder corrupt it (STACK.md): take a
 * lock file with our PID; a stale lock (its process gone) is taken over.
 */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'gongzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(lockPath); // stale
    }
  }
  throw new Error(`could not lock ${dir}`);
}

const MIGRATIONS_SCHEMA = 'gongzhi_migrations';

/** Core first, then each plugin, each recorded in its own table so a plugin can be added later. */
async function migrateAll(db: Db, plugins: readonly AnyPlugin[], apply: (c: { migrationsFolder: string; migrationsSchema: string; migrationsTable: string }) => Promise<unknown>) {
  await apply({ migrationsFolder: CORE_MIGRATIONS, migrationsSchema: MIGRATIONS_SCHEMA, migrationsTable: 'core' });
  for (const p of plugins) {
    const folder = migrationsFolder(p);
    if (folder) await apply({ migrationsFolder: folder, migrationsSchema: MIGRATIONS_SCHEMA, migrationsTable: p.id });
  }
  // Every table, including those a plugin's migration just added, bumps the data's version on write.
  await installDataVersionTriggers(db, ['core', ...plugins.map((p) => p.id)]);
  // And every table holding a feed entity (core's and each plugin's `changeFeed`) records its rows' changes.
  await installChangeFeedTriggers(db, feedSources(plugins));
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server. */
  url?: string | null;
  /** A folder for PGlite, or 'memory' for an in-memory database (tests). */
  dataDir?: string | null;
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL: wait at most this long for a free connection (pg's connectionTimeoutMillis). */
  acquireTimeoutMs?: number;
  /** PostgreSQL: statement_timeout of every connection. */
  statementTimeoutMs?: number;
  /** PostgreSQL: lock_timeout of every connection: a statement waiting this long on a lock gives up (SERVICE_UNAVAILABLE). */
  lockTimeoutMs?: number;
  /** PostgreSQL: idle_in_transaction_session_timeout of every connection. */
  idleInTransactionTimeoutMs?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const statements: StatementCounter = { count: 0, rows: 0 };
  const logger = { logQuery: () => void statements.count++ };

  if (opts.url) {
    // Timeouts (issue 14): a request waits a bounded time for a connection, a statement a bounded time
    // for a lock and to run, and a transaction left idle is ended by the server — so one locked table
    // or a stuck client cannot hold every request. The settings go in the startup packet (options).
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.acquireTimeoutMs ?? 3_000,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      lock_timeout: opts.lockTimeoutMs ?? 2_000,
      idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 30_000,
      // No JIT: its compilation (50–250 ms) outweighed the reports' statements it was triggered for
      // (a county's teacher tally, 0.2 s, is costed past jit_above_cost), and no request here runs long enough to repay it.
      options: '-c jit=off',
    } as pg.PoolConfig);
    // An idle connection the server drops (a restart, a failover) is an 'error' on the pool; without a
    // listener Node would end the process. The pool replaces the connection; say so and go on.
    pool.on('error', (e) => console.error(`gongzhi: an idle PostgreSQL connection was lost (${e.message}); the pool will reconnect`));
    countRows(pool, statements);
    const db = drizzlePg({ client: pool, logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      statements,
      migrate: (plugins) => migrateAll(db, plugins, (config) => migratePg(db as never, config)),
      async ping(timeoutMs) {
        await withTimeout(
          (async () => {
            const c = await pool.connect();
            try {
              await c.query('select 1');
            } finally {
              c.release();
            }
          })(),
          timeoutMs,
          'select 1',
        );
      },
      close: () => pool.end(),
    };
  }

  // The embedded database loads only when it is used: a server on PostgreSQL keeps ~6 MB less.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  const memory = !opts.dataDir || opts.dataDir === 'memory';
  const release = memory ? () => {} : lockDataDir(path.resolve(opts.dataDir!));
  let client: PGlite;
  try {
    client = memory ? new PGlite() : new PGlite(path.resolve(opts.dataDir!, 'pgdata'));
    await client.waitReady;
  } catch (e) {
    release();
    throw e;
  }
  countRows(client, statements);
  const db = drizzlePglite({ client, logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    statements,
    migrate: (plugins) => migrateAll(db, plugins, (config) => migratePglite(db as never, config)),
    // PGlite is one connection in this process, with no pool and no server-side timeouts to set: a
    // readiness check can only bound its own wait.
    async ping(timeoutMs) {
      await withTimeout(client.query('select 1'), timeoutMs, 'select 1');
    },
    async close() {
      await client.close();
      release();
    },
  };
}
