import { z } from 'zod';
import { EXCHANGE_KINDS, type ExchangeKind } from '@gongzhi/core';

const EXCHANGE_KIND_IDS = Object.keys(EXCHANGE_KINDS) as [ExchangeKind, ...ExchangeKind[]];
const LEVELS = ['SCHOOL', 'COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;

/**
 * Per-locality options of the Sanming regime. Every default is the document's (明政办〔2017〕118号)
 * unless it says "our reading"; a locality overrides them with `enableGovernance`.
 */
export const sanmingOptions = z
  .object({
    flowSchoolLeadersMin: z.number().int().min(0).max(20).default(1).describe('总校派往每所成员学校的校级领导最少人数 — fewest school-level leaders of the lead serving at each member in a school year. Document: 1 (四(一)3 至少派出校级、中层领导各1名).'),
    flowMiddleLeadersMin: z.number().int().min(0).max(20).default(1).describe('总校派往每所成员学校的中层领导最少人数 — fewest middle-level leaders of the lead serving at each member. Document: 1 (四(一)3).'),
    flowBackboneTeachersMin: z.number().int().min(0).max(50).default(2).describe('总校派往每所成员学校的市级骨干教师最少人数 — fewest city-level backbone teachers of the lead serving at each member. Document: 2 (四(一)3 市级骨干教师2~3名).'),
    flowBackboneTeachersWarnAbove: z.number().int().min(0).max(50).nullable().default(3).describe('市级骨干教师超过此数时提示 — more backbone teachers than this at one member is a WARN (the range 2~3 under 至少: not a breach, a note). Document: 3 (四(一)3); null: no note.'),
    flowBackboneMinLevel: z.enum(LEVELS).default('CITY').describe('计为骨干教师的最低级别 — the lowest backbone level that counts. Document: CITY (四(一)3 市级骨干教师).'),
    flowExchangeKinds: z.array(z.enum(EXCHANGE_KIND_IDS)).min(1).nullable().default(null).describe('计入流动的交流形式 — the kinds of core exchange through which a person serves at the other school; null: every kind. Document: none named (四(一)3 任职任教).'),
    experimentalClassesMin: z.number().int().min(0).max(10).default(1).describe('初中实验班最少个数 — fewest junior experimental classes of a 总校 spanning junior and senior. Document: 1 (四(一)5 探索…建立1—2个实验班; a shortfall is a WARN).'),
    experimentalClassesMax: z.number().int().min(0).max(10).default(2).describe('初中实验班最多个数 — most junior experimental classes. Document: 2 (四(一)5).'),
    evaluationIntervalYears: z.number().int().min(1).max(10).default(1).describe('第三方评估间隔（学年）— an evaluation completed in the school year or this many years before counts. Our reading: 1 (POLICIES.md says yearly; 四(一)7 gives no period).'),
    districtRolloutDeadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').default('2018-12-31').describe('区级总校组建期限 — by when each district forms its own 总校. Document: 2018 (五(二) 2018年…探索开展; the end of the year is our reading).'),
  })
  .refine((o) => o.experimentalClassesMin <= o.experimentalClassesMax, { message: 'experimentalClassesMin must not exceed experimentalClassesMax', path: ['experimentalClassesMin'] });

export type SanmingOptions = z.output<typeof sanmingOptions>;
