import type { GongzhiBuilder, SchoolGroupRow } from '@gongzhi/core';
import { DISTRICT_TYPE, type Integration } from '../domain.js';
import type { BrandRow, FacilityRow, FacilityUseRow, SpecialityRow } from '../repo.js';
import type { Placement } from '../ops/placements.js';

/** An integration target as shown: all ten per year, with null target/status where none is recorded. */
export interface IntegrationTargetView {
  groupId: string;
  schoolYear: string;
  integration: Integration;
  target: string | null;
  status: string | null;
  note: string | null;
}

/** The regime's object types, declared first so the modules can refer to each other. */
export function createRefs(builder: GongzhiBuilder) {
  return {
    District: builder.objectRef<SchoolGroupRow>(DISTRICT_TYPE),
    IntegrationTarget: builder.objectRef<IntegrationTargetView>('HuayuankouIntegrationTarget'),
    Speciality: builder.objectRef<SpecialityRow>('HuayuankouSpeciality'),
    Brand: builder.objectRef<BrandRow>('HuayuankouDistrictBrand'),
    Facility: builder.objectRef<FacilityRow>('HuayuankouSharedFacility'),
    FacilityUse: builder.objectRef<FacilityUseRow>('HuayuankouFacilityUse'),
    Placement: builder.objectRef<Placement>('HuayuankouTeacherPlacement'),
  };
}

export type HuayuankouRefs = ReturnType<typeof createRefs>;
