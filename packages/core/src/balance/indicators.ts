/**
 * The seven resource indicators of the national standard for 县域义务教育优质均衡
 * (《县域义务教育优质均衡发展督导评估办法》, 教督〔2017〕6号, 第二章 第六条 资源配置评估),
 * with their thresholds for primary and junior schools. Pure data: no database, no GraphQL.
 */
import type { Bilingual } from '../errors.js';

export type BalanceStage = 'PRIMARY' | 'JUNIOR';
export const BALANCE_STAGES: readonly BalanceStage[] = ['PRIMARY', 'JUNIOR'];

export type IndicatorId = 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6' | 'L7';
export const INDICATOR_IDS: readonly IndicatorId[] = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'];

export interface IndicatorDefinition {
  id: IndicatorId;
  /** The item of 第六条 it reproduces: （一）…（七）. */
  item: string;
  title: Bilingual;
  unit: Bilingual;
  /** 达到…以上: "以上" includes the figure itself, so a value equal to the threshold meets it. */
  threshold: Record<BalanceStage, number>;
}

export const BALANCE_DOC = '教督〔2017〕6号';

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  L1: {
    id: 'L1',
    item: '（一）',
    title: { zh: '每百名学生拥有高于规定学历教师数', en: 'teachers above the required qualification per 100 students' },
    unit: { zh: '人/百名学生', en: 'teachers per 100 students' },
    threshold: { PRIMARY: 4.2, JUNIOR: 5.3 },
  },
  L2: {
    id: 'L2',
    item: '（二）',
    title: { zh: '每百名学生拥有县级以上骨干教师数', en: 'county-level-or-higher backbone teachers per 100 students' },
    unit: { zh: '人/百名学生', en: 'teachers per 100 students' },
    threshold: { PRIMARY: 1.0, JUNIOR: 1.0 },
  },
  L3: {
    id: 'L3',
    item: '（三）',
    title: { zh: '每百名学生拥有体育、艺术（美术、音乐）专任教师数', en: 'PE and arts (music, fine arts) teachers per 100 students' },
    unit: { zh: '人/百名学生', en: 'teachers per 100 students' },
    threshold: { PRIMARY: 0.9, JUNIOR: 0.9 },
  },
  L4: {
    id: 'L4',
    item: '（四）',
    title: { zh: '生均教学及辅助用房面积', en: 'teaching and auxiliary floor area per student' },
    unit: { zh: '平方米/生', en: 'm² per student' },
    threshold: { PRIMARY: 4.5, JUNIOR: 5.8 },
  },
  L5: {
    id: 'L5',
    item: '（五）',
    title: { zh: '生均体育运动场馆面积', en: 'sports ground area per student' },
    unit: { zh: '平方米/生', en: 'm² per student' },
    threshold: { PRIMARY: 7.5, JUNIOR: 10.2 },
  },
  L6: {
    id: 'L6',
    item: '（六）',
    title: { zh: '生均教学仪器设备值', en: 'teaching equipment value per student' },
    unit: { zh: '元/生', en: 'yuan per student' },
    threshold: { PRIMARY: 2000, JUNIOR: 2500 },
  },
  L7: {
    id: 'L7',
    item: '（七）',
    title: { zh: '每百名学生拥有网络多媒体教室数', en: 'networked multimedia classrooms per 100 students' },
    unit: { zh: '间/百名学生', en: 'classrooms per 100 students' },
    threshold: { PRIMARY: 2.3, JUNIOR: 2.4 },
  },
};

/**
 * 第六条: "每所学校至少6项指标达到上述要求，余项不能低于要求的85%；所有指标校际差异系数，小学均小于或等于
 * 0.50，初中均小于或等于0.45。"
 */
export const MIN_INDICATORS_MET = 6;
export const MIN_RATIO_OF_REST = 0.85;
export const CV_LIMIT: Record<BalanceStage, number> = { PRIMARY: 0.5, JUNIOR: 0.45 };

/**
 * 第七条（十一）: "全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；其中，骨干教师不低于交流轮岗教师
 * 总数的20%。" The eleventh of 第七条's fifteen 政府保障程度 indicators: after （九） 5年360学时培训 and
 * （十） 统筹调配编制和岗位, before （十二） 教师资格证上岗率. (Earlier code said （十）; recounted.)
 */
export const MIN_EXCHANGE_RATE = 0.1;
export const MIN_BACKBONE_SHARE_OF_EXCHANGED = 0.2;

/** Teaching points (教学点) with fewer pupils than this are left out of the assessment (第六条, 评估对象). */
export const TEACHING_POINT_MIN_STUDENTS = 50;

/** Citations of the three core rules. */
export const BALANCE_CITES = {
  schoolIndicators: { doc: BALANCE_DOC, clause: '第六条' },
  cv: { doc: BALANCE_DOC, clause: '第六条' },
  exchangeRate: { doc: BALANCE_DOC, clause: '第七条（十一）' },
} as const;
