import { z } from 'zod';
import { afterSchoolOptions } from './after-school/domain.js';

/**
 * Per-locality options of the Hezhang regime; each default is the document's figure (赫府办发〔2021〕60号).
 * A locality overrides them with `enableGovernance`; the compliance report shows the override as the
 * expected value.
 */
const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const zDay = z
  .object({ amStart: zTime, amEnd: zTime, pmStart: zTime, pmEnd: zTime })
  .refine((d) => d.amStart < d.amEnd && d.amEnd <= d.pmStart && d.pmStart < d.pmEnd, 'the periods must be in order: amStart < amEnd ≤ pmStart < pmEnd');

export const hezhangOptions = z.object({
  officeHours: z
    .object({
      KINDERGARTEN: zDay.default({ amStart: '08:30', amEnd: '11:30', pmStart: '14:30', pmEnd: '17:00' }),
      PRIMARY: zDay.default({ amStart: '08:30', amEnd: '11:40', pmStart: '14:30', pmEnd: '17:00' }),
      SECONDARY: zDay.default({ amStart: '08:30', amEnd: '12:00', pmStart: '14:30', pmEnd: '17:30' }),
    })
    .default({
      KINDERGARTEN: { amStart: '08:30', amEnd: '11:30', pmStart: '14:30', pmEnd: '17:00' },
      PRIMARY: { amStart: '08:30', amEnd: '11:40', pmStart: '14:30', pmEnd: '17:00' },
      SECONDARY: { amStart: '08:30', amEnd: '12:00', pmStart: '14:30', pmEnd: '17:30' },
    })
    .describe(
      '集中办公时间 — office hours by stage (二(一)2): 幼儿园 08:30–11:30 and 14:30–17:00; 小学 08:30–11:40 and 14:30–17:00; 中学 08:30–12:00 and 14:30–17:30 (vocational, special and 育新 schools follow 中学, adjusted locally here).',
    ),
  flexibleMinimumHours: z.number().min(1).max(8).default(5).describe('弹性上下班最少集中办公时间 — the fewest concentrated hours a day under flexible hours (二(一)2: 不得低于5小时). Default 5.'),
  unionMinutesPerWeek: z.number().int().min(0).max(600).default(60).describe('每周工会组织活动时长 — minutes of union activity a school week needs (二(二)5: 不低于一小时). Default 60.'),
  skillsPerKind: z
    .object({ min: z.number().int().min(0).max(5).default(1), max: z.number().int().min(1).max(10).default(2) })
    .default({ min: 1, max: 2 })
    .describe('每位学生掌握的运动、艺术技能数 — sports and arts skills each pupil masters (二(二)2: 1–2项 of each; the source lost the dash, "12项"). Default 1–2.'),
  transferCapPercent: z.number().min(0).max(100).default(10).describe('调整交流人数上限 — cross-township and cross-school transfers in a group, as a percentage of its staff on 1 September, per school year (附件2 三(三): 原则上不超过10%). Default 10.'),
  transferExemptAge: z
    .object({ MALE: z.number().int().min(40).max(70).default(55), FEMALE: z.number().int().min(40).max(70).default(50) })
    .default({ MALE: 55, FEMALE: 50 })
    .describe('可不参与跨乡镇调整交流的年龄 — age from which a man or a woman is not moved across townships without consent (附件2 三(三): 男满55周岁、女满50周岁). Defaults 55 and 50.'),
  pairedExchangeMaxDays: z.number().int().min(1).max(1096).default(365).describe('对口帮扶教师交流最长天数 — the longest paired-assistance exchange, in days (main 二(三): 原则上不超过一年). Default 365.'),
  frontlineSharePercent: z.number().min(0).max(100).default(80).describe('一线教师名额占比下限 — the least share of quotas for front-line teachers (附件2 三(五): 原则上不低于80%). Default 80.'),
  awardTierPercents: z
    .object({ FIRST: z.number().min(0).max(100).default(30), SECOND: z.number().min(0).max(100).default(40), THIRD: z.number().min(0).max(100).default(30) })
    .default({ FIRST: 30, SECOND: 40, THIRD: 30 })
    .describe('一、二、三等奖占比 — the shares of the award tiers among the units awarded (main 三(四): 30% / 40% / 30%).'),
  afterSchool: afterSchoolOptions.prefault({}).describe('课后服务 — annex 1’s figures (附件1): session length 1–3 h, the 2 h daily average, end times by stage and boarding, summer care ≤ 21 days and ≤ 6 h a day, coverage from 2021-09-01.'),
});

export type HezhangOptions = z.output<typeof hezhangOptions>;
