/**
 * The change feed (issue 15): integrators that sync read `changes(since:)` and rebuild our
 * entities from it. Rows of core.change_log are written by core.record_changes, statement
 * triggers (one per event, with transition tables) on each table that holds a feed entity (core's
 * sources below, and each plugin's `changeFeed`): one INSERT … SELECT per statement. Measured on
 * 20,000-row inserts: a row trigger made them 6–8× slower, these about 1.1–2× (PGlite and PostgreSQL).
 * Why triggers and not the mutation's Change list: see the table's comment in tables.ts.
 */
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import type { GongzhiContext } from './context.js';
import { changeLog } from './tables.js';
import { withinDivision } from './repos/common.js';
import { localityLoader } from './repos/localities.js';
import { schoolLoader } from './repos/schools.js';
import { personLoader } from './repos/people.js';
import { schoolGroupLoader } from './repos/groups.js';
import type { AnyPlugin } from './plugin.js';

/** A table whose rows are (or belong to) an entity of the feed. */
export interface ChangeFeedSource {
  /**
   * The feed type its entries name: the GraphQL type (implementing Node) that `changes { node }`
   * returns. A plugin's own entity starts with the plugin's name; a child table may name a core
   * type (a plugin's field on School changes the School).
   */
  type: string;
  /** The table, schema-qualified: `core.schools`, `beihai.honours`. */
  table: string;
  /** The column holding the entity's key (its code or UUID). */
  key: string;
  /** The column holding the entity's locality (county, bureau …): the feed's scope. */
  locality?: string;
  /** The column naming a group's kind (core's groups only: the kind names the regime's type). */
  kind?: string;
  /**
   * A child table (a group's memberships, a school's yearly facts): a change of its rows is an
   * UPSERT of the parent entity whose `key` column matches this table's `key` column; `locality`
   * and `kind` are then the parent's columns.
   */
  parent?: { table: string; key: string };
  /** The entity for a key, or null when it is gone (one request's loader: batched). A child table needs none: its parent type's loader answers. */
  load?: (ctx: GongzhiContext, key: string) => Promise<object | null>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const QUALIFIED = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

function quoted(qualified: string): string {
  return qualified.split('.').map((p) => `"${p}"`).join('.');
}

/** Checks a source's names (they go into DDL): lowercase SQL identifiers only. */
export function checkSource(s: ChangeFeedSource, owner: string): void {
  const bad = (what: string) => new Error(`${owner}: changeFeed source ${s.type}: ${what}`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(s.type)) throw bad('type must be a PascalCase GraphQL type name');
  if (!QUALIFIED.test(s.table)) throw bad(`table "${s.table}" must read <schema>.<table> in lowercase`);
  for (const c of [s.key, s.locality, s.kind].filter((c): c is string => c !== undefined)) if (!IDENT.test(c)) throw bad(`column "${c}" is not a lowercase SQL identifier`);
  if (s.parent && (!QUALIFIED.test(s.parent.table) || !IDENT.test(s.parent.key))) throw bad('parent must name <schema>.<table> and a key column');
}

/**
 * Put the feed's row trigger on every source table (core's and each plugin's). Idempotent: run
 * after the migrations, as the data-version triggers are. A plugin added to a running deployment
 * gets its triggers at its first migration.
 */
export async function installChangeFeedTriggers(db: Db, sources: readonly ChangeFeedSource[]): Promise<void> {
  for (const s of sources) {
    const name = `gongzhi_change_${s.type.toLowerCase()}_${s.table.split('.')[1]}`;
    const args = [s.type, s.key, s.locality ?? '', s.kind ?? '', s.parent ? quoted(s.parent.table) : '', s.parent?.key ?? ''].map((a) => `'${a.replace(/'/g, "''")}'`).join(', ');
    // The first version's row trigger, replaced by statement triggers with transition tables:
    // one INSERT … SELECT per statement instead of a function call per row (6× a bulk insert's time).
    await db.execute(sql.raw(`drop trigger if exists "${name.slice(0, 63)}" on ${quoted(s.table)}`));
    const events = [
      ['ins', 'insert', 'referencing new table as new_rows'],
      ['upd', 'update', 'referencing old table as old_rows new table as new_rows'],
      ['del', 'delete', 'referencing old table as old_rows'],
    ] as const;
    for (const [suffix, event, referencing] of events)
      await db.execute(sql.raw(`create or replace trigger "${`${name.slice(0, 59)}_${suffix}`}" after ${event} on ${quoted(s.table)} ${referencing} for each statement execute function core.record_changes(${args})`));
  }
}

export interface ChangeRow {
  version: number;
  entity: string;
  key: string;
  op: string;
  otherKey: string | null;
  kind: string | null;
  localityCode: string | null;
  changedAt: Date;
}

export interface ChangeQuery {
  since: number;
  /** Feed types (entity column) to include; null: every type. */
  entities: string[] | null;
  /** Group kinds to include beside `entities` (a regime's group type asked by name). */
  kinds: string[];
  /** The caller's localities; null: unscoped (never for a caller: tests and tools only). */
  scopes: string[] | null;
  first: number;
}

/**
 * One page of the feed in version order (the primary key: an index range scan), filtered by type
 * and scope in SQL; one row past the page tells whether more follow.
 */
export async function readChanges(db: Db, q: ChangeQuery): Promise<{ rows: ChangeRow[]; hasMore: boolean }> {
  const conds: (SQL | undefined)[] = [gt(changeLog.version, q.since)];
  if (q.entities !== null || q.kinds.length) {
    const byType: SQL[] = [];
    if (q.entities?.length) byType.push(inArray(changeLog.entity, q.entities));
    if (q.kinds.length) byType.push(and(eq(changeLog.entity, 'SchoolGroup'), inArray(changeLog.kind, q.kinds))!);
    conds.push(byType.length ? or(...byType) : sql`false`);
  }
  if (q.scopes !== null) conds.push(q.scopes.length ? or(...q.scopes.map((s) => withinDivision(changeLog.localityCode, s))) : sql`false`);
  const rows = await db.select().from(changeLog).where(and(...conds)).orderBy(asc(changeLog.version)).limit(q.first + 1);
  return { rows: rows.slice(0, q.first) as ChangeRow[], hasMore: rows.length > q.first };
}

/** The feed's latest version (0 when empty): where a consumer that starts from a full pull begins. */
export async function latestChangeVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: sql<number>`coalesce(max(${changeLog.version}), 0)::bigint` }).from(changeLog);
  return Number(row?.v ?? 0);
}

/**
 * Core's feed: localities, schools (with their yearly facts), people and groups (with their
 * memberships). Every regime's groups are core's groups, so they are in the feed as soon as the
 * regime's plugin is installed; a plugin's own entities join through its `changeFeed`.
 */
export const CORE_FEED_SOURCES: readonly ChangeFeedSource[] = [
  { type: 'Locality', table: 'core.localities', key: 'code', locality: 'code', load: (ctx, k) => localityLoader(ctx).load(k) },
  { type: 'School', table: 'core.schools', key: 'code', locality: 'county_code', load: (ctx, k) => schoolLoader(ctx).load(k) },
  { type: 'School', table: 'core.school_year_stats', key: 'school_code', locality: 'county_code', parent: { table: 'core.schools', key: 'code' }, load: (ctx, k) => schoolLoader(ctx).load(k) },
  { type: 'Person', table: 'core.people', key: 'id', locality: 'locality_code', load: (ctx, k) => personLoader(ctx).load(k) },
  { type: 'SchoolGroup', table: 'core.school_groups', key: 'id', locality: 'locality_code', kind: 'kind', load: (ctx, k) => schoolGroupLoader(ctx).load(k) },
  { type: 'SchoolGroup', table: 'core.group_members', key: 'group_id', locality: 'locality_code', kind: 'kind', parent: { table: 'core.school_groups', key: 'id' }, load: (ctx, k) => schoolGroupLoader(ctx).load(k) },
];

/** Core's sources and every installed plugin's, each plugin's checked. */
export function feedSources(plugins: readonly AnyPlugin[]): ChangeFeedSource[] {
  const out = [...CORE_FEED_SOURCES];
  for (const p of plugins)
    for (const s of p.changeFeed ?? []) {
      checkSource(s, `plugin ${p.id}`);
      const pascal = p.id[0]!.toUpperCase() + p.id.slice(1);
      const coreType = CORE_FEED_SOURCES.some((c) => c.type === s.type);
      if (!s.type.startsWith(pascal) && !(coreType && s.parent))
        throw new Error(`plugin ${p.id}: changeFeed type ${s.type} must start with "${pascal}" (or be a core type, for a child table with a parent)`);
      if (!s.parent && !s.load) throw new Error(`plugin ${p.id}: changeFeed type ${s.type} needs load (how the feed reads its entities)`);
      if (!s.table.startsWith(`${p.id}.`)) throw new Error(`plugin ${p.id}: changeFeed table ${s.table} must be in the plugin's schema "${p.id}"`);
      out.push(s);
    }
  return out;
}
