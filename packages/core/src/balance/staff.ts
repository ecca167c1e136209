/**
 * Which teachers count for indicators L1–L3 (教督〔2017〕6号 第六条（一）–（三）). Pure.
 */
import { BACKBONE_LEVELS, QUALIFICATIONS } from '../repos/people.js';
import type { BalanceStage } from './indicators.js';

type Qualification = (typeof QUALIFICATIONS)[number];

/**
 * "高于规定学历" — above the qualification the law requires. The required qualification
 * (规定学历) is set by the Teachers Law (《教师法》第十一条): a primary teacher needs 中等师范
 * (secondary normal school, our SENIOR_SECONDARY), a junior teacher needs 专科 (ASSOCIATE).
 * "Above" it is therefore 专科 and up for primary and 本科 and up for junior — the reading the
 * provincial implementing rules give. A teacher with exactly the required qualification does not count.
 */
export const MIN_QUALIFICATION_ABOVE_REQUIRED: Record<BalanceStage, Qualification> = {
  PRIMARY: 'ASSOCIATE',
  JUNIOR: 'BACHELOR',
};

export function isAboveRequiredQualification(qualification: string, stage: BalanceStage): boolean {
  const rank = QUALIFICATIONS.indexOf(qualification as Qualification);
  return rank >= 0 && rank >= QUALIFICATIONS.indexOf(MIN_QUALIFICATION_ABOVE_REQUIRED[stage]);
}

/** L2: "县级以上骨干教师" — county level or higher (以上 includes the county level). */
export function isCountyBackbone(level: string): boolean {
  const rank = BACKBONE_LEVELS.indexOf(level as (typeof BACKBONE_LEVELS)[number]);
  return rank >= BACKBONE_LEVELS.indexOf('COUNTY');
}

/**
 * L3: "体育、艺术（美术、音乐）专任教师". Subjects are recorded as the curriculum names them; the
 * PE subject is 体育 in primary and 体育与健康 in junior, and some schools record arts as 艺术.
 */
export const PE_AND_ARTS_SUBJECTS: readonly string[] = ['体育', '体育与健康', '音乐', '美术', '艺术'];

export function isPeOrArtsTeacher(subjects: readonly string[]): boolean {
  return subjects.some((s) => PE_AND_ARTS_SUBJECTS.includes(s.trim()));
}
