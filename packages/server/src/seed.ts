import { and, eq, isNull } from 'drizzle-orm';
import { ensureLocality, tables, todayInShanghai, type Db, type Registry } from '@gongzhi/core';
import type { GongzhiConfig } from './config.js';

/**
 * Put the config's data in the database: its localities, the regimes they enable (options as
 * written in the config), then each installed plugin's own seed. Idempotent: running it twice
 * changes nothing; a regime enabled by hand is not overwritten.
 */
export async function seedFromConfig(
  db: Db,
  registry: Registry,
  config: GongzhiConfig,
  log: (line: string) => void = () => {},
  /** samples: false leaves out the plugins' seeds, which are sample schools and groups (`isSample`): a real deployment's start. */
  o: { samples?: boolean } = {},
) {
  // Parents before children: sorting by level (code length and trailing zeros) does it.
  const depth = (code: string) => (code.length === 9 ? 3 : code.endsWith('0000') ? 0 : code.endsWith('00') ? 1 : 2);
  for (const l of [...config.localities].sort((a, b) => depth(a.code) - depth(b.code))) await ensureLocality(db, l.code, l.name);
  for (const g of config.governance) {
    const [existing] = await db
      .select()
      .from(tables.localityGovernance)
      .where(and(eq(tables.localityGovernance.localityCode, g.locality), eq(tables.localityGovernance.pluginId, g.plugin), isNull(tables.localityGovernance.disabledAt)));
    if (!existing) {
      await db
        .insert(tables.localityGovernance)
        .values({ localityCode: g.locality, pluginId: g.plugin, options: g.options })
        .onConflictDoUpdate({ target: [tables.localityGovernance.localityCode, tables.localityGovernance.pluginId], set: { options: g.options, disabledAt: null } });
      log(`enabled ${g.plugin} at ${g.locality}`);
    }
  }
  if (o.samples === false) return;
  for (const p of registry.plugins.values()) {
    if (!p.seed) continue;
    await db.transaction(async (tx) => p.seed!({ db: tx as unknown as Db, today: todayInShanghai(), log: (line) => log(`[${p.id}] ${line}`) }));
  }
}
