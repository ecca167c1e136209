import type { Bilingual, GongzhiBuilder } from '@gongzhi/core';
import { DUTY_TITLES, FACILITY_KINDS, INTEGRATION_STATUSES, INTEGRATIONS, PLACEMENT_KINDS } from '../domain.js';

/** Enum values from the vocabulary in domain.ts: the Chinese term leads each description. */
function values<K extends string>(terms: Record<K, Bilingual>) {
  return Object.fromEntries(Object.entries<Bilingual>(terms).map(([k, v]) => [k, { description: `${v.zh} — ${v.en}.` }])) as Record<K, { description: string }>;
}

export function addEnums(builder: GongzhiBuilder) {
  return {
    Integration: builder.enumType('HuayuankouIntegration', {
      description: '十个一体 — the ten integrations the central school pursues as its yearly targets (三（目标任务）).',
      values: values(INTEGRATIONS),
    }),
    IntegrationStatus: builder.enumType('HuayuankouIntegrationStatus', {
      description: '完成状态 — where an integration target stands in its school year.',
      values: values(INTEGRATION_STATUSES),
    }),
    FacilityKind: builder.enumType('HuayuankouFacilityKind', {
      description: '共享场所类型 — the places a member school opens to the 学区 (三(三)1–2).',
      values: values(FACILITY_KINDS),
    }),
    PlacementKind: builder.enumType('HuayuankouPlacementKind', {
      description: '县管校聘 — how a county-hired teacher came to a member school (三(四)2–3).',
      values: values(PLACEMENT_KINDS),
    }),
    Duty: builder.enumType('HuayuankouDuty', {
      description: '中心校专职 — the named duties of the central school (三(五)2–3).',
      values: values(DUTY_TITLES),
    }),
  };
}

export type HuayuankouEnums = ReturnType<typeof addEnums>;
