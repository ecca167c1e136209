/**
 * 【示例】hezhang治理模式 — a regime scaffolded by `gongzhi plugin new hezhang`. Replace the sample policy with
 * the document the regime turns into data, operations and rules (see README.md).
 */
import { definePlugin, type PluginDefinition } from '@gongzhi/core';
import { hezhangOptions } from './options.js';
import * as tables from './tables.js';
import { hezhangRules } from './rules/index.js';
import { hezhangSchema } from './schema/index.js';
import { seedHezhang } from './seed.js';
import { DOC } from './repo.js';
import { afterSchoolEntities, afterSchoolRules, afterSchoolSchema, afterSchoolTables } from './after-school/index.js';

const plugin: PluginDefinition<typeof hezhangOptions> = definePlugin({
  id: 'hezhang',
  title: { zh: '【示例】hezhang治理模式', en: 'Hezhang (sample regime)' },
  // issued: 'YYYY-MM-DD' once the document's date is known (absent for an undated document).
  policy: { doc: DOC, issuer: '【示例】教育局' },
  coreVersion: '^0.1.0',
  options: hezhangOptions,
  tables: { ...tables, ...afterSchoolTables },
  entities: [...afterSchoolEntities],
  migrations: new URL('../migrations', import.meta.url),
  schema: (api) => {
    hezhangSchema(api);
    afterSchoolSchema(api);
  },
  rules: [...hezhangRules, ...afterSchoolRules],
  seed: seedHezhang,
});

export default plugin;
export { hezhangOptions, type HezhangOptions } from './options.js';
