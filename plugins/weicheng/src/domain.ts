/**
 * The words of the Weicheng report, as data: its document, its group kind, its roles and the closed
 * lists it names (the four major matters, the six plan elements, the experimental categories …).
 * Source: 潍坊市潍城区教体局《推进“一校长多学校”学区制改革，推动实现教育共享共治》, case ④ of
 * 潍坊市2020年度教育改革创新十大案例 (seeds/001_f009c29586b31c7b.txt, a traditional-script repost).
 */
import type { RoleDefinition } from '@gongzhi/core';

export const PLUGIN_ID = 'weicheng';
/**
 * The citation of every rule. The report has no number (文号) and no date of its own: the
 * catalogue's "dated 2020-12-25" is the repost's date in 潇湘晨报, not the report's (the ten cases
 * were announced on 2020-12-17, per the repost's own related items). So the plugin gives no
 * `issued` date (test: seed-and-docs).
 */
export const DOC = '潍城区推进“一校长多学校”学区制改革案例（2020）';
export const ISSUER = '潍坊市潍城区教育和体育局';
export const XUEQU_KIND = 'weicheng.xuequ';
export const XUEQU_TYPE = 'WeichengXuequ';

export const ROLE = {
  /** 总校长 — one principal over the 学区's schools (二(一) 由总校长管理多个学校). */
  ZONGXIAOZHANG: 'WEICHENG_ZONGXIAOZHANG',
} as const;

export const ROLES: RoleDefinition[] = [
  {
    id: ROLE.ZONGXIAOZHANG,
    title: { zh: '总校长', en: 'general principal (总校长) of a 学区' },
    // Held at the 学区 (its leadership); a post of the role at a school says who that school's
    // 总校长 is, and weicheng.one-principal requires it to be the 学区's.
    heldAt: 'EITHER',
  },
];

type Titled = { zh: string; en: string };
const entries = <K extends string>(o: Record<K, Titled>) => o;

/** 党组织形式 — 一(二)3 设置学区党委或党总支. */
export const PARTY_ORGANISATION_KINDS = entries({
  PARTY_COMMITTEE: { zh: '学区党委', en: 'party committee of the 学区' },
  GENERAL_BRANCH: { zh: '学区党总支', en: 'general party branch of the 学区' },
});
export type PartyOrganisationKind = keyof typeof PARTY_ORGANISATION_KINDS;

/**
 * 一(二)3: 学区内重大事项决策、重要干部任免、重大项目投资决策、大额资金使用等，党组织必须全程参与.
 * The catalogue labels the four 三重一大; the report does not use that word.
 */
export const MAJOR_MATTER_KINDS = entries({
  MAJOR_DECISION: { zh: '重大事项决策', en: 'a decision on a major matter' },
  KEY_APPOINTMENT: { zh: '重要干部任免', en: 'the appointment or removal of a key cadre' },
  MAJOR_INVESTMENT: { zh: '重大项目投资决策', en: 'an investment decision on a major project' },
  LARGE_SPENDING: { zh: '大额资金使用', en: 'the use of a large sum of money' },
});
export type MajorMatterKind = keyof typeof MAJOR_MATTER_KINDS;

/**
 * 全程参与 — the stages of a decision the party organisation takes part in. Our reading of
 * "throughout": it studies the matter before the decision (酝酿研究) and takes part in deciding it
 * (集体决策); its part in carrying it out (执行监督) comes later and may be recorded with the decision.
 */
export const PARTICIPATION_STAGES = entries({
  DELIBERATION: { zh: '酝酿研究', en: 'studying the matter before the decision (on or before the decision day)' },
  DECISION: { zh: '集体决策', en: 'taking part in the decision itself (on the decision day)' },
  IMPLEMENTATION: { zh: '执行监督', en: 'overseeing its implementation (on or after the decision day)' },
});
export type ParticipationStage = keyof typeof PARTICIPATION_STAGES;
/** The stages weicheng.major-decision-participation requires by the decision day. */
export const REQUIRED_STAGES: ParticipationStage[] = ['DELIBERATION', 'DECISION'];

/**
 * 一(二)1(3) and 二(三): the development plan covers 教育资源、课程建设、教学研究、文化建设、教师资源、
 * 招生培养. (一(二)1(2) divides the 学区 by seven elements: these six and 党建引领, which the plan
 * clause leaves out — party building has its own organisation and brand here.)
 */
export const PLAN_ELEMENTS = entries({
  EDUCATION_RESOURCES: { zh: '教育资源', en: 'education resources' },
  CURRICULUM: { zh: '课程建设', en: 'curriculum building' },
  TEACHING_RESEARCH: { zh: '教学研究', en: 'teaching research' },
  CULTURE: { zh: '文化建设', en: 'culture building' },
  TEACHERS: { zh: '教师资源', en: 'teacher resources' },
  ADMISSIONS: { zh: '招生培养', en: 'admissions and education of pupils' },
});
export type PlanElement = keyof typeof PLAN_ELEMENTS;
export const PLAN_ELEMENT_KEYS = Object.keys(PLAN_ELEMENTS) as PlanElement[];

/**
 * 一(二)2: "八大学区牵头开展新为教育、新样态学校、未来教育、创新教育、教学评一体、优质高效个性化教学法、
 * 深度学习「八大类」实验项目". The report says eight categories but names seven; the eighth is not
 * named, so it is OTHER here (test: experimental-projects).
 */
export const PROJECT_CATEGORIES = entries({
  NEW_WEI_EDUCATION: { zh: '新为教育', en: '“new Wei” education' },
  NEW_FORM_SCHOOL: { zh: '新样态学校', en: 'new-form school' },
  FUTURE_EDUCATION: { zh: '未来教育', en: 'future education' },
  INNOVATION_EDUCATION: { zh: '创新教育', en: 'innovation education' },
  TEACHING_LEARNING_ASSESSMENT: { zh: '教学评一体', en: 'teaching, learning and assessment as one' },
  PERSONALISED_TEACHING: { zh: '优质高效个性化教学法', en: 'high-quality, efficient, personalised teaching method' },
  DEEP_LEARNING: { zh: '深度学习', en: 'deep learning' },
  OTHER: { zh: '其他（第八类，报告未列名）', en: 'another category (the eighth, which the report does not name)' },
});
export type ProjectCategory = keyof typeof PROJECT_CATEGORIES;

/** 二(一): 名校带分校、强校带弱校、大校带小校 — how the lead brings on the others ("1+N"). */
export const PAIRINGS = entries({
  FAMOUS_WITH_BRANCH: { zh: '名校带分校', en: 'a famous school with its branch schools' },
  STRONG_WITH_WEAK: { zh: '强校带弱校', en: 'a strong school with weaker schools' },
  BIG_WITH_SMALL: { zh: '大校带小校', en: 'a big school with smaller schools' },
});
export type Pairing = keyof typeof PAIRINGS;

/** 一(二)4(3): how the district recruits the teachers it places (事业单位招考、聘任制管理、名优教师引进). */
export const HIRING_ROUTES = entries({
  PUBLIC_INSTITUTION_EXAM: { zh: '事业单位招考', en: 'the public-institution recruitment examination' },
  CONTRACT_APPOINTMENT: { zh: '聘任制管理', en: 'contract appointment' },
  TALENT_INTRODUCTION: { zh: '名优教师引进', en: 'introduction of famous and excellent teachers' },
});
export type HiringRoute = keyof typeof HIRING_ROUTES;

/** The kinds of alias a 学区 name has. */
export const ALIAS_KINDS = entries({
  SOURCE_SPELLING: { zh: '来源原文写法（繁体）', en: 'the spelling of the source text (traditional script)' },
  SHORT_NAME: { zh: '简称', en: 'a short name the report also uses' },
  OTHER: { zh: '其他名称', en: 'another name' },
});
export type AliasKind = keyof typeof ALIAS_KINDS;

export const keysOf = <K extends string>(o: Record<K, Titled>) => Object.keys(o) as [K, ...K[]];
