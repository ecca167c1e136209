/**
 * Hezhang 三集 — 赫章县 turns its schools' governance on 集中人员办公 (office hours and attendance),
 * 集聚大家智慧 (union activities, lesson visits, pupils' skills) and 集团聚力发展 (ten education groups,
 * paired assistance, staff re-combination and transfers, awards). Source: 赫府办发〔2021〕60号
 * (seeds/004_0c46fa1f8a9d3d23.txt), main text and annex 2 here; annex 1 (after-school) in ./after-school.
 */
import { definePlugin, type PluginDefinition } from '@gongzhi/core';
import { hezhangOptions } from './options.js';
import * as tables from './tables.js';
import { hezhangRules } from './rules/index.js';
import { hezhangSchema } from './schema/index.js';
import { seedHezhang } from './seed.js';
import { HEZHANG_ENTITIES } from './entities.js';
import { COMPULSORY_KIND, COMPULSORY_TYPE, DOC, ISSUED, ISSUER, ROLES, SENIOR_KIND, SENIOR_TYPE } from './domain.js';
import { afterSchoolEntities, afterSchoolRules, afterSchoolSchema, afterSchoolTables } from './after-school/index.js';

const plugin: PluginDefinition<typeof hezhangOptions> = definePlugin({
  id: 'hezhang',
  title: { zh: '赫章县“三集”管理改革', en: 'Hezhang “three concentrations” reform' },
  policy: { doc: DOC, issuer: ISSUER, issued: ISSUED },
  coreVersion: '^0.1.0',
  options: hezhangOptions,
  tables: { ...tables, ...afterSchoolTables },
  roles: ROLES,
  groupKinds: [
    { kind: SENIOR_KIND, typeName: SENIOR_TYPE, title: { zh: '普通高中教育集团', en: 'senior-high education group (普通高中联盟型教育集团)' } },
    {
      kind: COMPULSORY_KIND,
      typeName: COMPULSORY_TYPE,
      title: { zh: '义教和学前教育集团', en: 'compulsory and preschool education group (义教和学前联盟型教育集团)' },
    },
  ],
  entities: [...HEZHANG_ENTITIES, ...afterSchoolEntities],
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
