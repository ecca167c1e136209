import type { AnyPlugin } from './plugin.js';
import type { RuleDefinition } from './rules/types.js';
import { oneGroupPerSchoolRule } from './rules/one-group-per-school.js';

/**
 * Every rule a plugin brings, in the registry's order: its own rules, then those core registers for
 * the capabilities its group kinds switch on (e.g. one group per school). Its README lists them all.
 */
export function pluginRules(plugin: AnyPlugin): RuleDefinition[] {
  return [...(plugin.rules ?? []), ...(plugin.groupKinds ?? []).filter((k) => k.oneGroupPerSchool).map((k) => oneGroupPerSchoolRule(k))];
}

/**
 * The rules table of a plugin's README, generated from its rule definitions: a test compares it
 * with the README so the two cannot drift.
 */
export function rulesMarkdownTable(plugin: AnyPlugin): string {
  const rows = pluginRules(plugin).map(
    (r) => `| \`${r.id}\` | ${r.title.zh} — ${r.title.en} | ${r.cite.doc} ${r.cite.clause} | ${r.enforce} |`,
  );
  return ['| id | what | citation | enforce |', '|---|---|---|---|', ...rows].join('\n');
}

export const RULES_TABLE_START = '<!-- rules:start (generated from the rule definitions; a test checks it) -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

/** The README with its rules table replaced by the generated one. */
export function withRulesTable(readme: string, plugin: AnyPlugin): string {
  const a = readme.indexOf(RULES_TABLE_START);
  const b = readme.indexOf(RULES_TABLE_END);
  if (a < 0 || b < a) throw new Error(`README has no rules table markers (${RULES_TABLE_START} … ${RULES_TABLE_END})`);
  return `${readme.slice(0, a + RULES_TABLE_START.length)}\n${rulesMarkdownTable(plugin)}\n${readme.slice(b)}`;
}
