import { definePlugin } from '@gongzhi/core';
import { options } from './options.js';
import { districtBrands, facilityUses, integrationTargets, sharedFacilities, specialities, teacherPlacements } from './tables.js';
import { rules } from './rules/index.js';
import { seed } from './seed.js';
import { addHuayuankouSchema } from './schema/index.js';
import { DISTRICT_KIND, DISTRICT_TYPE, DOC, PLUGIN_ID, ROLES } from './domain.js';

/**
 * 花园口镇中心校学区制 — the township central school leads the village schools and teaching points of
 * its township as one 学区 (惠济区, 郑州市, 河南省). Source: seeds/002_98c1101c1c13c660.txt.
 */
export default definePlugin({
  id: PLUGIN_ID,
  title: { zh: '花园口镇中心校学区制', en: 'Huayuankou central-school districts' },
  // The report is undated, so no `issued` date is given (an invented one would read as fact).
  policy: { doc: DOC, issuer: '花园口镇中心学校' },
  coreVersion: '^0.1.0',
  options,
  tables: { integrationTargets, specialities, districtBrands, sharedFacilities, facilityUses, teacherPlacements },
  migrations: new URL('../migrations', import.meta.url),
  roles: ROLES,
  groupKinds: [{ kind: DISTRICT_KIND, typeName: DISTRICT_TYPE, title: { zh: '中心校学区', en: 'central-school district' } }],
  entities: ['HuayuankouIntegrationTarget', 'HuayuankouSpeciality', 'HuayuankouDistrictBrand', 'HuayuankouSharedFacility', 'HuayuankouFacilityUse', 'HuayuankouTeacherPlacement'],
  schema: addHuayuankouSchema,
  rules,
  seed,
});
