/**
 * The regime's vocabulary, as the report names it. Source: 花园口镇中心学校《义务教育学区制管理情况汇报》.
 * The report numbers two sections "三": 三、目标任务 (the ten integrations) and 三、工作措施 (the
 * measures, with its (一)…(五)). Citations name the part meant, a little finer than the catalogue
 * (which cites plain 三 and 三(五)): "三（目标任务）" for the first section, "三(一)" … "三(五)4" for the
 * clauses of the second, "三(五)2、3" for the two named duties.
 */
import type { Bilingual, RoleDefinition } from '@gongzhi/core';

export const PLUGIN_ID = 'huayuankou';
export const DOC = '花园口镇中心学校学区制管理情况汇报';

/** The central-school 学区: 乡镇中心校 + 村小 and 教学点 (三(一)). */
export const DISTRICT_KIND = 'huayuankou.central-district';
export const DISTRICT_TYPE = 'HuayuankouCentralSchoolDistrict';

/** 教学点 in the national 办学类型 codes. */
export const TEACHING_POINT_TYPE = '218';
/** 小学: the 村小 of a 学区 are its primary schools besides the central one. */
export const PRIMARY_SCHOOL_TYPE = '211';

/** 十个一体 (三（目标任务）), in the report's order. */
export const INTEGRATIONS = {
  PRINCIPAL_TEAM: { zh: '校长队伍一体建设', en: 'the principal team built as one' },
  TEACHER_ALLOCATION: { zh: '教师队伍一体配置', en: 'teachers allocated as one' },
  TEACHING_QUALITY: { zh: '教育教学质量一体提升', en: 'teaching quality raised as one' },
  EVALUATION_STANDARDS: { zh: '师生评价标准一体执行', en: 'one set of evaluation standards for teachers and pupils' },
  MORAL_EDUCATION: { zh: '德育工作体系一体构建', en: 'one moral-education system' },
  PE_AND_ARTS: { zh: '学生体艺素质一体提高', en: 'pupils’ PE and arts raised as one' },
  FUNDING: { zh: '教育经费一体落实', en: 'funding provided as one' },
  LAYOUT_PLANNING: { zh: '学校布局一体规划', en: 'school layout planned as one' },
  FACILITIES_EQUIPMENT: { zh: '设施设备一体完善', en: 'facilities and equipment completed as one' },
  INFORMATISATION: { zh: '信息化建设一体推进', en: 'informatisation advanced as one' },
} as const satisfies Record<string, Bilingual>;
export type Integration = keyof typeof INTEGRATIONS;
export const INTEGRATION_KEYS = Object.keys(INTEGRATIONS) as Integration[];

/** A yearly status of an integration target. PLANNED and IN_PROGRESS are not settled. */
export const INTEGRATION_STATUSES = {
  PLANNED: { zh: '已列入计划', en: 'planned for the year, not yet started' },
  IN_PROGRESS: { zh: '推进中', en: 'in progress' },
  ACHIEVED: { zh: '已实现', en: 'achieved for the year' },
  NOT_ACHIEVED: { zh: '未实现', en: 'not achieved for the year' },
} as const satisfies Record<string, Bilingual>;
export type IntegrationStatus = keyof typeof INTEGRATION_STATUSES;
export const SETTLED_STATUSES: readonly IntegrationStatus[] = ['ACHIEVED', 'NOT_ACHIEVED'];

/** Shared places (三(三)1–2: 体育场地/场馆、图书馆/图书阅览室、实验室、科技活动室). */
export const FACILITY_KINDS = {
  SPORTS_GROUND: { zh: '体育场地、体育场馆', en: 'sports ground or sports hall' },
  LIBRARY: { zh: '图书馆、图书阅览室', en: 'library or reading room' },
  LABORATORY: { zh: '实验室', en: 'laboratory' },
  SCIENCE_ACTIVITY_ROOM: { zh: '科技活动室', en: 'science activity room' },
} as const satisfies Record<string, Bilingual>;
export type FacilityKind = keyof typeof FACILITY_KINDS;

/** How a county-hired teacher came to a school of the 学区 (三(四)2–3). */
export const PLACEMENT_KINDS = {
  PLACEMENT: { zh: '县管校聘 — 聘任到校', en: 'placed at the school by the county (县管校聘)' },
  TRANSFER: { zh: '学区内统一调配', en: 'moved by the central school within the 学区' },
} as const satisfies Record<string, Bilingual>;
export type PlacementKind = keyof typeof PLACEMENT_KINDS;

/** The named duties of the central school (三(五)2, 三(五)3), held at the 学区. */
export const DUTY_ROLES = {
  GUIDANCE_STATION_HEAD: 'HUAYUANKOU_GUIDANCE_STATION_HEAD',
  MORAL_EDUCATION_OFFICER: 'HUAYUANKOU_MORAL_EDUCATION_OFFICER',
} as const;
export type Duty = keyof typeof DUTY_ROLES;

export const ROLES: RoleDefinition[] = [
  {
    id: DUTY_ROLES.GUIDANCE_STATION_HEAD,
    title: { zh: '辅导站站长', en: 'head of the teaching guidance station' },
    heldAt: 'GROUP',
  },
  {
    id: DUTY_ROLES.MORAL_EDUCATION_OFFICER,
    title: { zh: '德育专干', en: 'moral-education officer' },
    heldAt: 'GROUP',
  },
];

export const DUTY_TITLES: Record<Duty, Bilingual> = {
  GUIDANCE_STATION_HEAD: { zh: '辅导站站长 — 统一学区教学研究（三(五)2）', en: 'head of the guidance station: leads unified teaching research (三(五)2)' },
  MORAL_EDUCATION_OFFICER: { zh: '德育专干 — 负责学区德育工作（三(五)3）', en: 'moral-education officer: leads the 学区’s moral education (三(五)3)' },
};
