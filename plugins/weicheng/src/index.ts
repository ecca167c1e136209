/**
 * Weicheng 一校长多学校 — 潍坊市潍城区 divides its schools into eight 学区, each "1+N": one 总校长
 * over a lead school and the others, under a 学区 party organisation, with a charter, a plan, star
 * ratings bundled per 学区, principal ranks and 区管校聘. Source: seeds/001_f009c29586b31c7b.txt
 * (a traditional-script repost of the bureau's 2020 case report); see README.md.
 */
import { definePlugin, type PluginDefinition } from '@gongzhi/core';
import { weichengOptions } from './options.js';
import * as tables from './tables.js';
import { weichengRules } from './rules/index.js';
import { weichengSchema } from './schema/index.js';
import { seedWeicheng } from './seed.js';
import { DOC, ISSUER, PLUGIN_ID, ROLES, XUEQU_KIND, XUEQU_TYPE } from './domain.js';

const plugin: PluginDefinition<typeof weichengOptions> = definePlugin({
  id: PLUGIN_ID,
  title: { zh: '潍城区“一校长多学校”学区制', en: 'Weicheng one-principal-many-schools districts' },
  // The report carries no date of its own (the catalogue's 2020-12-25 is its repost's): no `issued`.
  policy: { doc: DOC, issuer: ISSUER },
  coreVersion: '^0.1.0',
  options: weichengOptions,
  tables: { ...tables },
  migrations: new URL('../migrations', import.meta.url),
  roles: ROLES,
  groupKinds: [
    {
      kind: XUEQU_KIND,
      typeName: XUEQU_TYPE,
      title: { zh: '学区', en: 'school district (学区)' },
      // 一(二)1(2) 划分八大学区: the district is divided, so a school is in one 学区 at a time.
      oneGroupPerSchool: { ruleId: 'weicheng.one-xuequ-per-school', cite: { doc: DOC, clause: '一(二)1(2)' }, title: { zh: '一所学校同一时间只属于一个学区', en: 'a school belongs to at most one 学区 at a time' } },
    },
  ],
  entities: [
    'WeichengXuequProfile',
    'WeichengPartyOrganisation',
    'WeichengPartyBrand',
    'WeichengMajorDecision',
    'WeichengExperimentalProject',
    'WeichengPrincipalRank',
    'WeichengStarRating',
    'WeichengFestival',
    'WeichengTeacherPlacement',
  ],
  schema: weichengSchema,
  rules: weichengRules,
  seed: (api) => seedWeicheng(api, plugin),
});

export default plugin;
export { weichengOptions, type WeichengOptions } from './options.js';
export { BUNDLE_METHOD, bundleRating } from './bundle.js';
