import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { Bilingual } from './errors.js';
import type { Db } from './db.js';
import type { RuleDefinition } from './rules/types.js';
import type { PluginSchemaApi } from './schema/api.js';

/** A post a plugin adds to the open list of roles (学区长, 执行校长 …). */
export interface RoleDefinition {
  /** SCREAMING_SNAKE, prefixed by the plugin: BEIHAI_XUEQU_HEAD. */
  id: string;
  title: Bilingual;
  /** Whether the post is held at a school, at a group, or either. */
  heldAt: 'SCHOOL' | 'GROUP' | 'EITHER';
}

/** A kind of SchoolGroup a plugin owns; its GraphQL type implements the SchoolGroup interface. */
export interface GroupKindDefinition {
  /** `<plugin>.<kind>`, stored in core.school_groups.kind */
  kind: string;
  /** The GraphQL object type that represents groups of this kind. */
  typeName: string;
  title: Bilingual;
}

export interface SeedApi {
  db: Db;
  today: string;
  log: (line: string) => void;
}

export interface PluginDefinition<O extends z.ZodObject = z.ZodObject> {
  /** Stable: prefixes the plugin's Postgres schema, types (PascalCase) and rule ids. */
  id: string;
  title: Bilingual;
  /** The policy document the plugin turns into data and rules. */
  /** `issued` is the document's date (成文日期); absent when the document is undated (a work report). */
  policy: { doc: string; issuer: string; issued?: string; url?: string };
  /** The range of @gongzhi/core versions this plugin was written for (semver). */
  coreVersion: string;
  /** Per-locality options; defaults are the document's. */
  options: O;
  /** Drizzle tables, all in the Postgres schema named after the plugin. */
  tables?: Record<string, unknown>;
  /** The folder of drizzle-kit migrations; recorded in `<id>.__migrations`. */
  migrations?: string | URL;
  roles?: RoleDefinition[];
  groupKinds?: GroupKindDefinition[];
  /** Types, fields on core types, queries and mutations. */
  schema?: (api: PluginSchemaApi) => void;
  rules?: RuleDefinition<z.output<O>>[];
  /** Idempotent: the document's own named schools and groups (sample data flagged). */
  seed?: (api: SeedApi) => Promise<void>;
}

export type AnyPlugin = PluginDefinition<z.ZodObject>;

const PLUGIN_ID = /^[a-z][a-z0-9]*$/;

/** Declare a plugin. A plugin is a value: nothing registers itself on import; the config installs it. */
export function definePlugin<O extends z.ZodObject>(def: PluginDefinition<O>): PluginDefinition<O> {
  if (!PLUGIN_ID.test(def.id)) throw new Error(`plugin id "${def.id}" must be lowercase letters and digits`);
  if (def.id === 'core') throw new Error('plugin id "core" is reserved');
  for (const r of def.rules ?? [])
    if (!r.id.startsWith(`${def.id}.`)) throw new Error(`rule ${r.id} of plugin ${def.id} must start with "${def.id}."`);
  for (const k of def.groupKinds ?? [])
    if (!k.kind.startsWith(`${def.id}.`)) throw new Error(`group kind ${k.kind} of plugin ${def.id} must start with "${def.id}."`);
  for (const role of def.roles ?? [])
    if (!role.id.startsWith(`${def.id.toUpperCase()}_`))
      throw new Error(`role ${role.id} of plugin ${def.id} must start with "${def.id.toUpperCase()}_"`);
  return def;
}

export function migrationsFolder(p: AnyPlugin): string | null {
  if (!p.migrations) return null;
  return typeof p.migrations === 'string' ? p.migrations : fileURLToPath(p.migrations);
}
