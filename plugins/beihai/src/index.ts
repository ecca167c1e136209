/**
 * Beihai 学区制 — 北海市教育局直属义务教育学校学区制管理改革实施方案（试行）, 北教基教〔2018〕130号.
 * The city bureau groups its directly-run compulsory schools into 学区 of 2–4 schools, each led by
 * a strong school whose principal is the 学区长; see README.md for the options and rules.
 */
import { definePlugin, Registry, type PluginDefinition } from '@gongzhi/core';
import { beihaiOptions } from './options.js';
import * as tables from './tables.js';
import { beihaiRules } from './rules/index.js';
import { beihaiSchema } from './schema/index.js';
import { seedBeihai } from './seed.js';
import { DOC, ROLE, XUEQU_KIND } from './repo.js';
import { BEIHAI_CLAUSES } from './clauses.js';

const plugin: PluginDefinition<typeof beihaiOptions> = definePlugin({
  id: 'beihai',
  title: { zh: '北海市学区制', en: 'Beihai school districts' },
  policy: {
    doc: '北教基教〔2018〕130号',
    issuer: '北海市教育局',
    issued: '2018-12-29',
    clauses: BEIHAI_CLAUSES,
  },
  coreVersion: '^0.1.0',
  options: beihaiOptions,
  tables: { ...tables },
  migrations: new URL('../migrations', import.meta.url),
  roles: [
    { id: ROLE.HEAD, title: { zh: '学区长', en: 'head of the school district (学区长)' }, heldAt: 'GROUP' },
    { id: ROLE.DEPUTY, title: { zh: '副学区长', en: 'deputy head of the school district (副学区长)' }, heldAt: 'GROUP' },
    { id: ROLE.OFFICE_DIRECTOR, title: { zh: '学区管理办公室主任', en: 'director of the 学区 office' }, heldAt: 'GROUP' },
    { id: ROLE.OFFICE_DEPUTY, title: { zh: '学区管理办公室副主任', en: 'deputy director of the 学区 office' }, heldAt: 'GROUP' },
    { id: ROLE.OFFICE_STAFF, title: { zh: '学区管理办公室工作人员', en: 'staff of the 学区 office' }, heldAt: 'GROUP' },
  ],
  groupKinds: [
    {
      kind: XUEQU_KIND,
      typeName: 'BeihaiXuequ',
      title: { zh: '学区', en: 'school district (学区)' },
      // 四(二): "每所学校只能加入一个学区".
      oneGroupPerSchool: { ruleId: 'beihai.one-xuequ-per-school', cite: { doc: DOC, clause: '四(二)' }, title: { zh: '一所学校同一时间只属于一个学区', en: 'a school belongs to at most one 学区 at a time' } },
    },
  ],
  entities: ['BeihaiJointMeeting', 'BeihaiXuequOffice', 'BeihaiSubjectGroup', 'BeihaiMoralEducationTeam'],
  schema: beihaiSchema,
  rules: beihaiRules,
  // Posts are created through core's checks, which consult the roles of this plugin.
  seed: (api) => seedBeihai(api, new Registry([plugin])),
});

export default plugin;
export { beihaiOptions, type BeihaiOptions } from './options.js';
