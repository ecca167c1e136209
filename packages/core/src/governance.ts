import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from './db.js';
import { divisionAncestors } from './codes.js';
import { localityGovernance } from './tables.js';
import type { Registry } from './registry.js';
import { governanceNotEnabled, GongzhiError } from './errors.js';
import type { GongzhiContext } from './context.js';
import { BALANCE_OPTIONS_ID, balanceOptionsFrom, type BalanceOptions } from './balance/options.js';

export interface GovernanceInEffect {
  pluginId: string;
  /** Where it was enabled: the locality itself or an ancestor (a city's regime covers its districts). */
  enabledAt: string;
  enabledOn: Date;
  /** The options as stored: only what the locality set. */
  overrides: Record<string, unknown>;
  /** The options in force: the document's defaults with the overrides applied. */
  options: Record<string, unknown>;
}

type GovRow = typeof localityGovernance.$inferSelect;

function resolveInEffect(registry: Registry, code: string, rows: GovRow[]): GovernanceInEffect[] {
  const ancestors = divisionAncestors(code);
  const nearest = new Map<string, GovRow>();
  for (const row of rows) {
    if (!ancestors.includes(row.localityCode) || !registry.plugin(row.pluginId)) continue;
    const prev = nearest.get(row.pluginId);
    if (!prev || ancestors.indexOf(row.localityCode) < ancestors.indexOf(prev.localityCode)) nearest.set(row.pluginId, row);
  }
  return [...nearest.values()].map((row) => ({
    pluginId: row.pluginId,
    enabledAt: row.localityCode,
    enabledOn: row.enabledAt,
    overrides: row.options,
    options: registry.plugin(row.pluginId)!.options.parse(row.options) as Record<string, unknown>,
  }));
}

/** The settings (regimes, and core's balance options) at the localities and their ancestors. */
async function governanceRows(db: Db, codes: readonly string[]): Promise<GovRow[]> {
  const all = [...new Set(codes.flatMap((c) => divisionAncestors(c)))];
  return all.length ? db.select().from(localityGovernance).where(and(inArray(localityGovernance.localityCode, all), isNull(localityGovernance.disabledAt))) : [];
}

/** The regimes in force at each locality asked for (one statement for all of them). */
export async function governanceInEffectMany(db: Db, registry: Registry, codes: readonly string[]): Promise<GovernanceInEffect[][]> {
  const rows = await governanceRows(db, codes);
  return codes.map((c) => resolveInEffect(registry, c, rows));
}

/**
 * The regimes in force at a locality and the options of core's national rules there (its `core` row,
 * see balance/options.ts), from the same one statement: what a compliance report runs with.
 */
export async function governanceAndBalanceOptions(db: Db, registry: Registry, code: string): Promise<{ inEffect: GovernanceInEffect[]; balance: BalanceOptions }> {
  const rows = await governanceRows(db, [code]);
  return { inEffect: resolveInEffect(registry, code, rows), balance: balanceOptionsFrom(code, rows.filter((r) => r.pluginId === BALANCE_OPTIONS_ID)).options };
}

export async function governanceInEffect(db: Db, registry: Registry, code: string): Promise<GovernanceInEffect[]> {
  return (await governanceInEffectMany(db, registry, [code]))[0]!;
}


/** The options of a plugin at a locality, or GOVERNANCE_NOT_ENABLED. */
export async function requireGovernance(db: Db, registry: Registry, localityCode: string, pluginId: string): Promise<GovernanceInEffect> {
  const plugin = registry.plugin(pluginId);
  if (!plugin) throw new GongzhiError('BAD_USER_INPUT', { zh: `未安装治理模式插件 ${pluginId}`, en: `plugin ${pluginId} is not installed` }, { field: 'plugin', reason: 'not installed' });
  const found = (await governanceInEffect(db, registry, localityCode)).find((g) => g.pluginId === pluginId);
  if (!found) throw governanceNotEnabled(localityCode, pluginId, plugin.title);
  return found;
}

/** Per-request, batched: the regimes in force at many localities in one statement. */
export function governanceLoader(ctx: GongzhiContext) {
  return ctx.loaders.get<string, GovernanceInEffect[]>('core.governance', (db, codes) => governanceInEffectMany(db, ctx.registry, codes));
}
