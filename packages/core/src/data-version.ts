/**
 * The data's version (core.data_version), for caches that must never serve a stale answer: a
 * statement-level trigger on every table of core and of the installed plugins bumps it in the
 * writing transaction, whatever wrote (a mutation, an import, a seed, a bureau's SQL).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { dataVersion } from './tables.js';

/** Tables whose writes no report reads: bumping on them would only empty caches for nothing. */
const UNWATCHED = new Set(['audit_log', 'data_version', 'change_log']);

/** Put the trigger on every table of these schemas (core's and each plugin's). Idempotent. */
export async function installDataVersionTriggers(db: Db, schemas: readonly string[]): Promise<void> {
  const rows = (await db.execute(sql`select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema in (${sql.join(schemas.map((s) => sql`${s}`), sql`, `)})`)) as unknown as
    | { rows: { s: string; t: string }[] }
    | { s: string; t: string }[];
  const tables = Array.isArray(rows) ? rows : rows.rows;
  for (const { s, t } of tables) {
    if (UNWATCHED.has(t)) continue;
    await db.execute(sql.raw(`create or replace trigger gongzhi_data_version after insert or update or delete or truncate on "${s}"."${t}" for each statement execute function core.bump_data_version()`));
  }
}

/** The current version (one indexed read). */
export async function currentDataVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: dataVersion.version }).from(dataVersion).where(eq(dataVersion.id, 1));
  return row?.v ?? 0;
}
