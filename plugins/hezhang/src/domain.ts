/**
 * The words of 赫府办发〔2021〕60号 as data: its document, its two kinds of 教育集团, the townships
 * and county-town schools it names, the ten groups and their paired schools, the absence kinds,
 * office hours and roles. Source: seeds/004_0c46fa1f8a9d3d23.txt (main text and annex 2).
 *
 * Stable names: the after-school part of the plugin (annex 1, ./after-school) reads TOWNSHIPS,
 * EDUCATION_GROUPS, COUNTY_TOWN_SCHOOLS, GROUP_KIND and hoursStageOf from here.
 */
import type { RoleDefinition, Stage } from '@gongzhi/core';

export const PLUGIN_ID = 'hezhang';
export const DOC = '赫府办发〔2021〕60号';
export const ISSUER = '赫章县人民政府办公室';
/** 2021年9月13日 (成文日期); the portal's 生成日期 is 2021-09-14. */
export const ISSUED = '2021-09-13';
export const COUNTY = '520527';
/** Annex 2 is the document's own; its clauses are cited as `附件2 三(三)`. */
export const ANNEX2 = '附件2';

type Titled = { zh: string; en: string };
const entries = <K extends string>(o: Record<K, Titled>) => o;
export const keysOf = <K extends string>(o: Record<K, Titled>) => Object.keys(o) as [K, ...K[]];

// ── Groups ─────────────────────────────────────────────────────────────────────────────────

/** 普通高中联盟型教育集团 (附件2 二(一)): defined by its list of schools. */
export const SENIOR_KIND = 'hezhang.senior-group';
/** 义教和学前联盟型教育集团 (附件2 二(二)): defined by its townships. */
export const COMPULSORY_KIND = 'hezhang.compulsory-group';
export const GROUP_KINDS = [SENIOR_KIND, COMPULSORY_KIND] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const SENIOR_TYPE = 'HezhangSeniorEducationGroup';
export const COMPULSORY_TYPE = 'HezhangCompulsoryEducationGroup';
/** The day the groups stand from: the document's date (成文日期), our reading — it gives no day of its own. */
export const GROUPS_FORMED = '2021-09-13';

/**
 * The county's 27 乡(镇、街道) as annex 2 二(二) names them, in its order. The codes are ours:
 * county code + 9NN in that order, NOT the 统计用区划代码 (which the document does not give);
 * verify before real use (README "readings").
 */
export const TOWNSHIPS: { code: string; name: string; group: number }[] = (
  [
    [1, ['双河街道', '汉阳街道', '金银山街道', '七家湾街道', '白果街道', '达依乡']],
    [2, ['兴发乡', '松林坡乡', '雉街乡']],
    [3, ['水塘堡乡', '妈姑镇', '罗州镇', '珠市乡']],
    [4, ['双坪乡', '可乐乡', '辅处乡', '铁匠乡']],
    [5, ['河镇乡', '德卓镇', '安乐溪乡']],
    [6, ['财神镇', '朱明镇', '结构乡']],
    [7, ['六曲河镇', '古基镇', '哲庄镇']],
    [8, ['野马川镇', '平山镇', '古达乡', '威奢乡']],
  ] as [number, string[]][]
).flatMap(([group, names]) => names.map((name) => ({ name, group })))
  .map((t, i) => ({ ...t, code: `${COUNTY}${900 + i + 1}` }));

export const townshipByName = (name: string) => {
  const t = TOWNSHIPS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown township ${name}`);
  return t;
};

/** 二(一)4 三是: the first phase's pilot townships (水塘堡乡、威奢乡、古基镇). */
export const PILOT_TOWNSHIPS = ['水塘堡乡', '威奢乡', '古基镇'].map((n) => townshipByName(n).code);
/** 从2022年8月起全面推行: from this day the attendance rules apply to every school. */
export const EVERYWHERE_FROM = '2022-08-01';

/** What a county-town school is (县直各校(园)), for pairing and the hours its staff keep. */
export type CountyTownKind = 'SECONDARY' | 'PRIMARY' | 'KINDERGARTEN';

export interface NamedSchool {
  key: string;
  name: string;
  /** Sample code (digits 5–6 = 99): the document gives no 学校标识码. */
  code: string;
  schoolType: string;
  /** The township it stands in; county-town schools stand in 双河街道 (our reading: the county seat). */
  township: string;
  /** 县直各校(园): a county-town school (not a member of group 1, though it stands in its 街道). */
  isCountyTown: boolean;
  /** A pilot of the first phase (二(一)4: 县城区中小学、第一、第二、第四幼儿园). */
  isPilot: boolean;
  /** Its type is our reading where the document names the school only. */
  note?: string;
}

const ns = (key: string, name: string, code: string, schoolType: string, o: Partial<NamedSchool> = {}): NamedSchool => ({
  key,
  name,
  code,
  schoolType,
  township: '双河街道',
  isCountyTown: true,
  isPilot: schoolType !== '111',
  ...o,
});

/**
 * The schools the document names (附件2 二(一), 二(三); 二(一)4 for 第二幼儿园). Names in full
 * (赫章县…); types are our reading: 第一/第二/第三中学 as senior high schools, 民族中学 and 实验中学
 * as complete middle schools (they help junior schools and stand in a senior group), 第四/第五中学
 * as junior schools, 思源实验学校 as a nine-year school. 野马川中学 stands in 野马川镇, so it is not
 * a county-town school.
 */
export const NAMED_SCHOOLS: NamedSchool[] = [
  ns('YIZHONG', '赫章县第一中学', '3452999001', '342'),
  ns('MINZU', '赫章县民族中学', '3452999002', '341'),
  ns('YEMACHUAN', '赫章县野马川中学', '3452999003', '342', { township: '野马川镇', isCountyTown: false, isPilot: false }),
  ns('ERZHONG', '赫章县第二中学', '3452999004', '342'),
  ns('SHIYAN_ZHONGXUE', '赫章县实验中学', '3452999005', '341'),
  ns('SANZHONG', '赫章县第三中学', '3452999006', '342'),
  ns('SIZHONG', '赫章县第四中学', '3152999007', '311'),
  ns('WUZHONG', '赫章县第五中学', '3152999008', '311'),
  ns('SIYUAN', '赫章县思源实验学校', '2152999009', '312'),
  ns('YIXIAO', '赫章县第一小学', '2152999010', '211'),
  ns('ERXIAO', '赫章县第二小学', '2152999011', '211'),
  ns('SHIYAN_XIAOXUE', '赫章县实验小学', '2152999012', '211'),
  ns('SANXIAO', '赫章县第三小学', '2152999013', '211'),
  ns('YIYOU', '赫章县第一幼儿园', '1152999014', '111', { isPilot: true }),
  ns('ERYOU', '赫章县第二幼儿园', '1152999015', '111', { isPilot: true }),
  ns('SANYOU', '赫章县第三幼儿园', '1152999016', '111'),
  ns('SIYOU', '赫章县第四幼儿园', '1152999017', '111', { isPilot: true }),
  ns('WUYOU', '赫章县第五幼儿园', '1152999018', '111'),
  ns('LIUYOU', '赫章县第六幼儿园', '1152999019', '111'),
  ns('JIUYOU', '赫章县第九幼儿园', '1152999020', '111'),
  ns('SHIYOU', '赫章县第十幼儿园', '1152999021', '111'),
];
export const namedSchool = (key: string) => NAMED_SCHOOLS.find((s) => s.key === key)!;

export interface EducationGroupDef {
  /** 1–8 for the compulsory groups, 101–102 for the senior ones. */
  number: number;
  name: string;
  kind: GroupKind;
  /** Senior groups: their schools (keys of NAMED_SCHOOLS). */
  schools?: string[];
  /** Compulsory groups: their townships. */
  townships?: string[];
  /** Compulsory groups: the county-town schools that help them (secondary, primary, kindergarten). */
  pairedBy?: string[];
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八'];
const PAIRED: string[][] = [
  ['YIZHONG', 'YIXIAO', 'YIYOU'],
  ['ERZHONG', 'YIXIAO', 'SANYOU'],
  ['SANZHONG', 'ERXIAO', 'SIYOU'],
  ['SIZHONG', 'ERXIAO', 'WUYOU'],
  ['MINZU', 'SHIYAN_XIAOXUE', 'YIYOU'],
  ['SIYUAN', 'SHIYAN_XIAOXUE', 'JIUYOU'],
  ['WUZHONG', 'SANXIAO', 'SHIYOU'],
  ['SHIYAN_ZHONGXUE', 'SANXIAO', 'LIUYOU'],
];

/** The ten groups, exactly as annex 2 二(一)–(三) names them. */
export const EDUCATION_GROUPS: EducationGroupDef[] = [
  { number: 101, name: '高中一教育集团', kind: SENIOR_KIND, schools: ['YIZHONG', 'MINZU', 'YEMACHUAN'] },
  { number: 102, name: '高中第二教育集团', kind: SENIOR_KIND, schools: ['ERZHONG', 'SHIYAN_ZHONGXUE', 'SANZHONG'] },
  ...CN.map((c, i) => ({
    number: i + 1,
    name: `第${c}教育集团`,
    kind: COMPULSORY_KIND as GroupKind,
    townships: TOWNSHIPS.filter((t) => t.group === i + 1).map((t) => t.name),
    pairedBy: PAIRED[i]!,
  })),
];

// ── Roles ──────────────────────────────────────────────────────────────────────────────────

export const ROLE = {
  /** 总校长 of a senior group (同时担任党委书记), 附件2 三(一). */
  PRESIDENT: 'HEZHANG_GROUP_PRESIDENT',
  /** 分校长 of a senior group (3). */
  BRANCH_PRINCIPAL: 'HEZHANG_BRANCH_PRINCIPAL',
  /** 总负责人 of a compulsory group. */
  GROUP_HEAD: 'HEZHANG_GROUP_HEAD',
  /** 片区负责人 of a compulsory group (3–5). */
  AREA_HEAD: 'HEZHANG_AREA_HEAD',
  /** 党委书记 of a group's 党委. */
  PARTY_SECRETARY: 'HEZHANG_PARTY_SECRETARY',
} as const;

export const ROLES: RoleDefinition[] = [
  { id: ROLE.PRESIDENT, title: { zh: '总校长', en: 'president (总校长) of a senior-high education group' }, heldAt: 'GROUP' },
  { id: ROLE.BRANCH_PRINCIPAL, title: { zh: '分校长', en: 'branch principal (分校长) of a senior-high education group' }, heldAt: 'GROUP' },
  { id: ROLE.GROUP_HEAD, title: { zh: '总负责人', en: 'head (总负责人) of a compulsory and preschool education group' }, heldAt: 'GROUP' },
  { id: ROLE.AREA_HEAD, title: { zh: '片区负责人', en: 'area head (片区负责人) of a compulsory and preschool education group' }, heldAt: 'GROUP' },
  { id: ROLE.PARTY_SECRETARY, title: { zh: '集团党委书记', en: 'secretary of the education group’s party committee (党委书记)' }, heldAt: 'GROUP' },
];

// ── Office hours and attendance (二(一)) ────────────────────────────────────────────────────

/** The stage whose office hours a person keeps (二(一)2): 幼儿园, 小学, 中学. */
export const HOURS_STAGES = entries({
  KINDERGARTEN: { zh: '幼儿园', en: 'kindergarten' },
  PRIMARY: { zh: '小学', en: 'primary school' },
  SECONDARY: { zh: '中学', en: 'secondary school (junior and senior; vocational, special and 育新 schools follow it)' },
});
export type HoursStage = keyof typeof HOURS_STAGES;

/**
 * The hours a teacher of a stage keeps (二(一)2): junior and senior are 中学; the county's vocational,
 * special and 育新 schools 参照中学. A person in a nine-year or complete middle school keeps the
 * hours of the stage they teach (their post's stage); without one, the school's first stage.
 */
export function hoursStageOf(stage: Stage | string | null | undefined): HoursStage {
  if (stage === 'KINDERGARTEN') return 'KINDERGARTEN';
  if (stage === 'PRIMARY') return 'PRIMARY';
  return 'SECONDARY';
}

/** 二(一)3: 事假、病假、婚假、产假、培训学习及因公出差等 — six kinds, and OTHER for the 等. */
export const ABSENCE_KINDS = entries({
  PERSONAL: { zh: '事假', en: 'personal leave' },
  SICK: { zh: '病假', en: 'sick leave' },
  MARRIAGE: { zh: '婚假', en: 'marriage leave' },
  MATERNITY: { zh: '产假', en: 'maternity leave' },
  TRAINING: { zh: '培训学习', en: 'training and study' },
  OFFICIAL_TRAVEL: { zh: '因公出差', en: 'official travel' },
  OTHER: { zh: '其他（须说明）', en: 'another kind (the text’s 等), described' },
});
export type AbsenceKind = keyof typeof ABSENCE_KINDS;
export const ABSENCE_KIND_KEYS = Object.keys(ABSENCE_KINDS) as AbsenceKind[];
/** The kinds by their Chinese name, as the daily sign-in export writes them. */
export const ABSENCE_KIND_BY_ZH: Record<string, AbsenceKind> = Object.fromEntries(
  ABSENCE_KIND_KEYS.flatMap((k) => [[ABSENCE_KINDS[k].zh, k], [k, k]]).concat([['其他', 'OTHER'], ['培训', 'TRAINING'], ['出差', 'OFFICIAL_TRAVEL']]),
) as Record<string, AbsenceKind>;

/**
 * 推门听课讲评 ratings (二(二)3). The rating's word is lost in the source ("被评为的"): OUR READING is
 * a four-grade scale whose lowest grade, 不合格, is the one that deducts performance points.
 */
export const VISIT_RATINGS = entries({
  EXCELLENT: { zh: '优秀', en: 'excellent' },
  GOOD: { zh: '良好', en: 'good' },
  PASS: { zh: '合格', en: 'satisfactory' },
  FAIL: { zh: '不合格（我们的解读：扣绩效分）', en: 'unsatisfactory (our reading of the lost word: deducts performance points)' },
});
export type VisitRating = keyof typeof VISIT_RATINGS;

/** 二(二)2: 运动技能 and 艺术技能. */
export const SKILL_KINDS = entries({
  SPORTS: { zh: '运动技能', en: 'sports skill' },
  ARTS: { zh: '艺术技能', en: 'arts skill' },
});
export type SkillKind = keyof typeof SKILL_KINDS;

// ── Staff (附件2 三(三)) ─────────────────────────────────────────────────────────────────────

/** 优化组合 rounds: 第一轮 in the school of the 编制, 第二轮 in the township and the group, then the group places the rest. */
export const RECOMBINATION_ROUNDS = entries({
  SCHOOL: { zh: '第一轮：编制所在学校内', en: 'round 1: inside the school of the 编制' },
  TOWNSHIP_GROUP: { zh: '第二轮：乡（镇、街道）内和集团范围', en: 'round 2: inside the township and the group' },
  GROUP_PLACEMENT: { zh: '落聘人员由集团统一调整使用', en: 'unplaced staff, placed by the group' },
});
export type RecombinationRound = keyof typeof RECOMBINATION_ROUNDS;

/** The post a placement fills (由学校核定工作岗位，聘任班主任，由班主任聘任学科教师). */
export const PLACEMENT_POSTS = entries({
  HEAD_TEACHER: { zh: '班主任', en: 'head teacher of a class (班主任), hired by the school' },
  SUBJECT_TEACHER: { zh: '学科教师', en: 'subject teacher, hired by a 班主任' },
  OTHER: { zh: '其他岗位', en: 'another post the school set' },
});
export type PlacementPost = keyof typeof PLACEMENT_POSTS;

/** 年度综合考核 award tiers (三(四)): 一等奖 30%, 二等奖 40%, 三等奖 30%. */
export const AWARD_TIERS = entries({
  FIRST: { zh: '一等奖', en: 'first prize' },
  SECOND: { zh: '二等奖', en: 'second prize' },
  THIRD: { zh: '三等奖', en: 'third prize' },
});
export type AwardTier = keyof typeof AWARD_TIERS;

/** What a quota is for (附件2 三(五): 评职晋级、评先选优、绩效考核、年度考核优秀等名额). */
export const QUOTA_KINDS = entries({
  TITLE: { zh: '评职晋级', en: 'promotion in title' },
  HONOUR: { zh: '评先选优', en: 'honours and awards' },
  PERFORMANCE: { zh: '绩效考核', en: 'performance appraisal' },
  ANNUAL_EXCELLENT: { zh: '年度考核优秀', en: '“excellent” in the annual appraisal' },
});
export type QuotaKind = keyof typeof QUOTA_KINDS;
