/**
 * The bench database: created on the PostgreSQL server of DATABASE_URL (or the local one), Gongzhi's
 * migrations applied with its own migrator (packages/server openDatabase().migrate), then the
 * generated data. A marker (bench.meta) records what was generated; a later run with the same
 * generator, size, seed, school year and migrations reuses the data (--fresh regenerates).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { CORE_MIGRATIONS, migrationsFolder, type AnyPlugin } from '@gongzhi/core';
import { openDatabase } from '@gongzhi/server';
import { generate, GENERATOR_VERSION, type Generated, type Size } from './generate.js';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function migrationsFingerprint(plugins: readonly AnyPlugin[]): string {
  const folders = [CORE_MIGRATIONS, ...plugins.map((p) => migrationsFolder(p)).filter((f): f is string => !!f)];
  const names = folders.flatMap((f) => (fs.existsSync(f) ? fs.readdirSync(f).sort().map((n) => `${f.split('/').slice(-3).join('/')}/${n}`) : []));
  return crypto.createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 16);
}

export interface Prepared {
  url: string;
  reused: boolean;
  generated?: Generated;
  counts: Record<string, number>;
}

export async function prepareDatabase(o: { serverUrl: string; name: string; size: Size; seed: number; schoolYear: string; plugins: readonly AnyPlugin[]; fresh: boolean; log: (l: string) => void }): Promise<Prepared> {
  const url = databaseUrl(o.serverUrl, o.name);
  const marker = JSON.stringify({ v: GENERATOR_VERSION, size: o.size, seed: o.seed, year: o.schoolYear, migrations: migrationsFingerprint(o.plugins) });
  const admin = new pg.Client({ connectionString: o.serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [o.name])).rowCount! > 0;
    if (exists && !o.fresh) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const m = await c.query(`select key, value from bench.meta`).catch(() => null);
        const meta = Object.fromEntries((m?.rows ?? []).map((r) => [r.key, r.value]));
        if (meta.marker === marker) {
          o.log(`database ${o.name}: reusing the data generated before (${marker}); --fresh regenerates`);
          return { url, reused: true, counts: await counts(c), generated: meta.generated ? JSON.parse(meta.generated) : undefined };
        }
      } finally {
        await c.end();
      }
    }
    o.log(`database ${o.name}: ${exists ? 'dropping and ' : ''}creating`);
    if (exists) await admin.query(`DROP DATABASE ${pg.escapeIdentifier(o.name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(o.name)}`);
  } finally {
    await admin.end();
  }
  const t = performance.now();
  const database = await openDatabase({ url });
  try {
    await database.migrate(o.plugins);
  } finally {
    await database.close();
  }
  o.log(`  migrations applied (core + ${o.plugins.map((p) => p.id).join(', ') || 'no plugins'}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const generated = await generate(url, { size: o.size, seed: o.seed, schoolYear: o.schoolYear, log: o.log });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`create schema if not exists bench; create table if not exists bench.meta (key text primary key, value text not null)`);
    await c.query(`insert into bench.meta values ('marker', $1), ('generated', $2) on conflict (key) do update set value = excluded.value`, [marker, JSON.stringify(generated)]);
    return { url, reused: false, generated, counts: await counts(c) };
  } finally {
    await c.end();
  }
}

async function counts(c: pg.Client): Promise<Record<string, number>> {
  const r = await c.query(`select (select count(*) from core.schools)::int as schools, (select count(*) from core.school_year_stats)::int as stats,
    (select count(*) from core.people)::int as people, (select count(*) from core.posts)::int as posts, (select count(*) from core.school_groups)::int as groups,
    (select count(*) from core.group_members)::int as memberships, (select count(*) from core.exchanges)::int as exchanges`);
  return r.rows[0];
}
