import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';

/**
 * A statement built once per database handle and then only executed with new parameters. Building
 * a drizzle query (walking its columns and SQL chunks) was a sixth of a page request's CPU, paid
 * again by every loader batch; the loaders on every screen's path build theirs once. The text is the
 * same for any number of keys (`= any($1)`, not `in ($1, …, $n)`), so PostgreSQL sees one statement.
 *
 * A transaction is a handle of its own: inside one, the statement is built for it (and dropped with it).
 */
export function preparedQuery<P extends Record<string, unknown>, R>(build: (db: Db) => { execute(params: P): Promise<R> }): (db: Db, params: P) => Promise<R> {
  const built = new WeakMap<Db, { execute(params: P): Promise<R> }>();
  return (db, params) => {
    let q = built.get(db);
    if (!q) built.set(db, (q = build(db)));
    return q.execute(params);
  };
}

/** `column = any(:name)`: matches any of an array parameter — one statement text for every batch size. */
export function anyOf(column: Column, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)})`;
}
