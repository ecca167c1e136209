/**
 * The balance of a set of schools (a county, or a school group as a diagnostic) for one stage:
 * every school's verdict, and per indicator the weighted CV and the schools that pull it up. Pure.
 */
import { weightedCv, type CvContribution } from './cv.js';
import { exclusionOf, type ExclusionReason, type SchoolFacts } from './facts.js';
import { CV_LIMIT, INDICATOR_IDS, INDICATORS, type BalanceStage, type IndicatorId } from './indicators.js';
import { assessSchool, type SchoolStageResult } from './school.js';

export interface BalanceExclusion {
  code: string;
  name: string;
  schoolType: string;
  countyCode: string;
  reason: ExclusionReason;
  /** Pupils of the stage, when known. */
  students: number | null;
}

export interface IndicatorBalance {
  id: IndicatorId;
  threshold: number;
  cvLimit: number;
  /** X̄: Σ(PᵢXᵢ)/ΣPᵢ — the value of all assessed schools taken together. */
  overallValue: number;
  standardDeviation: number;
  cv: number | null;
  /** cv ≤ limit; null when the CV is undefined (X̄ = 0). */
  isCvWithinLimit: boolean | null;
  schoolsMeeting: number;
  /** Largest contribution to the variance first; keys are school codes. */
  contributions: CvContribution<string>[];
}

export interface BalanceResult {
  stage: BalanceStage;
  schools: SchoolStageResult[];
  excluded: BalanceExclusion[];
  indicators: IndicatorBalance[];
  studentCount: number;
  passingSchools: number;
  failingSchools: number;
  /** Every assessed school passes and every CV is within its limit (false when nothing is assessed). */
  isBalanced: boolean;
}

/** Assess every school of the list for a stage; schools that do not teach the stage are skipped. */
export function assessBalance(facts: readonly SchoolFacts[], stage: BalanceStage): BalanceResult {
  const steps = assessSteps(facts, stage);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same assessment, letting other requests run between chunks of it (a province's 14,000
 * schools took half a second of the event loop in one go): every SCHOOLS_PER_CHUNK schools and
 * after each indicator's CV.
 */
export function assessBalanceYielding(facts: readonly SchoolFacts[], stage: BalanceStage): Promise<BalanceResult> {
  return runYielding(assessSteps(facts, stage));
}

/** Let other requests' work run (setImmediate: after their I/O). */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Run a generator's steps to its end, letting the event loop run at each `yield`. */
async function runYielding<T>(steps: Generator<void, T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await yieldToLoop();
    step = steps.next();
  }
  return step.value;
}

const SCHOOLS_PER_CHUNK = 500;

/** assessBalance's work, in chunks: each `yield` is a point where the caller may let others run. */
function* assessSteps(facts: readonly SchoolFacts[], stage: BalanceStage): Generator<void, BalanceResult> {
  const schools: SchoolStageResult[] = [];
  const excluded: BalanceExclusion[] = [];
  let done = 0;
  for (const f of facts) {
    if (++done % SCHOOLS_PER_CHUNK === 0) yield;
    const reason = exclusionOf(f, stage);
    if (reason === undefined) continue;
    if (reason === null) schools.push(assessSchool(f, stage));
    else {
      const students = f.stats && f.stages.includes(stage) ? (stage === 'PRIMARY' ? f.stats.enrollmentPrimary : f.stats.enrollmentJunior) : null;
      excluded.push({ code: f.code, name: f.name, schoolType: f.schoolType, countyCode: f.countyCode, reason, students });
    }
  }
  const indicators = yield* indicatorSteps(schools, stage);
  const passingSchools = schools.filter((s) => s.passes).length;
  return {
    stage,
    schools,
    excluded,
    indicators,
    studentCount: schools.reduce((s, x) => s + x.students, 0),
    passingSchools,
    failingSchools: schools.length - passingSchools,
    isBalanced: schools.length > 0 && passingSchools === schools.length && indicators.every((i) => i.isCvWithinLimit === true),
  };
}

/**
 * The seven indicators' balance over schools already assessed (a part of assessBalance's result,
 * e.g. one county's schools of a province's result): what assessBalance of those schools' facts gives.
 */
export function indicatorsOfSchools(schools: readonly SchoolStageResult[], stage: BalanceStage): Promise<IndicatorBalance[]> {
  return runYielding(indicatorSteps(schools, stage));
}

function* indicatorSteps(schools: readonly SchoolStageResult[], stage: BalanceStage): Generator<void, IndicatorBalance[]> {
  const indicators: IndicatorBalance[] = [];
  for (const id of INDICATOR_IDS) {
    yield;
    const r = weightedCv(schools.map((s) => ({ key: s.code, weight: s.students, value: s.values[id] })));
    const cvLimit = CV_LIMIT[stage];
    indicators.push({
      id,
      threshold: INDICATORS[id].threshold[stage],
      cvLimit,
      overallValue: r.mean,
      standardDeviation: r.standardDeviation,
      cv: r.cv,
      isCvWithinLimit: r.cv === null ? null : r.cv <= cvLimit,
      schoolsMeeting: schools.filter((s) => s.indicators.find((i) => i.id === id)!.isMet).length,
      contributions: r.contributions,
    });
  }
  return indicators;
}
