import semver from 'semver';
import type { AnyPlugin, GroupKindDefinition, RoleDefinition } from './plugin.js';
import { CORE_ENTITIES, type RuleDefinition } from './rules/types.js';
import { oneGroupPerSchoolRule } from './rules/one-group-per-school.js';
import { CORE_ROLES } from './roles.js';
import { CORE_RULES } from './rules/core-rules.js';

export const CORE_VERSION = '0.1.0';

export interface RegisteredRule {
  pluginId: string;
  rule: RuleDefinition;
}

/**
 * Everything the installed plugins contribute, gathered once at boot. Core consults it by data
 * (plugin id, rule id, role id, group kind), never by a plugin's name in code.
 */
export class Registry {
  readonly plugins = new Map<string, AnyPlugin>();
  readonly rules: RegisteredRule[] = [];
  readonly roles = new Map<string, RoleDefinition & { pluginId: string }>();
  readonly groupKinds = new Map<string, GroupKindDefinition & { pluginId: string }>();

  constructor(plugins: readonly AnyPlugin[]) {
    for (const r of CORE_ROLES) this.roles.set(r.id, { ...r, pluginId: 'core' });
    for (const rule of CORE_RULES) this.addRule('core', rule);
    for (const p of plugins) this.install(p);
  }

  private addRule(pluginId: string, rule: RuleDefinition, entities: readonly string[] = []) {
    if (this.rules.some((r) => r.rule.id === rule.id)) throw new Error(`rule ${rule.id} is defined twice`);
    // A misspelt entity would make a write rule silently never run: refuse it at boot.
    const known = new Set<string>([...CORE_ENTITIES, ...entities]);
    for (const e of rule.appliesTo)
      if (!known.has(e)) throw new Error(`rule ${rule.id} applies to "${e}", which is neither a core entity (${CORE_ENTITIES.join(', ')}) nor one its plugin declares in \`entities\``);
    this.rules.push({ pluginId, rule });
  }

  private install(p: AnyPlugin) {
    if (this.plugins.has(p.id)) throw new Error(`plugin ${p.id} is installed twice`);
    if (!semver.satisfies(CORE_VERSION, p.coreVersion))
      throw new Error(
        `plugin ${p.id} was written for @gongzhi/core ${p.coreVersion}, but this is ${CORE_VERSION}: upgrade the plugin or pin core`,
      );
    this.plugins.set(p.id, p);
    for (const r of p.rules ?? []) this.addRule(p.id, r, p.entities);
    for (const k of p.groupKinds ?? []) if (k.oneGroupPerSchool) this.addRule(p.id, oneGroupPerSchoolRule(k));
    for (const role of p.roles ?? []) {
      if (this.roles.has(role.id)) throw new Error(`role ${role.id} is defined twice`);
      this.roles.set(role.id, { ...role, pluginId: p.id });
    }
    for (const k of p.groupKinds ?? []) {
      if (this.groupKinds.has(k.kind)) throw new Error(`group kind ${k.kind} is defined twice`);
      this.groupKinds.set(k.kind, { ...k, pluginId: p.id });
    }
  }

  plugin(id: string): AnyPlugin | undefined {
    return this.plugins.get(id);
  }

  rulesOf(pluginId: string): RuleDefinition[] {
    return this.rules.filter((r) => r.pluginId === pluginId).map((r) => r.rule);
  }

  rule(id: string): RegisteredRule | undefined {
    return this.rules.find((r) => r.rule.id === id);
  }
}
