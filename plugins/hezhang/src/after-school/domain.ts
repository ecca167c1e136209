/**
 * Annex 1's vocabulary as data (附件1 关于在全县中小学开展课后服务工作的实施方案, 赫府办发〔2021〕60号):
 * content kinds and the forbidden ones, waiver categories, priority groups, charge items, terms and the
 * options a county may override. Source: seeds/004_0c46fa1f8a9d3d23.txt, annex 1.
 */
import { z } from 'zod';
import { addDays, type Stage } from '@gongzhi/core';

export const PLUGIN_ID = 'hezhang';
export const DOC = '赫府办发〔2021〕60号';
/** Annex 1's clauses are cited as `附件1 三(二)1`. */
export const A1 = '附件1';

type Titled = { zh: string; en: string };
export const keysOf = <K extends string>(o: Record<K, Titled>) => Object.keys(o) as [K, ...K[]];

/**
 * 课后服务内容 (三(三)): 全员阅读、作业辅导及体育、艺术"2+2"项目, clubs, practice … and, listed so a
 * write can name them and be refused, the four the clause forbids: 集体教学, 上新课, 补课, 考试训练.
 */
export const CONTENT_KINDS = {
  READING: { zh: '全员阅读', en: 'reading for all' },
  HOMEWORK_HELP: { zh: '作业辅导', en: 'homework help' },
  SPORTS: { zh: '体育项目', en: 'sports' },
  ARTS: { zh: '艺术项目', en: 'arts' },
  CLUB: { zh: '社团、兴趣小组', en: 'clubs and interest groups' },
  SCIENCE: { zh: '科技活动', en: 'science and technology' },
  PRACTICE: { zh: '综合实践、社会实践', en: 'practical and community activities' },
  EVENING_SELF_STUDY: { zh: '晚自习（自主学习、作业辅导）', en: 'evening self-study (homework, own study)' },
  COLLECTIVE_TEACHING: { zh: '集体教学（禁止）', en: 'collective teaching (forbidden)' },
  NEW_LESSON: { zh: '上新课（禁止）', en: 'a new lesson (forbidden)' },
  MAKE_UP_CLASS: { zh: '补课（禁止）', en: 'a make-up class (forbidden)' },
  EXAM_DRILL: { zh: '考试训练（禁止）', en: 'exam drill (forbidden)' },
} as const;
export type ContentKind = keyof typeof CONTENT_KINDS;
/** 三(三): 不得用课后服务时间开展集体教学，不得上新课、补课和考试训练. */
export const FORBIDDEN_CONTENT: readonly ContentKind[] = ['COLLECTIVE_TEACHING', 'NEW_LESSON', 'MAKE_UP_CLASS', 'EXAM_DRILL'];

/** 二(三): the families whose children's fees are reduced or waived. */
export const WAIVER_CATEGORIES = {
  POVERTY_ALLEVIATION: { zh: '建档立卡脱贫户', en: 'registered poverty-alleviation household' },
  HARDSHIP: { zh: '家庭经济确有困难', en: 'family in real financial hardship' },
} as const;
export type WaiverCategory = keyof typeof WAIVER_CATEGORIES;

/** 三(一): the groups whose access the school must secure. */
export const PRIORITY_GROUPS = {
  LEFT_BEHIND: { zh: '留守儿童', en: 'left-behind child' },
  MIGRANT: { zh: '进城务工人员随迁子女', en: 'child of a migrant worker' },
  POVERTY_ALLEVIATION: { zh: '建档立卡脱贫户', en: 'registered poverty-alleviation household' },
  MINIMUM_LIVING: { zh: '低保家庭儿童', en: 'child of a minimum-living-allowance family' },
  LOWER_GRADE: { zh: '中低年级学生', en: 'pupil of a lower or middle grade' },
} as const;
export type PriorityGroup = keyof typeof PRIORITY_GROUPS;

/**
 * What a charge may be for. 三(六)二 allows the service fee only: 引进校外优质教育资源…不得额外收费, 不得…提取
 * 管理费. The last two are listed so a write can name them and be refused (hezhang.fee-rate).
 */
export const CHARGE_ITEMS = {
  SERVICE: { zh: '课后服务费', en: 'after-school service fee' },
  SUMMER_CARE: { zh: '暑期托管费', en: 'summer-care fee' },
  OUTSIDE_RESOURCES: { zh: '校外资源费（禁止）', en: 'fee for outside resources (forbidden)' },
  MANAGEMENT: { zh: '管理费（禁止）', en: 'management fee (forbidden)' },
} as const;
export type ChargeItem = keyof typeof CHARGE_ITEMS;
export const ALLOWED_ITEMS: readonly ChargeItem[] = ['SERVICE', 'SUMMER_CARE'];

/** 三(五)二: whom a school may bring in when its own staff are too few. */
export const OUTSIDE_STAFF_KINDS = {
  RETIRED_TEACHER: { zh: '退休教师', en: 'retired teacher' },
  PROFESSIONAL: { zh: '具备资质的科技类、艺体类社会专业人员', en: 'qualified science, arts or sports professional' },
  VOLUNTEER: { zh: '家委会、关工委、志愿者、公益组织人员', en: 'parents’ committee, volunteer or charity member' },
} as const;
export type OutsideStaffKind = keyof typeof OUTSIDE_STAFF_KINDS;

/** The stages annex 1 serves (中小学): a rate is set for each (二(三); main 三(二): 小学、初中、高中). */
export const SERVICE_STAGES = ['PRIMARY', 'JUNIOR', 'SENIOR'] as const satisfies readonly Stage[];
export type ServiceStage = (typeof SERVICE_STAGES)[number];

// ── Terms ─────────────────────────────────────────────────────────────────────────────────────

/** 学期: `2026-2027-1` autumn, `2026-2027-2` spring, `2026-2027-S` the summer after (暑期托管). */
export const TERM_RE = /^(\d{4})-(\d{4})-([12S])$/;
export const isTerm = (t: string) => {
  const m = TERM_RE.exec(t);
  return !!m && Number(m[2]) === Number(m[1]) + 1;
};
export const termYear = (t: string) => t.slice(0, 9);
export const summerTerm = (schoolYear: string) => `${schoolYear}-S`;
export const termsOf = (schoolYear: string) => [`${schoolYear}-1`, `${schoolYear}-2`];

/** Minutes since midnight of `HH:MM`. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Calendar days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
/** 上学日: Monday to Friday from `from` to `to` (our reading: the county's holiday calendar is not in the data, so no day is excused). */
export function schoolDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd >= 1 && wd <= 5) out.push(d);
  }
  return out;
}

// ── Options ───────────────────────────────────────────────────────────────────────────────────

const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/**
 * Annex 1's figures a county may override (the regime's options, key `afterSchool`); each default is
 * the clause's.
 */
export const afterSchoolOptions = z.object({
  minSessionMinutes: z.number().int().min(0).max(600).default(60).describe('每日课后服务最短时长 — the shortest session, in minutes (附件1 三(二): 最少不低于1小时). Default 60.'),
  maxSessionMinutes: z.number().int().min(30).max(600).default(180).describe('每日课后服务最长时长 — the longest session, in minutes (附件1 三(二): 最多不高于3小时). Default 180.'),
  targetDailyMinutes: z.number().int().min(0).max(600).default(120).describe('每天课后服务至少时长 — the daily average a school is held to; under it is a WARN (附件1 一: 每天课后服务至少2小时; 三(二): 原则上为2小时). Default 120.'),
  endBy: z
    .object({
      COMPULSORY_DAY: zTime.default('18:00'),
      COMPULSORY_BOARDING: zTime.default('21:00'),
      SENIOR_DAY: zTime.default('21:00'),
      SENIOR_BOARDING: zTime.default('22:00'),
    })
    .default({ COMPULSORY_DAY: '18:00', COMPULSORY_BOARDING: '21:00', SENIOR_DAY: '21:00', SENIOR_BOARDING: '22:00' })
    .describe('课后服务结束时间 — the latest end (附件1 三(二)1–2): 义务教育 走读 18:00, 寄宿 21:00; 普通高中 走读 21:00, 寄宿 22:00.'),
  summerMaxDays: z.number().int().min(1).max(62).default(21).describe('暑期托管最长天数 — summer care lasts at most this many calendar days (附件1 三(二)3: 原则上不超过3周). Default 21.'),
  summerMaxDailyMinutes: z.number().int().min(30).max(720).default(360).describe('暑期托管每日最长时长 — minutes of summer care a day at most (附件1 三(二)3: 每日不超过6小时). Default 360.'),
  coverageFrom: z.string().date().default('2021-09-01').describe('县城区中小学全面推行之日 — the day county-town compulsory schools offer the service from (附件1 二(四): 从2021年秋季学期开学起). Default 2021-09-01.'),
});
export type AfterSchoolOptions = z.output<typeof afterSchoolOptions>;

/** The after-school options in force, from the regime's options (defaults where the county set none). */
export function afterSchoolOptionsOf(options: unknown): AfterSchoolOptions {
  const o = (options as { afterSchool?: unknown } | null | undefined)?.afterSchool;
  return afterSchoolOptions.parse(o ?? {});
}
