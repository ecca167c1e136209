/**
 * Sanming 总校制 — 三明市政府办公室关于推进市区基础教育总校制办学意见(试行), 明政办〔2017〕118号.
 * A 总校长 runs a strong city school as the 总校 and its member schools — across authorities and
 * stages — with people, money and property managed as one; see README.md for options and rules.
 */
import { definePlugin, Registry, type PluginDefinition } from '@gongzhi/core';
import { sanmingOptions } from './options.js';
import * as tables from './tables.js';
import { sanmingRules } from './rules/index.js';
import { sanmingSchema } from './schema/index.js';
import { seedSanming } from './seed.js';
import { DOC, KIND, ROLE } from './repo.js';

const plugin: PluginDefinition<typeof sanmingOptions> = definePlugin({
  id: 'sanming',
  title: { zh: '三明市总校制', en: 'Sanming general schools (总校制)' },
  policy: { doc: DOC, issuer: '三明市人民政府办公室', issued: '2017-09-27' },
  coreVersion: '^0.1.0',
  options: sanmingOptions,
  tables: { ...tables },
  migrations: new URL('../migrations', import.meta.url),
  roles: [
    { id: ROLE.GENERAL_PRINCIPAL, title: { zh: '总校长', en: 'general principal (总校长)' }, heldAt: 'GROUP' },
    { id: ROLE.EXECUTIVE_PRINCIPAL, title: { zh: '执行校长', en: 'executive principal of a member school (执行校长)' }, heldAt: 'SCHOOL' },
  ],
  groupKinds: [{ kind: KIND, typeName: 'SanmingZongxiao', title: { zh: '总校', en: 'general school (总校)' } }],
  entities: [
    'SanmingDecision',
    'SanmingSchoolAuthority',
    'SanmingPayRecord',
    'SanmingPayStandard',
    'SanmingStaffStatus',
    'SanmingLeaderPostQuota',
    'SanmingAdmissionPolicy',
    'SanmingZongxiaoYear',
    'SanmingCentre',
    'SanmingBundledAppraisal',
    'SanmingExperimentalClass',
    'SanmingEvaluation',
    'SanmingTitlePriority',
    'SanmingDistrictPlan',
  ],
  schema: sanmingSchema,
  rules: sanmingRules,
  seed: (api) => seedSanming(api, new Registry([plugin])),
});

export default plugin;
export { sanmingOptions, type SanmingOptions } from './options.js';
