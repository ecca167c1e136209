/**
 * What the balance calculation needs to know about a school for one school year, and how a
 * school's facts are attributed to a stage. Pure: no database.
 */
import { SCHOOL_TYPES } from '../codes.js';
import { BALANCE_STAGES, TEACHING_POINT_MIN_STUDENTS, type BalanceStage } from './indicators.js';
import { isAboveRequiredQualification, isCountyBackbone, isPeOrArtsTeacher } from './staff.js';

/** A full-time teacher (专任教师) on record at the school on the census date. */
export interface StaffFact {
  /** The stage of the teacher's post (posts.stage); null when not recorded. */
  stage: string | null;
  qualification: string;
  backboneLevel: string;
  subjects: readonly string[];
}

/** The statistics base-table figures of a school for one year (school_year_stats). */
export interface StatsFact {
  enrollmentKindergarten: number;
  enrollmentPrimary: number;
  enrollmentJunior: number;
  enrollmentSenior: number;
  teachingAuxAreaM2: number;
  sportsGroundAreaM2: number;
  /** 教学仪器设备值 in fen. */
  equipmentValueFen: number;
  multimediaClassrooms: number;
}

export interface SchoolFacts {
  code: string;
  name: string;
  schoolType: string;
  /** The stages the school is registered for (schools.stages). */
  stages: readonly string[];
  countyCode: string;
  /** null: the school has no statistics for the year. */
  stats: StatsFact | null;
  /** The school's full-time teachers on the census date, counted per post stage (see `tallyTeachers`). */
  teachers: readonly TeacherTally[];
}

/**
 * The teachers of one school on the census date whose posts have one stage (or none), counted for
 * the indicators L1–L3: what the balance maths needs of them, and no more. The database counts
 * them in SQL (balance/repo.ts), so a province's half a million teachers never reach JavaScript;
 * `tallyTeachers` is the same count over a list, for tests and for callers holding teachers.
 */
export interface TeacherTally {
  /** The posts' stage (posts.stage); null when not recorded. */
  stage: string | null;
  all: number;
  /** Teachers above the qualification required for each stage (高于规定学历, staff.ts). */
  aboveRequiredQualification: Record<BalanceStage, number>;
  countyBackbone: number;
  peAndArts: number;
}

/** Counts a list of teachers per post stage, as the SQL in balance/repo.ts does. */
export function tallyTeachers(staff: readonly StaffFact[]): TeacherTally[] {
  const by = new Map<string | null, TeacherTally>();
  for (const t of staff) {
    let tally = by.get(t.stage);
    if (!tally) by.set(t.stage, (tally = { stage: t.stage, all: 0, aboveRequiredQualification: { PRIMARY: 0, JUNIOR: 0 }, countyBackbone: 0, peAndArts: 0 }));
    tally.all += 1;
    for (const stage of BALANCE_STAGES) if (isAboveRequiredQualification(t.qualification, stage)) tally.aboveRequiredQualification[stage] += 1;
    if (isCountyBackbone(t.backboneLevel)) tally.countyBackbone += 1;
    if (isPeOrArtsTeacher(t.subjects)) tally.peAndArts += 1;
  }
  return [...by.values()];
}

export type ExclusionReason = 'SPECIAL_EDUCATION' | 'VOCATIONAL' | 'SMALL_TEACHING_POINT' | 'NO_STATISTICS' | 'NO_STUDENTS';

const ENROLLMENT_OF: Record<string, keyof StatsFact> = {
  KINDERGARTEN: 'enrollmentKindergarten',
  PRIMARY: 'enrollmentPrimary',
  JUNIOR: 'enrollmentJunior',
  SENIOR: 'enrollmentSenior',
};

export function enrollmentOf(stats: StatsFact, stage: string): number {
  const key = ENROLLMENT_OF[stage];
  return key ? (stats[key] as number) : 0;
}

/**
 * The share of a school's building, ground, equipment and classrooms that serves one stage.
 *
 * The statistics report these once per school, so a nine-year (312), twelve-year (345) or complete
 * middle school (341) must be split. We split pro rata by enrollment over the stages the school is
 * registered for: a stage with 60% of the pupils gets 60% of the area. The official guidance gives
 * no split rule; pro rata by pupils keeps the per-student values of the stages equal to the school's
 * own per-student value, so a split never makes one stage look better than the school is. A pupil in
 * a stage the school is not registered for (e.g. a 附设幼儿班 in a primary school) does not dilute it.
 */
export function stageShare(school: Pick<SchoolFacts, 'stages' | 'stats'>, stage: string): number {
  if (!school.stats) return 0;
  const own = enrollmentOf(school.stats, stage);
  const total = school.stages.reduce((s, st) => s + enrollmentOf(school.stats!, st), 0);
  return total > 0 ? own / total : 0;
}

/**
 * How much a teacher counts towards a stage. A post with a recorded stage counts wholly there
 * (posts.stage: "for a teacher in a multi-stage school, the stage taught"). A post without a
 * stage counts wholly in a single-stage school and, in a multi-stage school, is split by the same
 * enrollment share as the floor areas: we do not guess which stage an unrecorded teacher teaches.
 */
export function staffWeight(school: Pick<SchoolFacts, 'stages' | 'stats'>, staff: Pick<StaffFact, 'stage'>, stage: string): number {
  if (staff.stage) return staff.stage === stage ? 1 : 0;
  if (school.stages.length === 1) return school.stages[0] === stage ? 1 : 0;
  return stageShare(school, stage);
}

export function isSpecialEducation(schoolType: string): boolean {
  return SCHOOL_TYPES[schoolType]?.stages.includes('SPECIAL') ?? false;
}

export function isVocational(schoolType: string): boolean {
  return SCHOOL_TYPES[schoolType]?.stages.includes('VOCATIONAL') ?? false;
}

/** 218 小学教学点. */
export function isTeachingPoint(schoolType: string): boolean {
  return schoolType === '218';
}

/**
 * Whether a school is assessed for a stage, and if not, why (第六条: "不含特殊教育学校、职业学校
 * 及不足50人的教学点" as the provincial rules repeat it). `undefined`: the stage is not the
 * school's at all (a junior school has no primary figures), so it is neither assessed nor excluded.
 */
export function exclusionOf(school: SchoolFacts, stage: BalanceStage): ExclusionReason | null | undefined {
  if (isSpecialEducation(school.schoolType)) return 'SPECIAL_EDUCATION';
  if (isVocational(school.schoolType)) return 'VOCATIONAL';
  if (!school.stages.includes(stage)) return undefined;
  if (!school.stats) return 'NO_STATISTICS';
  const students = enrollmentOf(school.stats, stage);
  // A teaching point is judged by all its pupils (it has only primary grades).
  if (isTeachingPoint(school.schoolType) && students < TEACHING_POINT_MIN_STUDENTS) return 'SMALL_TEACHING_POINT';
  if (students <= 0) return 'NO_STUDENTS';
  return null;
}
