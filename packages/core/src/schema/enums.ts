import type { GongzhiBuilder } from '../builder.js';
import { BACKBONE_LEVELS, QUALIFICATIONS, TITLES } from '../repos/people.js';
import { EXCHANGE_KINDS } from '../repos/exchanges.js';

type Described = Record<string, { description: string }>;

const describe = <K extends string>(keys: readonly K[], text: Record<K, string>) =>
  Object.fromEntries(keys.map((k) => [k, { description: text[k] }])) as Record<K, { description: string }>;

export function addEnums(builder: GongzhiBuilder) {
  const LocalityLevel = builder.enumType('LocalityLevel', {
    description: 'Level of an administrative division.',
    values: {
      PROVINCE: { description: '省级 — province, autonomous region or municipality.' },
      CITY: { description: '地级 — prefecture-level city.' },
      COUNTY: { description: '县级 — county, county-level city or city district.' },
      TOWNSHIP: { description: '乡级 — township, town (镇) or sub-district (街道).' },
    } satisfies Described,
  });
  const Stage = builder.enumType('Stage', {
    description: '学段 — stage of schooling.',
    values: {
      KINDERGARTEN: { description: '学前 — kindergarten.' },
      PRIMARY: { description: '小学 — primary.' },
      JUNIOR: { description: '初中 — junior secondary.' },
      SENIOR: { description: '高中 — senior secondary.' },
      VOCATIONAL: { description: '中职 — secondary vocational.' },
      SPECIAL: { description: '特殊教育 — special education.' },
    } satisfies Described,
  });
  const SchoolArea = builder.enumType('SchoolArea', {
    description: '城乡分类 — where a school stands, as the national statistics classify it.',
    values: {
      URBAN: { description: '城区 — urban area.' },
      TOWN: { description: '镇区 — town area.' },
      RURAL: { description: '乡村 — rural area.' },
    } satisfies Described,
  });
  const Gender = builder.enumType('Gender', {
    description: '性别 — gender of a member of staff.',
    values: { MALE: { description: '男 — male.' }, FEMALE: { description: '女 — female.' } },
  });
  const Qualification = builder.enumType('Qualification', {
    description: '学历 — highest qualification.',
    values: describe(QUALIFICATIONS, {
      BELOW_SENIOR_SECONDARY: '高中以下 — below senior secondary.',
      SENIOR_SECONDARY: '高中或中专 — senior secondary or secondary vocational.',
      ASSOCIATE: '专科 — associate degree (大专).',
      BACHELOR: '本科 — bachelor.',
      MASTER: '硕士研究生 — master.',
      DOCTORATE: '博士研究生 — doctorate.',
    }),
  });
  const ProfessionalTitle = builder.enumType('ProfessionalTitle', {
    description: '职称 — professional title of a primary or secondary teacher.',
    values: describe(TITLES, {
      NONE: '未定级 — no title yet.',
      THIRD_GRADE: '三级教师 — third grade.',
      SECOND_GRADE: '二级教师 — second grade.',
      FIRST_GRADE: '一级教师 — first grade.',
      SENIOR: '高级教师 — senior.',
      PROFESSOR_SENIOR: '正高级教师 — professor-level senior.',
    }),
  });
  const BackboneLevel = builder.enumType('BackboneLevel', {
    description: '骨干教师 — the highest level at which a teacher is recognised as a backbone teacher (or famous teacher, 学科带头人).',
    values: describe(BACKBONE_LEVELS, {
      NONE: '非骨干 — not a backbone teacher.',
      SCHOOL: '校级骨干 — school level.',
      COUNTY: '县级骨干 — county level.',
      CITY: '市级骨干 — city level.',
      PROVINCE: '省级骨干 — province level.',
      NATIONAL: '国家级 — national level.',
    }),
  });
  const ExchangeKind = builder.enumType('ExchangeKind', {
    description: 'Kind of staff movement between schools.',
    values: Object.fromEntries(Object.entries(EXCHANGE_KINDS).map(([k, v]) => [k, { description: `${v.zh} — ${v.en}.` }])) as Record<keyof typeof EXCHANGE_KINDS, { description: string }>,
  });
  const FindingStatus = builder.enumType('FindingStatus', {
    description: 'The verdict of a rule on one subject.',
    values: {
      PASS: { description: '符合 — the rule is kept.' },
      FAIL: { description: '不符合 — the rule is broken.' },
      WARN: { description: '提示 — kept, but close to the limit or not fully checkable.' },
      NOT_APPLICABLE: { description: '不适用 — nothing the rule can judge.' },
    },
  });
  const RuleEnforcement = builder.enumType('RuleEnforcement', {
    description: 'How a rule acts.',
    values: {
      WRITE: { description: 'Checked in every mutation it applies to: a write that breaks it is refused and nothing is written.' },
      REPORT: { description: 'Evaluated for a school year by the compliance report.' },
    },
  });
  return { LocalityLevel, Stage, SchoolArea, Gender, Qualification, ProfessionalTitle, BackboneLevel, ExchangeKind, FindingStatus, RuleEnforcement };
}
