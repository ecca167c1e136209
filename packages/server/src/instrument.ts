/**
 * The database's probe for operations (issue 17): a span per SQL statement and the pool's state
 * and acquire times. It wraps the driver drizzle talks to, found as `db.$client`, at the same
 * point the statement counter of database.ts sits — so every statement, in a transaction or not,
 * passes through it, and database.ts needs no change.
 *
 * Statement spans record the SQL text with its placeholders, never the parameters: those hold
 * names, ID numbers and phones (DESIGN.md, personal data). A statement outside any trace (boot,
 * migrations, the CLI) makes no span.
 */
import { performance } from 'node:perf_hooks';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Database } from './database.js';

export interface PoolState {
  /** Connections open (busy + idle), the configured maximum, idle ones, and requests waiting for one. */
  total: number;
  max: number;
  idle: number;
  waiting: number;
}

export interface DatabaseProbe {
  /** PostgreSQL's pool now; PGlite is one in-process connection and has none. */
  pool(): PoolState | null;
  /** Called with the seconds each connection acquisition took. */
  readonly onAcquire: Set<(seconds: number) => void>;
}

const PROBE = Symbol.for('gongzhi.probe');
const WRAPPED = Symbol.for('gongzhi.traced');
const MAX_SQL_CHARS = 2000;

const tracer = () => trace.getTracer('gongzhi.db');

function sqlText(arg: unknown): string {
  const t = typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : '';
  return t.length > MAX_SQL_CHARS ? `${t.slice(0, MAX_SQL_CHARS)}…` : t;
}

function startStatementSpan(text: string): Span {
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  return tracer().startSpan(operation, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system.name': 'postgresql', 'db.system': 'postgresql', 'db.operation.name': operation, 'db.query.text': text },
  });
}

function end(span: Span, err?: unknown) {
  if (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: String((err as { code?: unknown }).code ?? 'error') });
    span.setAttribute('db.response.status_code', String((err as { code?: unknown }).code ?? ''));
  }
  span.end();
}

/** Wrap a driver's query function: promise style (PGlite, pg) and callback style (pg's Pool.query). */
function traced<F extends (...args: any[]) => any>(fn: F): F {
  if ((fn as { [WRAPPED]?: boolean })[WRAPPED]) return fn;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    if (!trace.getActiveSpan()) return fn.apply(this, args);
    const span = startStatementSpan(sqlText(args[0]));
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => {
        end(span, err);
        cb(err, res);
      };
      return fn.apply(this, args);
    }
    try {
      const r = fn.apply(this, args);
      if (r && typeof (r as Promise<unknown>).then === 'function')
        return (r as Promise<unknown>).then(
          (v) => (end(span), v),
          (e) => {
            end(span, e);
            throw e;
          },
        );
      end(span);
      return r;
    } catch (e) {
      end(span, e);
      throw e;
    }
  } as unknown as F;
  (wrapped as { [WRAPPED]?: boolean })[WRAPPED] = true;
  return wrapped;
}

type Queryable = { query: (...a: any[]) => any; exec?: (...a: any[]) => any };
function traceClient(c: Queryable) {
  c.query = traced(c.query.bind(c));
  if (typeof c.exec === 'function') c.exec = traced(c.exec.bind(c));
}

/** Instrument the database once; later calls return the same probe. */
export function instrumentDatabase(database: Database): DatabaseProbe {
  const client = (database.db as unknown as { $client: Record<PropertyKey, any> }).$client;
  if (client[PROBE]) return client[PROBE] as DatabaseProbe;
  const onAcquire = new Set<(seconds: number) => void>();
  let probe: DatabaseProbe;
  if (database.kind === 'postgres') {
    const pool = client as unknown as {
      connect: (cb?: (err: unknown, c: Queryable, done: unknown) => void) => any;
      totalCount: number;
      idleCount: number;
      waitingCount: number;
      options: { max: number };
    };
    const connect = pool.connect.bind(pool);
    const observed = (t0: number, c: Queryable | undefined) => {
      const s = (performance.now() - t0) / 1000;
      for (const f of onAcquire) f(s);
      if (c && !(c as { [WRAPPED]?: boolean })[WRAPPED]) {
        traceClient(c);
        (c as { [WRAPPED]?: boolean })[WRAPPED] = true;
      }
    };
    // Pool.query acquires through this.connect too, so every statement's connection is timed here.
    pool.connect = ((cb?: (err: unknown, c: Queryable, done: unknown) => void) => {
      const t0 = performance.now();
      if (cb)
        return connect((err, c, done) => {
          observed(t0, c);
          cb(err, c, done);
        });
      return (connect() as Promise<Queryable>).then((c) => (observed(t0, c), c));
    }) as typeof pool.connect;
    probe = { onAcquire, pool: () => ({ total: pool.totalCount, max: pool.options.max, idle: pool.idleCount, waiting: pool.waitingCount }) };
  } else {
    const pglite = client as unknown as Queryable & { transaction: (cb: (tx: Queryable) => Promise<unknown>) => Promise<unknown> };
    traceClient(pglite);
    const transaction = pglite.transaction.bind(pglite);
    pglite.transaction = (cb) =>
      transaction((tx) => {
        traceClient(tx);
        return cb(tx);
      });
    probe = { onAcquire, pool: () => null };
  }
  client[PROBE] = probe;
  return probe;
}
