import type { PluginSchemaApi } from '@gongzhi/core';
import { addEnums } from './enums.js';
import { createRefs } from './refs.js';
import { addDistrictSchema } from './district.js';
import { addIntegrationSchema } from './integrations.js';
import { addCultureSchema } from './culture.js';
import { addFacilitySchema } from './facilities.js';
import { addStaffSchema } from './staff.js';

/** The regime's types, fields, queries and mutations. */
export function addHuayuankouSchema(api: PluginSchemaApi) {
  const enums = addEnums(api.builder);
  const own = createRefs(api.builder);
  addDistrictSchema(api, own);
  addIntegrationSchema(api, own, enums);
  addCultureSchema(api, own);
  addFacilitySchema(api, own, enums);
  addStaffSchema(api, own, enums);
}
