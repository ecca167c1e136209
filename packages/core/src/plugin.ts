import type { ChangeFeedSource } from './change-feed.js';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { Bilingual } from './errors.js';
import { isIsoDate } from './codes.js';
import type { Db } from './db.js';
import type { Citation, RuleDefinition } from './rules/types.js';
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
  /**
   * The GraphQL object type that represents groups of this kind (PascalCase, starting with the
   * plugin's name). Boot checks that the plugin's schema defines it, implementing SchoolGroup.
   */
  typeName: string;
  title: Bilingual;
  /**
   * Switch on core's "a school is in at most one group of this kind at a time" (e.g. Beihai 四(二),
   * Weicheng 一(二)1(2)): core registers a write rule with this id and citation, judged on every
   * change that can add a school to such a group or move its membership.
   */
  oneGroupPerSchool?: { ruleId: string; cite: Citation; title?: Bilingual; inPrinciple?: boolean };
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
  /**
   * `clauses`: the document's own words for the clauses its rules cite, keyed as the citations name
   * them (`五(二)2`); `Citation.text` shows them beside a finding. Optional: a clause without a
   * text reads null.
   */
  policy: { doc: string; issuer: string; issued?: string; url?: string; clauses?: Record<string, string> };
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
  /**
   * The entities the plugin writes and emits changes for (PascalCase, starting with the plugin's
   * name: `HuayuankouSharedFacility`). Its rules' `appliesTo` may name these and core's
   * (CORE_ENTITIES); any other name is refused at boot.
   */
  entities?: string[];
  /**
   * The plugin's own entities in the change feed (`changes`): each table whose rows are one (or
   * belong to one), its key and locality columns, and how to load the entity. Its groups need no
   * entry: they are core's groups, in the feed already.
   */
  changeFeed?: ChangeFeedSource[];
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
  const pascal = def.id[0]!.toUpperCase() + def.id.slice(1);
  for (const e of def.entities ?? [])
    if (!e.startsWith(pascal) || !/^[A-Z][A-Za-z0-9]*$/.test(e)) throw new Error(`entity ${e} of plugin ${def.id} must be PascalCase and start with "${pascal}"`);
  for (const k of def.groupKinds ?? [])
    if (!k.typeName.startsWith(pascal)) throw new Error(`group type ${k.typeName} of plugin ${def.id} must start with "${pascal}" (API.md: a regime's types start with the regime)`);
  // The document's date must be a real date: it is shown to bureaus as fact.
  if (def.policy.issued !== undefined && !isIsoDate(def.policy.issued))
    throw new Error(`plugin ${def.id}: policy.issued "${def.policy.issued}" is not a date (YYYY-MM-DD); omit it for an undated document`);
  return def;
}

export function migrationsFolder(p: AnyPlugin): string | null {
  if (!p.migrations) return null;
  return typeof p.migrations === 'string' ? p.migrations : fileURLToPath(p.migrations);
}
