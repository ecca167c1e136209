import DataLoader from 'dataloader';
import type { Db } from './db.js';
import { GongzhiError } from './errors.js';

/**
 * Per-request DataLoaders, created on first use. Core and plugins declare loaders with
 * `defineLoader` and call them with the request context: each relation then costs one SQL
 * statement per level of the query, whatever the number of rows.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, Loader<unknown, unknown>>();
  /**
   * `deadline` (ms since the epoch): past it, no further batch is sent and its loads fail with
   * TIMEOUT. Checked per batch — once per level of the query — rather than per field, which would
   * wrap every resolver of the schema (Apollo's willResolveField) and cost every request.
   */
  constructor(
    private readonly db: Db,
    private readonly options: { deadline?: number } = {},
  ) {}

  /**
   * Batches of this request still waiting for the database, and loads asked for meanwhile. DataLoader
   * alone dispatches a batch on the next tick; over a network database the sibling batches of one
   * level finish at different moments, so the level below would be split into several batches at
   * random. Holding new batches until the level's queries are all back makes the statement count
   * depend on the query's shape only — the same on PGlite and PostgreSQL, whatever the rows.
   */
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private flushScheduled = false;

  private schedule = (dispatch: () => void) => {
    this.waiting.push(dispatch);
    this.scheduleFlush();
  };

  private scheduleFlush() {
    if (this.flushScheduled || this.inFlight > 0) return;
    this.flushScheduled = true;
    // setImmediate: after the promise jobs of the batches just resolved have asked for what they need.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.inFlight > 0) return;
      const ready = this.waiting;
      this.waiting = [];
      for (const dispatch of ready) dispatch();
    });
  }

  get<K, V>(name: string, batch: BatchFn<K, V>, cacheKey?: (k: K) => unknown): Loader<K, V> {
    let loader = this.loaders.get(name) as Loader<K, V> | undefined;
    if (!loader) {
      const cacheKeyFn = (cacheKey ?? ((k: K) => (typeof k === 'object' ? JSON.stringify(k) : k))) as (k: K) => K;
      const tracked = async (keys: readonly K[]) => {
        const { deadline } = this.options;
        if (deadline !== undefined && Date.now() > deadline)
          throw new GongzhiError('TIMEOUT', { zh: '请求超时，请缩小查询范围后重试', en: 'The request ran out of time; ask for less and retry' }, { deadline: new Date(deadline).toISOString() });
        this.inFlight++;
        try {
          const values = await batch(this.db, keys, this);
          made.remember(keys, values);
          return values;
        } finally {
          this.inFlight--;
          if (this.inFlight === 0 && this.waiting.length) this.scheduleFlush();
        }
      };
      const made: Loader<K, V> = new Loader<K, V>(tracked, cacheKeyFn, this.schedule);
      loader = made;
      this.loaders.set(name, loader as Loader<unknown, unknown>);
    }
    return loader;
  }

  /** After a write, cached reads may be stale. */
  clear(): void {
    for (const l of this.loaders.values()) l.clearAll();
  }
}

/**
 * A request's DataLoader that also answers at once what the request already has: `now(key)` gives
 * the value itself when a batch has loaded it or a statement has primed it (a page of schools primes
 * their statistics and head counts, a staff page its people), and the load's promise otherwise.
 * A resolver that returns `now(…)` lets graphql-js complete the field without a promise, a
 * microtask and, for an object whose fields are all known, the wait for its siblings: on a county
 * dashboard that is three promises fewer per school (issue 9).
 */
export class Loader<K, V> extends DataLoader<K, V> {
  private readonly known = new Map<unknown, V>();

  constructor(
    batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
    private readonly keyOf: (k: K) => unknown,
    batchScheduleFn: (dispatch: () => void) => void,
  ) {
    super(batch, { cacheKeyFn: keyOf as (k: K) => K, batchScheduleFn });
  }

  /** The value if this request already has it, else the load (a promise). */
  now(key: K): V | Promise<V> {
    const k = this.keyOf(key);
    return this.known.has(k) ? (this.known.get(k) as V) : this.load(key);
  }

  /** A batch's answers, kept for `now` (errors are not: they go through `load` as before). */
  remember(keys: readonly K[], values: readonly (V | Error)[]): void {
    for (let i = 0; i < keys.length; i++) {
      const v = values[i];
      if (!(v instanceof Error)) this.known.set(this.keyOf(keys[i]!), v as V);
    }
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    // As DataLoader's own prime: what the request holds already is not replaced.
    const k = this.keyOf(key);
    if (!(value instanceof Error) && !isThenable(value) && !this.known.has(k)) this.known.set(k, value);
    return super.prime(key, value as V | Error);
  }

  override clear(key: K): this {
    this.known.delete(this.keyOf(key));
    return super.clear(key);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** `Loader.now` for a field that is never null (its row exists): the same value, typed as present. */
export function present<V>(v: V | Promise<V>): NonNullable<V> | Promise<NonNullable<V>> {
  return v as NonNullable<V> | Promise<NonNullable<V>>;
}

/**
 * A loader's batch: one statement (or a few) for all the keys of a level. It gets the request's
 * loaders too, so that a statement which reads another loader's rows on the way (a staff page
 * joined with its people) can prime that loader, and the level below asks nothing more.
 */
export type BatchFn<K, V> = (db: Db, keys: readonly K[], loaders: LoaderCache) => Promise<readonly (V | Error)[]>;

export interface HasLoaders {
  loaders: LoaderCache;
}

const LOADER_NAME = /^[a-z][a-z0-9]*\.[A-Za-z0-9.]+$/;
const definedLoaders = new Map<string, unknown>();

/**
 * Declare a named batch loader; the result is called with a context to get the request's loader.
 * Names are namespaced `<plugin>.<name>` (`core.` for core's): two loaders sharing a name would
 * share one cache and answer each other's keys, so a second definition of a name is refused.
 */
export function defineLoader<K, V>(
  name: string,
  batch: BatchFn<K, V>,
  cacheKey?: (k: K) => unknown,
): (ctx: HasLoaders) => Loader<K, V> {
  if (!LOADER_NAME.test(name)) throw new Error(`loader name "${name}" must read <plugin>.<name>`);
  if (definedLoaders.has(name) && definedLoaders.get(name) !== batch) throw new Error(`loader ${name} is defined twice`);
  definedLoaders.set(name, batch);
  return (ctx) => ctx.loaders.get<K, V>(name, batch, cacheKey);
}

/** The loader names defined so far (the registry checks each plugin's are in its namespace). */
export function loaderNames(): string[] {
  return [...definedLoaders.keys()];
}

/** Order rows by the keys asked for: one row (or null) per key. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): (R | null)[] {
  const m = new Map<K, R>();
  for (const r of rows) m.set(keyOf(r), r);
  return keys.map((k) => m.get(k) ?? null);
}

/** Group rows by the keys asked for: a list per key. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): R[][] {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
}
