import { z } from 'zod';
import { EXCHANGE_KINDS, type ExchangeKind } from '@gongzhi/core';

/** Core's exchange kinds (轮岗, 蹲点 …), for the counted-kinds option. */
const EXCHANGE_KIND_IDS = Object.keys(EXCHANGE_KINDS) as [ExchangeKind, ...ExchangeKind[]];

/** Backbone levels, lowest first (core's order), for the qualified-leader option. */
const LEVELS = ['SCHOOL', 'COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;

/**
 * Per-locality options of the Beihai regime. Every default is the document's (北教基教〔2018〕130号);
 * a locality may override them with `enableGovernance`, and the compliance report then shows the
 * override as the expected value.
 */
export const beihaiOptions = z
  .object({
    xuequSizeMin: z.number().int().min(1).max(20).default(2).describe('学区最少学校数（含学区长学校）— fewest schools in a 学区, lead included. Document: 2 (四(二) 每个学区包含2-4所学校).'),
    xuequSizeMax: z.number().int().min(1).max(20).default(4).describe('学区最多学校数（含学区长学校）— most schools in a 学区, lead included. Document: 4 (四(二)).'),
    jointMeetingIntervalMonths: z.number().int().min(1).max(12).default(2).describe('校长联席会议最长间隔（月）— longest allowed gap between joint meetings, in calendar months. Document: 2 (五(二)2 每两个月至少召开一次).'),
    officeStaffMin: z.number().int().min(0).max(20).default(2).describe('学区管理办公室工作人员最少人数 — fewest office staff. Document: 2 (五(二)3 办公室工作人员2-4名).'),
    officeStaffMax: z.number().int().min(0).max(20).default(4).describe('学区管理办公室工作人员最多人数 — most office staff. Document: 4 (五(二)3).'),
    subjectGroupSizeMin: z.number().int().min(1).max(50).default(4).describe('学科中心教研组组员最少人数（不含组长）— fewest members of a subject centre group, leader not counted. Document: 4 (五(二)4 组员一般设4至6人).'),
    subjectGroupSizeMax: z.number().int().min(1).max(50).default(6).describe('学科中心教研组组员最多人数（不含组长）— most members of a subject centre group, leader not counted. Document: 6 (五(二)4).'),
    subjectGroupTermYears: z.number().int().min(1).max(10).default(2).describe('学科中心教研组聘期（年）— longest term of a subject centre group appointment, in years. Document: 2 (五(二)4 聘期两年).'),
    subjectGroupLeaderMinLevel: z.enum(LEVELS).default('CITY').describe('学科中心教研组组长最低骨干级别 — lowest recognition (名师/学科带头人/骨干教师) of a subject group leader. Document: CITY (五(二)4 市级及以上).'),
    exchangeRateMin: z.number().min(0).max(1).default(0.1).describe('学区年度交流轮岗比例下限 — share of the 学区’s teachers exchanged in a school year. Document: 0.10 (五(二)5(4) 不低于10%).'),
    backboneShareMin: z.number().min(0).max(1).default(0.2).describe('交流教师中骨干教师比例下限 — share of backbone teachers among those exchanged. Document: 0.20 (五(二)5(4) 不低于20%).'),
    exchangeKinds: z
      .array(z.enum(EXCHANGE_KIND_IDS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, { message: 'lists a kind twice', params: { zh: '交流形式重复' } })
      .default(['ROTATION', 'FIELD_STAY'])
      .describe('计入学区交流的交流形式 — the kinds of exchange within the 学区 that count. Document: [ROTATION, FIELD_STAY] (五(二)5(4) 轮岗交流、蹲点交流形式的人员).'),
    exchangeMinYearsAtSchool: z
      .number()
      .int()
      .min(0)
      .max(40)
      .default(0)
      .describe('计入基数的同校连续任教年限 — count in the base only teachers with at least this many consecutive years at the same school on 1 September. Document: 0 — the base is 学区内所有在职教师总数 (五(二)5(4)), every teacher of the 学区 in the year; a locality that applies the national 符合交流条件 sets e.g. 6.'),
    exchangeMaxAgeMale: z.number().int().min(18).max(70).nullable().default(null).describe('男教师计入基数的年龄上限 — the oldest age (周岁 on 1 September) at which a male teacher counts in the base. Document: none (null). A teacher with no birth date recorded is not excluded.'),
    exchangeMaxAgeFemale: z.number().int().min(18).max(70).nullable().default(null).describe('女教师计入基数的年龄上限 — the oldest age (周岁 on 1 September) at which a female teacher counts in the base. Document: none (null). A teacher with no birth date recorded is not excluded.'),
    planDeadline: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day, MM-DD')
      .default('01-25')
      .describe('学区工作计划报备截止（月-日）— the day of the school year by which the 学区 work plan is filed with the bureau. Document: 2019-01-25 for the first year (六(二)); later years keep the same day.'),
    newXuequPlanDays: z.number().int().min(0).max(365).default(25).describe('新组建学区报备工作计划的期限（天）— days a 学区 formed after the year’s deadline has to file its plan. Our reading, not a number of the document: it formed the 学区 by 2018-12-31 and asked for plans by 2019-01-25 (六(一)(二)), 25 days.'),
  })
  .refine((o) => o.xuequSizeMin <= o.xuequSizeMax, { message: 'xuequSizeMin must not exceed xuequSizeMax', path: ['xuequSizeMin'] })
  .refine((o) => o.officeStaffMin <= o.officeStaffMax, { message: 'officeStaffMin must not exceed officeStaffMax', path: ['officeStaffMin'] })
  .refine((o) => o.subjectGroupSizeMin <= o.subjectGroupSizeMax, { message: 'subjectGroupSizeMin must not exceed subjectGroupSizeMax', path: ['subjectGroupSizeMin'] });

export type BeihaiOptions = z.output<typeof beihaiOptions>;
