/**
 * One school's seven indicator values for one stage, and its verdict under 教督〔2017〕6号 第六条:
 * "每所学校至少6项指标达到上述要求，余项不能低于要求的85%". Pure.
 */
import { enrollmentOf, stageShare, staffWeight, type SchoolFacts } from './facts.js';
import { INDICATOR_IDS, INDICATORS, MIN_INDICATORS_MET, MIN_RATIO_OF_REST, type BalanceStage, type IndicatorId } from './indicators.js';

/** Float sums of split teachers and areas may land a hair below a threshold they meet exactly. */
const EPSILON = 1e-9;

export interface IndicatorAssessment {
  id: IndicatorId;
  value: number;
  threshold: number;
  /** value − threshold: negative is the shortfall. */
  distance: number;
  /** value / threshold. */
  ratio: number;
  isMet: boolean;
}

export interface SchoolStageResult {
  code: string;
  name: string;
  schoolType: string;
  countyCode: string;
  stage: BalanceStage;
  /** Pupils of the stage (the weight Pᵢ of the CV). */
  students: number;
  /** The stage's share of the school's areas, equipment and classrooms (1 for a single-stage school). */
  share: number;
  /** Teachers counted for L1–L3 (fractional where an unstaged teacher of a multi-stage school is split). */
  teachers: { aboveRequiredQualification: number; countyBackbone: number; peAndArts: number; all: number };
  values: Record<IndicatorId, number>;
  indicators: IndicatorAssessment[];
  metCount: number;
  /** The lowest value/threshold among the indicators not met (1 when all are met). */
  lowestRatio: number;
  passes: boolean;
}

/** The seven values of a school for a stage. The school must be assessable (see `exclusionOf`). */
export function indicatorValues(school: SchoolFacts, stage: BalanceStage) {
  const stats = school.stats!;
  const students = enrollmentOf(stats, stage);
  const share = stageShare(school, stage);
  const teachers = { aboveRequiredQualification: 0, countyBackbone: 0, peAndArts: 0, all: 0 };
  for (const t of school.teachers) {
    const w = staffWeight(school, t, stage);
    if (w === 0) continue;
    teachers.all += w * t.all;
    teachers.aboveRequiredQualification += w * t.aboveRequiredQualification[stage];
    teachers.countyBackbone += w * t.countyBackbone;
    teachers.peAndArts += w * t.peAndArts;
  }
  const per100 = (n: number) => (students > 0 ? (100 * n) / students : 0);
  const perStudent = (n: number) => (students > 0 ? (n * share) / students : 0);
  const values: Record<IndicatorId, number> = {
    L1: per100(teachers.aboveRequiredQualification),
    L2: per100(teachers.countyBackbone),
    L3: per100(teachers.peAndArts),
    L4: perStudent(stats.teachingAuxAreaM2),
    L5: perStudent(stats.sportsGroundAreaM2),
    L6: perStudent(stats.equipmentValueFen / 100), // the standard's threshold is in yuan per pupil
    L7: 100 * perStudent(stats.multimediaClassrooms),
  };
  return { students, share, teachers, values };
}

/** The verdict on seven values: at least 6 met, and any unmet one at 85% of its threshold or more. */
export function assessValues(values: Record<IndicatorId, number>, stage: BalanceStage) {
  const indicators: IndicatorAssessment[] = INDICATOR_IDS.map((id) => {
    const threshold = INDICATORS[id].threshold[stage];
    const value = values[id];
    return { id, value, threshold, distance: value - threshold, ratio: value / threshold, isMet: value >= threshold - EPSILON };
  });
  const metCount = indicators.filter((i) => i.isMet).length;
  const lowestRatio = Math.min(1, ...indicators.filter((i) => !i.isMet).map((i) => i.ratio));
  const passes = metCount >= MIN_INDICATORS_MET && lowestRatio >= MIN_RATIO_OF_REST - EPSILON;
  return { indicators, metCount, lowestRatio, passes };
}

export function assessSchool(school: SchoolFacts, stage: BalanceStage): SchoolStageResult {
  const { students, share, teachers, values } = indicatorValues(school, stage);
  return {
    code: school.code,
    name: school.name,
    schoolType: school.schoolType,
    countyCode: school.countyCode,
    stage,
    students,
    share,
    teachers,
    values,
    ...assessValues(values, stage),
  };
}
