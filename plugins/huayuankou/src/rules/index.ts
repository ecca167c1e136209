/** Huayuankou's rules, one file per concern of the report; the order is the catalogue's. */
import { sameTownship } from './structure.js';
import { integrationTargets } from './integrations.js';
import { districtBrand, oneSpecialityPerSchool } from './culture.js';
import { namedDuties } from './duties.js';
import { facilitySharing } from './facilities.js';

export const rules = [sameTownship, integrationTargets, oneSpecialityPerSchool, namedDuties, facilitySharing, districtBrand];
