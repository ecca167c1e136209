/**
 * The national standard's report rules (教督〔2017〕6号): every school's seven indicators, the
 * county's coefficient of variation per indicator, and the teacher exchange rate. They apply to
 * every locality, whatever regime it has enabled. The thresholds are national; only who is eligible
 * for exchange, and which kinds count, are a locality's options (balance/options.ts).
 */
import { defineRule, type Finding, type ReportRule } from '../rules/types.js';
import { exchangeFilterOf, measureExchangeRates } from '../measures.js';
import { balanceOptions, type BalanceOptions } from './options.js';
import {
  BALANCE_CITES,
  BALANCE_STAGES,
  CV_LIMIT,
  INDICATOR_IDS,
  INDICATORS,
  MIN_BACKBONE_SHARE_OF_EXCHANGED,
  MIN_EXCHANGE_RATE,
  MIN_INDICATORS_MET,
  MIN_RATIO_OF_REST,
  type BalanceStage,
} from './indicators.js';
import { assessBalanceYielding, indicatorsOfSchools, yieldToLoop, type BalanceResult } from './report.js';
import type { SchoolStageResult } from './school.js';
import type { ReportFacts } from '../rules/facts.js';
import type { SchoolFacts } from './facts.js';

const STAGE_ZH: Record<BalanceStage, string> = { PRIMARY: '小学', JUNIOR: '初中' };
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * assessBalance of a list for a stage, once per report: both balance rules judge the same schools
 * (the whole locality for the schools' verdicts, each county for the CV: the same list in a
 * county's report). In chunks, so a report never holds the event loop for long.
 */
function assessed(shared: ReportFacts, scope: string, list: readonly SchoolFacts[], stage: BalanceStage): Promise<BalanceResult> {
  return shared.shared(`core.balanceAssessed:${stage}:${scope}`, () => assessBalanceYielding(list, stage));
}

function byCounty(facts: readonly SchoolFacts[]): Map<string, SchoolFacts[]> {
  const m = new Map<string, SchoolFacts[]>();
  for (const f of facts) {
    const list = m.get(f.countyCode);
    if (list) list.push(f);
    else m.set(f.countyCode, [f]);
  }
  return m;
}

export const balanceSchoolIndicatorsRule: ReportRule = defineRule({
  id: 'core.balance-school-indicators',
  enforce: 'report',
  title: {
    zh: '每所学校资源配置7项指标至少6项达标，余项不低于要求的85%',
    en: 'Each school meets at least 6 of the 7 resource indicators, the rest at 85% of the threshold or more',
  },
  cite: BALANCE_CITES.schoolIndicators,
  appliesTo: ['School'],
  async evaluate({ facts: shared, schoolYear }) {
    // Read once per report, shared with the other balance rule (ReportFacts).
    const facts = await shared.balanceSchools();
    const findings: Finding[] = [];
    for (const stage of BALANCE_STAGES) {
      const result = await assessed(shared, '*', facts, stage);
      // The same for every school of the stage: one object, not one per finding (a province has 28,000).
      const expected = {
        stage,
        minIndicatorsMet: MIN_INDICATORS_MET,
        minRatioOfRest: MIN_RATIO_OF_REST,
        thresholds: Object.fromEntries(INDICATOR_IDS.map((id) => [id, INDICATORS[id].threshold[stage]])),
      };
      for (const [n, s] of result.schools.entries()) {
        if (n > 0 && n % 1000 === 0) await yieldToLoop();
        const short = s.indicators.filter((i) => !i.isMet);
        findings.push({
          status: s.passes ? 'PASS' : 'FAIL',
          measured: {
            stage,
            students: s.students,
            metCount: s.metCount,
            values: Object.fromEntries(s.indicators.map((i) => [i.id, round(i.value)])),
            ratios: Object.fromEntries(s.indicators.map((i) => [i.id, round(i.ratio)])),
          },
          expected,
          subjects: [{ type: 'School', key: s.code, name: s.name }],
          message: s.passes
            ? { zh: `${STAGE_ZH[stage]}：${s.metCount} 项达标`, en: `${stage.toLowerCase()}: ${s.metCount} of 7 met` }
            : {
                zh: `${STAGE_ZH[stage]}：${s.metCount} 项达标，未达标：${short.map((i) => `${i.id} ${Math.round(i.ratio * 100)}%`).join('、')}`,
                en: `${stage.toLowerCase()}: ${s.metCount} of 7 met; short: ${short.map((i) => `${i.id} at ${Math.round(i.ratio * 100)}%`).join(', ')}`,
              },
        });
      }
      // A school with no statistics for the year cannot be judged: say so rather than pass it over.
      for (const x of result.excluded.filter((e) => e.reason === 'NO_STATISTICS'))
        findings.push({
          status: 'WARN',
          measured: { stage, statistics: null },
          expected: { stage, statistics: `school_year_stats ${schoolYear}` },
          subjects: [{ type: 'School', key: x.code, name: x.name }],
          message: { zh: `${STAGE_ZH[stage]}：缺少 ${schoolYear} 学年统计数据，无法评估`, en: `${stage.toLowerCase()}: no statistics for ${schoolYear}; cannot assess` },
        });
    }
    return findings;
  },
});

export const balanceCvRule: ReportRule = defineRule({
  id: 'core.balance-cv',
  enforce: 'report',
  title: {
    zh: '资源配置各项指标校际差异系数小学≤0.50、初中≤0.45',
    en: 'Each indicator’s between-school coefficient of variation is at most 0.50 (primary) and 0.45 (junior)',
  },
  cite: BALANCE_CITES.cv,
  appliesTo: ['Locality'],
  async evaluate({ facts: shared, schoolYear }) {
    // Read once per report, shared with the other balance rule (ReportFacts).
    const facts = await shared.balanceSchools();
    const findings: Finding[] = [];
    // The CV is a county's figure: a city or province report judges each county inside it. Each
    // county's schools are taken from the locality's assessment (shared with the schools' verdicts),
    // not assessed again: a school's verdict does not depend on the others.
    const counties = byCounty(facts);
    const assessedByCounty = new Map<BalanceStage, { whole: BalanceResult; byCounty: Map<string, SchoolStageResult[]> }>();
    for (const stage of BALANCE_STAGES) {
      const whole = await assessed(shared, '*', facts, stage);
      const m = new Map<string, SchoolStageResult[]>();
      for (const s of whole.schools) {
        const list = m.get(s.countyCode);
        if (list) list.push(s);
        else m.set(s.countyCode, [s]);
      }
      assessedByCounty.set(stage, { whole, byCounty: m });
    }
    for (const county of counties.keys()) {
      for (const stage of BALANCE_STAGES) {
        const { whole, byCounty: of } = assessedByCounty.get(stage)!;
        const schools = of.get(county) ?? [];
        if (schools.length === 0) continue;
        // One county: the locality's own indicators.
        const indicators = counties.size === 1 ? whole.indicators : await indicatorsOfSchools(schools, stage);
        for (const ind of indicators) {
          const top = ind.contributions.slice(0, 3).map((c) => c.key);
          findings.push({
            status: ind.cv === null ? 'NOT_APPLICABLE' : ind.cv <= CV_LIMIT[stage] ? 'PASS' : 'FAIL',
            measured: { stage, indicator: ind.id, cv: ind.cv === null ? null : round(ind.cv), countyValue: round(ind.overallValue), schools: schools.length, topContributors: top },
            expected: { stage, indicator: ind.id, maxCv: CV_LIMIT[stage] },
            subjects: [{ type: 'Locality', key: county }, ...top.map((code) => ({ type: 'School', key: code, name: schools.find((s) => s.code === code)!.name }))],
            message:
              ind.cv === null
                ? { zh: `${STAGE_ZH[stage]} ${ind.id}：全县该项为零，差异系数无定义`, en: `${stage.toLowerCase()} ${ind.id}: the county value is zero; the CV is undefined` }
                : { zh: `${STAGE_ZH[stage]} ${ind.id} 差异系数 ${ind.cv.toFixed(3)}（上限 ${CV_LIMIT[stage]}）`, en: `${stage.toLowerCase()} ${ind.id} CV ${ind.cv.toFixed(3)} (limit ${CV_LIMIT[stage]})` },
          });
        }
      }
    }
    return findings;
  },
});

/** The compulsory-education schools of the report's locality, by county: the report's own school rows, no statement of its own. */
async function compulsorySchoolsByCounty(shared: ReportFacts): Promise<Map<string, string[]>> {
  const m = new Map<string, string[]>();
  for (const r of await shared.schools()) {
    if (!r.stages.includes('PRIMARY') && !r.stages.includes('JUNIOR')) continue;
    const list = m.get(r.countyCode);
    if (list) list.push(r.code);
    else m.set(r.countyCode, [r.code]);
  }
  return m;
}

export const exchangeRateRule: ReportRule<BalanceOptions> = defineRule<BalanceOptions>({
  id: 'core.exchange-rate',
  enforce: 'report',
  title: {
    zh: '每年交流轮岗教师不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%',
    en: 'Each year at least 10% of eligible teachers are exchanged, and backbone teachers are at least 20% of those exchanged',
  },
  cite: BALANCE_CITES.exchangeRate,
  appliesTo: ['Locality'],
  async evaluate({ db, schoolYear, options, facts: shared }) {
    // The options in force at the reporting locality (setBalanceOptions; defaults when none): who is
    // 符合交流条件 and which kinds count. A city's report judges its counties by its own setting.
    const o = balanceOptions.parse(options ?? {});
    const criteria = { minYearsAtSchool: o.exchangeMinYearsAtSchool, maxAgeMale: o.exchangeMaxAgeMale, maxAgeFemale: o.exchangeMaxAgeFemale, kinds: o.exchangeKinds };
    const expected = { minRate: MIN_EXCHANGE_RATE, minBackboneShare: MIN_BACKBONE_SHARE_OF_EXCHANGED, ...criteria };
    const findings: Finding[] = [];
    // The shared measure (core.exchange-rate and the regimes that repeat it per group count alike),
    // every county of a city or province in one batch.
    const counties = [...(await compulsorySchoolsByCounty(shared))];
    const measures = await measureExchangeRates(db, counties.map(([, codes]) => ({ schoolCodes: codes, filter: exchangeFilterOf(o) })), schoolYear);
    for (const [i, [county]] of counties.entries()) {
      const m = measures[i]!;
      const measured = { teachers: m.teachers, eligibleTeachers: m.eligibleTeachers, exchanged: m.exchanged, backboneExchanged: m.backboneExchanged, rate: round(m.rate), backboneShare: round(m.backboneShare) };
      if (m.teachers === 0) {
        findings.push({ status: 'NOT_APPLICABLE', subjects: [{ type: 'Locality', key: county }], message: { zh: '没有在岗教师记录', en: 'no teachers on record' } });
        continue;
      }
      // Teachers but none eligible: the rate has no base. Not a PASS (nothing shows the 10%), not a
      // FAIL of the county's exchange either: most likely the posts' history is not on record.
      if (m.eligibleTeachers === 0) {
        findings.push({
          status: 'WARN',
          measured,
          expected,
          subjects: [{ type: 'Locality', key: county }],
          message: {
            zh: `${m.teachers} 名教师中没有符合交流条件的（同校连续任教满 ${o.exchangeMinYearsAtSchool} 年），无法计算交流比例`,
            en: `none of ${m.teachers} teachers is eligible for exchange (${o.exchangeMinYearsAtSchool} consecutive years at one school); the rate cannot be measured`,
          },
        });
        continue;
      }
      const rateOk = m.rate >= MIN_EXCHANGE_RATE;
      const shareOk = m.exchanged > 0 && m.backboneShare >= MIN_BACKBONE_SHARE_OF_EXCHANGED;
      findings.push({
        status: rateOk && shareOk ? 'PASS' : 'FAIL',
        measured,
        expected,
        subjects: [{ type: 'Locality', key: county }],
        message: {
          zh: `交流 ${m.exchanged}/${m.eligibleTeachers} 名符合交流条件的教师（${(m.rate * 100).toFixed(1)}%；全部教师 ${m.teachers} 名），其中骨干 ${m.backboneExchanged} 人（${(m.backboneShare * 100).toFixed(1)}%）`,
          en: `${m.exchanged} of ${m.eligibleTeachers} eligible teachers exchanged (${(m.rate * 100).toFixed(1)}%; ${m.teachers} teachers in all), ${m.backboneExchanged} backbone (${(m.backboneShare * 100).toFixed(1)}%)`,
        },
      });
    }
    return findings;
  },
});

export const BALANCE_RULES = [balanceSchoolIndicatorsRule, balanceCvRule, exchangeRateRule];
