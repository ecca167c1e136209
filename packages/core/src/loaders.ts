import DataLoader from 'dataloader';
import type { Db } from './db.js';

/**
 * Per-request DataLoaders, created on first use. Core and plugins declare loaders with
 * `defineLoader` and call them with the request context: each relation then costs one SQL
 * statement per level of the query, whatever the number of rows.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  constructor(private readonly db: Db) {}

  get<K, V>(name: string, batch: (db: Db, keys: readonly K[]) => Promise<readonly (V | Error)[]>, cacheKey?: (k: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      const cacheKeyFn = (cacheKey ?? ((k: K) => (typeof k === 'object' ? JSON.stringify(k) : k))) as (k: K) => K;
      loader = new DataLoader<K, V>((keys) => batch(this.db, keys), { cacheKeyFn });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** After a write, cached reads may be stale. */
  clear(): void {
    for (const l of this.loaders.values()) l.clearAll();
  }
}

export interface HasLoaders {
  loaders: LoaderCache;
}

/** Declare a named batch loader; the result is called with a context to get the request's loader. */
export function defineLoader<K, V>(
  name: string,
  batch: (db: Db, keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  cacheKey?: (k: K) => unknown,
): (ctx: HasLoaders) => DataLoader<K, V> {
  return (ctx) => ctx.loaders.get<K, V>(name, batch, cacheKey);
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
