import { AssertionError } from 'node:assert';
import { sql } from 'drizzle-orm';
import type { GqlError, TestServer } from './server.js';

/**
 * What every table holds: its row count and a hash of all its rows' text, per `schema.table`.
 * Counts catch an insert or a delete; the hash catches an update that leaves the count alone. Every
 * schema but the system's and the migration records is covered (core, its audit log, each plugin),
 * so a write that escapes the mutation's transaction shows wherever it lands.
 */
export type Snapshot = Map<string, { rows: number; hash: string }>;

const SKIP = ['pg_catalog', 'information_schema', 'gongzhi_migrations'];

async function rowsOf<T>(s: TestServer, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await s.db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function snapshot(s: TestServer): Promise<Snapshot> {
  const tables = await rowsOf<{ schema: string; name: string }>(
    s,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not like 'pg\_%' and table_schema not in (${sql.join(SKIP.map((x) => sql`${x}`), sql`, `)})
        order by 1, 2`,
  );
  const out: Snapshot = new Map();
  if (tables.length === 0) return out;
  // One statement for all tables: a snapshot costs one round trip however many tables a deployment has.
  const parts = tables.map(
    (t) =>
      sql`select ${`${t.schema}.${t.name}`}::text as t, count(*)::int as n, md5(coalesce(string_agg(x::text, E'\n' order by x::text), '')) as h from ${sql.identifier(t.schema)}.${sql.identifier(t.name)} x`,
  );
  for (const r of await rowsOf<{ t: string; n: number; h: string }>(s, sql.join(parts, sql` union all `))) out.set(r.t, { rows: Number(r.n), hash: r.h });
  return out;
}

/** The tables whose rows differ between two snapshots, one line each (`core.school_groups: 3 → 4 rows`). */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name);
    const b = after.get(name);
    if (!a || !b) out.push(`${name}: ${a ? 'dropped' : 'created'}`);
    else if (a.rows !== b.rows) out.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.hash !== b.hash) out.push(`${name}: rows changed (still ${a.rows})`);
  }
  return out.sort();
}

export interface RefusalOptions {
  /** The caller (default: the server's admin token). */
  token?: string | null;
  lang?: string;
}

/**
 * Send a mutation that a write rule must refuse, and check the three things a refusal promises:
 * the error is RULE_VIOLATION, it names `ruleId`, and nothing was written — no table (core's, the
 * audit log, any plugin's) differs from before the request. Returns the error for further checks
 * (measured, expected, subjects, message).
 */
export async function expectRefused(s: TestServer, mutation: string, variables: Record<string, unknown> | undefined, ruleId: string, opts: RefusalOptions = {}): Promise<GqlError> {
  const before = await snapshot(s);
  const r = await s.gql(mutation, variables, opts);
  const after = await snapshot(s);
  const e = r.errors?.[0];
  if (!e) throw new AssertionError({ message: `expected ${ruleId} to refuse the write, but it succeeded: ${JSON.stringify(r.data)}`, actual: r.data, expected: ruleId });
  if (e.extensions?.code !== 'RULE_VIOLATION')
    throw new AssertionError({ message: `expected RULE_VIOLATION (${ruleId}), got ${e.extensions?.code}: ${e.message}`, actual: e.extensions?.code, expected: 'RULE_VIOLATION' });
  if (e.extensions?.rule?.id !== ruleId)
    throw new AssertionError({ message: `expected the refusal to name ${ruleId}, it names ${e.extensions?.rule?.id}: ${e.message}`, actual: e.extensions?.rule?.id, expected: ruleId });
  const changed = changedTables(before, after);
  if (changed.length)
    throw new AssertionError({ message: `${ruleId} refused the write, but something was written:\n  ${changed.join('\n  ')}`, actual: changed, expected: [] });
  return e;
}

/** Run `act` and check that no table changed (a refused write of another kind, a read that must not write). */
export async function expectUnchanged<T>(s: TestServer, act: () => Promise<T>): Promise<T> {
  const before = await snapshot(s);
  const out = await act();
  const changed = changedTables(before, await snapshot(s));
  if (changed.length) throw new AssertionError({ message: `expected nothing written, but:\n  ${changed.join('\n  ')}`, actual: changed, expected: [] });
  return out;
}
