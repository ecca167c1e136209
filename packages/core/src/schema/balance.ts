import type { PluginSchemaApi } from './api.js';
import type { GongzhiContext } from '../context.js';
import { defineLoader, present } from '../loaders.js';
import { badInput } from '../errors.js';
import { parseInput, zDivisionCode, zSchoolYear } from '../validation.js';
import { getLocality } from '../repos/localities.js';
import { schoolLoader } from '../repos/schools.js';
import { membersInSchoolYear } from '../repos/groups-in-year.js';
import { exchangeFilterOf, exchangeRateLoader, type ExchangeRateMeasure } from '../measures.js';
import { balanceOptionsLoader, type BalanceOptions } from '../balance/options.js';
import { INDICATOR_IDS, INDICATORS, MIN_BACKBONE_SHARE_OF_EXCHANGED, MIN_EXCHANGE_RATE, type BalanceStage, type IndicatorId } from '../balance/indicators.js';
import type { ExclusionReason, SchoolFacts } from '../balance/facts.js';
import { loadBalanceFacts, type BalanceFacts } from '../balance/repo.js';
import { assessBalance, assessBalanceYielding, type BalanceExclusion, type BalanceResult, type IndicatorBalance } from '../balance/report.js';
import type { IndicatorAssessment, SchoolStageResult } from '../balance/school.js';
import type { CvContribution } from '../balance/cv.js';
import { arrayConnection, localised, selectsPath, totalCountField } from './helpers.js';
import type { GraphQLResolveInfo } from 'graphql';
import { addBalanceOptionsSchema } from './balance-options.js';
import { currentDataVersion } from '../data-version.js';
import { ReportCache } from '../report-cache.js';

/** What a balance report resolves from: the pure result plus the scope it was computed for. */
interface BalanceReportShape {
  localityCode: string | null;
  groupId: string | null;
  schoolYear: string;
  result: BalanceResult;
  /** Codes of the compulsory-education schools in scope (for the exchange rate). */
  compulsorySchoolCodes: string[];
  /** Whose balance options decide who is eligible for exchange: the locality, or the group's. */
  optionsLocalityCode: string;
  /**
   * The exchange rate, once computed for this report: a cached report (same data version) answers
   * `exchangeRate` again without reading the database.
   */
  exchange?: Promise<ExchangeOfReport>;
}

/** A locality's reports as cached: the results and the school rows they name (to prime the loader). */
interface CachedLocalityReports {
  reports: BalanceReportShape[];
  schoolRows: BalanceFacts['schoolRows'];
}

const MAX_TREND_YEARS = 30;

function checkStage(stage: string, field = 'stage'): BalanceStage {
  if (stage !== 'PRIMARY' && stage !== 'JUNIOR')
    throw badInput(field, { zh: '优质均衡评估只针对小学（PRIMARY）和初中（JUNIOR）', en: 'the balance standard assesses PRIMARY and JUNIOR only' });
  return stage;
}

/** The school years from one to another, inclusive (`2021-2022` … `2024-2025`). */
export function schoolYearsBetween(from: string, to: string): string[] {
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4));
  if (b < a) throw badInput('toYear', { zh: '结束学年早于开始学年', en: 'toYear is before fromYear' });
  if (b - a + 1 > MAX_TREND_YEARS) throw badInput('toYear', { zh: `最多 ${MAX_TREND_YEARS} 个学年`, en: `at most ${MAX_TREND_YEARS} school years` });
  return Array.from({ length: b - a + 1 }, (_, i) => `${a + i}-${a + i + 1}`);
}

function compulsoryCodes(facts: readonly { code: string; stages: readonly string[] }[]): string[] {
  return facts.filter((f) => f.stages.includes('PRIMARY') || f.stages.includes('JUNIOR')).map((f) => f.code);
}

/** Prime the request's school loader with the rows the facts query read: `school` fields cost nothing. */
function primeSchools(ctx: GongzhiContext, schoolRows: BalanceFacts['schoolRows']) {
  const loader = schoolLoader(ctx);
  for (const [code, row] of schoolRows) loader.prime(code, row);
}

/**
 * A locality's reports for some years and a stage, served from the cache while no write happened
 * since (the data's version, bumped in every writing transaction, is in the key; balance options
 * are data too). Concurrent requests for the same key share one computation.
 */
async function localityReports(
  ctx: GongzhiContext,
  cache: ReportCache<CachedLocalityReports>,
  info: GraphQLResolveInfo,
  localityArg: string,
  years: string[],
  stage: BalanceStage,
): Promise<BalanceReportShape[]> {
  const localityCode = parseInput(zDivisionCode, localityArg, 'localityCode');
  await getLocality(ctx.db, localityCode);
  const key = `${localityCode}|${years.join(',')}|${stage}`;
  const { reports, schoolRows } = await cache.get(key, await currentDataVersion(ctx.db), async () => {
    // Asked for the exchange rate: measure it while the teachers are counted, not after (a
    // province's two statements take seconds each). It needs only the schools.
    const exchanges = new Map<string, Promise<ExchangeOfReport>>();
    const onSchools = selectsPath(info, ['exchangeRate'])
      ? (rows: readonly { code: string; stages: readonly string[] }[]) => {
          const codes = compulsoryCodes(rows);
          for (const schoolYear of years) exchanges.set(schoolYear, exchangeOfReport(ctx, localityCode, schoolYear, codes));
        }
      : undefined;
    const facts = await loadBalanceFacts(ctx.db, { localityCode }, years, onSchools);
    const reports: BalanceReportShape[] = [];
    for (const schoolYear of years) {
      const list = facts.byYear.get(schoolYear)!;
      // In chunks: a province's assessment must not hold the event loop for other requests.
      const result = await assessBalanceYielding(list, stage);
      reports.push({ localityCode, groupId: null, schoolYear, result, compulsorySchoolCodes: compulsoryCodes(list), optionsLocalityCode: localityCode, exchange: exchanges.get(schoolYear) });
    }
    // A failed measure is not kept with the cached report: the next request measures again.
    for (const r of reports) {
      const p = r.exchange;
      p?.catch(() => {
        if (r.exchange === p) r.exchange = undefined;
      });
    }
    return { reports, schoolRows: facts.schoolRows };
  });
  primeSchools(ctx, schoolRows);
  return reports;
}

type ExchangeOfReport = ExchangeRateMeasure & { options: BalanceOptions };

/** A report's exchange rate, with the balance options in force at `optionsLocalityCode` (batched over a request's reports). */
function exchangeOfReport(ctx: GongzhiContext, optionsLocalityCode: string, schoolYear: string, schoolCodes: readonly string[]): Promise<ExchangeOfReport> {
  const p = (async () => {
    const { options } = await balanceOptionsLoader(ctx).load(optionsLocalityCode);
    const m = await exchangeRateLoader(ctx).load({ schoolYear, schoolCodes, filter: exchangeFilterOf(options) });
    return { ...m, options };
  })();
  // Not awaited until the field resolves: a failure is the field's error, not an unhandled rejection.
  p.catch(() => {});
  return p;
}

/**
 * A group's facts for a school year: its members at any time in the year (the lead included).
 * Batched over every group and year a request asks for: one statement per distinct year for the
 * memberships, and two for the facts of all their schools.
 */
const groupFactsLoader = defineLoader<{ groupId: string; schoolYear: string }, SchoolFacts[]>(
  'core.balance.groupFacts',
  async (db, keys) => {
    const years = [...new Set(keys.map((k) => k.schoolYear))];
    const members = new Map<string, Map<string, string[]>>();
    for (const year of years) {
      const ids = [...new Set(keys.filter((k) => k.schoolYear === year).map((k) => k.groupId))];
      const m = await membersInSchoolYear(db, ids, year);
      members.set(year, new Map([...m].map(([id, rows]) => [id, [...new Set(rows.map((r) => r.schoolCode))]])));
    }
    const allCodes = [...new Set([...members.values()].flatMap((m) => [...m.values()].flat()))];
    const facts = await loadBalanceFacts(db, { schoolCodes: allCodes }, years);
    return keys.map((k) => {
      const codes = new Set(members.get(k.schoolYear)!.get(k.groupId) ?? []);
      return facts.byYear.get(k.schoolYear)!.filter((f) => codes.has(f.code));
    });
  },
  (k) => `${k.groupId}|${k.schoolYear}`,
);

async function groupReports(ctx: GongzhiContext, group: { id: string; localityCode: string }, years: string[], stage: BalanceStage): Promise<BalanceReportShape[]> {
  const groupId = group.id;
  const lists = await Promise.all(years.map((schoolYear) => groupFactsLoader(ctx).load({ groupId, schoolYear })));
  return years.map((schoolYear, i) => ({ localityCode: null, groupId, schoolYear, result: assessBalance(lists[i]!, stage), compulsorySchoolCodes: compulsoryCodes(lists[i]!), optionsLocalityCode: group.localityCode }));
}

const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  SPECIAL_EDUCATION: '特殊教育学校 — special-education school: not assessed (教督〔2017〕6号 第六条).',
  VOCATIONAL: '职业学校 — vocational school: not assessed.',
  SMALL_TEACHING_POINT: '不足50人的教学点 — teaching point with fewer than 50 pupils: not assessed.',
  NO_STATISTICS: '缺少统计数据 — no statistics for the school year: cannot be assessed.',
  NO_STUDENTS: '该学段无在校生 — no pupils in the stage this year.',
};

export function addBalanceSchema({ builder, refs, registry }: PluginSchemaApi) {
  const { School, SchoolGroup, Stage, ExchangeKind } = refs;
  // One cache per schema, like complianceReport's. Smaller: a province's report holds 14,000 schools' figures.
  const reportCache = new ReportCache<CachedLocalityReports>(16);
  addBalanceOptionsSchema({ builder, refs, registry });

  const BalanceIndicator = builder.enumType('BalanceIndicator', {
    description: '优质均衡资源配置指标 — the seven resource indicators of 教督〔2017〕6号 第六条.',
    values: Object.fromEntries(
      INDICATOR_IDS.map((id) => [
        id,
        { description: `${INDICATORS[id].title.zh} — ${INDICATORS[id].title.en} (第六条${INDICATORS[id].item}; primary ≥ ${INDICATORS[id].threshold.PRIMARY}, junior ≥ ${INDICATORS[id].threshold.JUNIOR}).` },
      ]),
    ) as Record<IndicatorId, { description: string }>,
  });

  const BalanceExclusionReason = builder.enumType('BalanceExclusionReason', {
    description: 'Why a school is left out of the balance assessment.',
    values: Object.fromEntries(Object.entries(EXCLUSION_TEXT).map(([k, v]) => [k, { description: v }])) as Record<ExclusionReason, { description: string }>,
  });

  const BalanceSchoolOrder = builder.enumType('BalanceSchoolOrder', {
    description: 'Order of the schools in a balance report.',
    values: {
      CODE: { description: 'By school code.' },
      WORST_FIRST: { description: 'Failing schools first, then by fewest indicators met and lowest ratio to a threshold.' },
    },
  });

  const IndicatorValue = builder.objectRef<IndicatorAssessment>('BalanceIndicatorValue').implement({
    description: 'One school’s value of one indicator, against its threshold.',
    fields: (t) => ({
      indicator: t.field({ type: BalanceIndicator, description: 'Which of the seven indicators (L1 … L7).', resolve: (v) => v.id }),
      value: t.exposeFloat('value', { description: 'The school’s value for the stage (per student or per 100 students, see the indicator).' }),
      threshold: t.exposeFloat('threshold', { description: 'The standard’s threshold for the stage.' }),
      distance: t.exposeFloat('distance', { description: 'value − threshold: negative is the shortfall, in the indicator’s unit.' }),
      ratio: t.exposeFloat('ratio', { description: 'value / threshold (0.85 is the floor for the one indicator a passing school may miss).' }),
      isMet: t.exposeBoolean('isMet', { description: '达标 — the value reaches the threshold.' }),
    }),
  });

  const TeacherCounts = builder.objectRef<SchoolStageResult['teachers']>('BalanceTeacherCounts').implement({
    description: 'Full-time teachers (专任教师) counted for the stage on the census day (1 September). Fractional where a teacher of a multi-stage school has no recorded stage and is split by enrollment.',
    fields: (t) => ({
      all: t.exposeFloat('all', { description: '专任教师 — all full-time teachers of the stage.' }),
      aboveRequiredQualification: t.exposeFloat('aboveRequiredQualification', { description: '高于规定学历: primary 专科 and above, junior 本科 and above.' }),
      countyBackbone: t.exposeFloat('countyBackbone', { description: '县级以上骨干教师.' }),
      peAndArts: t.exposeFloat('peAndArts', { description: '体育、音乐、美术专任教师.' }),
    }),
  });

  const BalanceSchool = builder.objectRef<SchoolStageResult>('BalanceSchool').implement({
    description: 'One school’s seven indicators for one stage, and its verdict: at least 6 met and the rest at 85% or more (教督〔2017〕6号 第六条).',
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school assessed.', resolve: (s, _, ctx) => present(schoolLoader(ctx).now(s.code)) }),
      stage: t.field({ type: Stage, description: 'The stage assessed (PRIMARY or JUNIOR); a nine-year school is assessed once for each.', resolve: (s) => s.stage }),
      students: t.exposeInt('students', { description: 'Pupils of the stage: the school’s weight in the CV.' }),
      share: t.exposeFloat('share', { description: 'The stage’s share of the school’s areas, equipment and classrooms: its share of the pupils of the school’s stages (1 for a single-stage school).' }),
      teachers: t.field({ type: TeacherCounts, description: 'The teachers behind L1–L3, counted for the stage.', resolve: (s) => s.teachers }),
      indicators: t.field({ type: [IndicatorValue], description: 'L1 … L7, in order.', resolve: (s) => s.indicators }),
      metCount: t.exposeInt('metCount', { description: 'Indicators that reach their threshold (of 7).' }),
      lowestRatio: t.exposeFloat('lowestRatio', { description: 'The lowest value/threshold among the indicators not met (1 when all are met).' }),
      passes: t.exposeBoolean('passes', { description: 'At least 6 of 7 met, and the rest at 85% of the threshold or more.' }),
    }),
  });

  const Contribution = builder.objectRef<CvContribution<string>>('BalanceCvContribution').implement({
    description: 'How much one school adds to an indicator’s spread: (Pᵢ/P)(Xᵢ − X̄)².',
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school i of the formula.', resolve: (c, _, ctx) => present(schoolLoader(ctx).now(c.key)) }),
      students: t.int({ description: 'Pᵢ.', resolve: (c) => c.weight }),
      value: t.exposeFloat('value', { description: 'Xᵢ.' }),
      deviation: t.exposeFloat('deviation', { description: 'Xᵢ − X̄: positive above the overall value, negative below.' }),
      contribution: t.exposeFloat('contribution', { description: '(Pᵢ/P)(Xᵢ − X̄)².' }),
      shareOfVariance: t.exposeFloat('shareOfVariance', { description: 'The school’s part of Σ(Pᵢ/P)(Xᵢ − X̄)², from 0 to 1.' }),
    }),
  });

  const IndicatorSummary = builder.objectRef<IndicatorBalance>('BalanceIndicatorSummary').implement({
    description: 'One indicator across the schools: the overall value and the enrollment-weighted coefficient of variation (差异系数).',
    fields: (t) => ({
      indicator: t.field({ type: BalanceIndicator, description: 'Which of the seven indicators (L1 … L7).', resolve: (i) => i.id }),
      title: t.string({ description: 'The indicator’s name in the caller’s language, e.g. 生均体育运动场馆面积.', resolve: (i, _, ctx) => localised(ctx, INDICATORS[i.id].title) }),
      unit: t.string({ description: 'The unit of its values in the caller’s language, e.g. m² per student or teachers per 100 students.', resolve: (i, _, ctx) => localised(ctx, INDICATORS[i.id].unit) }),
      threshold: t.exposeFloat('threshold', { description: 'The per-school threshold for the stage.' }),
      overallValue: t.exposeFloat('overallValue', { description: 'X̄ = Σ(PᵢXᵢ)/ΣPᵢ: the value of the assessed schools taken together (the county value).' }),
      standardDeviation: t.exposeFloat('standardDeviation', { description: 'S = √(Σ(Pᵢ/P)(Xᵢ − X̄)²).' }),
      cv: t.float({ nullable: true, description: 'CV = S / X̄; null when X̄ is 0.', resolve: (i) => i.cv }),
      cvLimit: t.exposeFloat('cvLimit', { description: '0.50 primary, 0.45 junior (教督〔2017〕6号 第六条).' }),
      isCvWithinLimit: t.boolean({ nullable: true, description: 'cv ≤ cvLimit; null when the CV is undefined.', resolve: (i) => i.isCvWithinLimit }),
      schoolsMeeting: t.exposeInt('schoolsMeeting', { description: 'Assessed schools that reach the threshold.' }),
      topContributors: t.field({
        type: [Contribution],
        description: 'The schools that pull the CV up most, largest contribution first.',
        args: { first: t.arg.int({ defaultValue: 5, description: 'How many (at most 100).' }) },
        resolve: (i, args) => i.contributions.slice(0, Math.max(0, Math.min(100, args.first ?? 5))),
      }),
    }),
  });

  const Exclusion = builder.objectRef<BalanceExclusion>('BalanceExclusion').implement({
    description: 'A school in scope that the assessment leaves out, and why.',
    fields: (t) => ({
      school: t.field({ type: School, description: 'The school left out.', resolve: (x, _, ctx) => present(schoolLoader(ctx).now(x.code)) }),
      reason: t.field({ type: BalanceExclusionReason, description: 'Why it is left out.', resolve: (x) => x.reason }),
      students: t.int({ nullable: true, description: 'Pupils of the stage, when known.', resolve: (x) => x.students }),
    }),
  });

  const ExchangeRate = builder.objectRef<ExchangeRateMeasure & { options: BalanceOptions }>('BalanceExchangeRate').implement({
    description:
      '交流轮岗 — teachers exchanged in the school year (教督〔2017〕6号 第七条（十一）: ≥ 10% of the teachers eligible for exchange, 符合交流条件, and backbone teachers ≥ 20% of those exchanged). Eligible: full-time teachers (专任教师, a TEACHER post) with `minYearsAtSchool` consecutive years at one school on 1 September, within any age limit — the balance options in force at the locality (`Locality.balanceOptions`, set with `setBalanceOptions`). Only eligible teachers count as exchanged.',
    fields: (t) => ({
      teachers: t.exposeInt('teachers', { description: 'All teachers: distinct people with a TEACHER post (专任教师) at the schools at some time in the year. The base the eligible are drawn from, shown beside them.' }),
      eligibleTeachers: t.exposeInt('eligibleTeachers', { description: '符合交流条件 — of `teachers`, those eligible for exchange: the rate’s denominator.' }),
      exchanged: t.exposeInt('exchanged', { description: 'Distinct eligible teachers who left one of the schools on an exchange of a counted kind (`countedKinds`) that began in the school year (a three-year rotation counts in its first year). Someone who holds no post at the schools does not count.' }),
      backboneExchanged: t.exposeInt('backboneExchanged', { description: 'County-level-or-higher backbone teachers among those exchanged (their level when the exchange began).' }),
      rate: t.exposeFloat('rate', { description: 'exchanged / eligibleTeachers (0 when nobody is eligible).' }),
      backboneShare: t.exposeFloat('backboneShare', { description: 'backboneExchanged / exchanged.' }),
      minYearsAtSchool: t.int({ description: 'The eligibility condition used: consecutive years at the same school on 1 September (default 6; 0: every teacher is eligible).', resolve: (m) => m.options.exchangeMinYearsAtSchool }),
      maxAgeMale: t.int({ nullable: true, description: 'The age limit used for men (周岁 on 1 September, still eligible at this age); null: none (the default).', resolve: (m) => m.options.exchangeMaxAgeMale }),
      maxAgeFemale: t.int({ nullable: true, description: 'The age limit used for women (周岁 on 1 September, still eligible at this age); null: none (the default).', resolve: (m) => m.options.exchangeMaxAgeFemale }),
      countedKinds: t.field({ type: [ExchangeKind], description: 'The exchange kinds counted (default: ROTATION, 交流轮岗).', resolve: (m) => m.options.exchangeKinds as never }),
      minRate: t.float({ description: 'The rate the standard asks for: 0.10 (10% of eligible teachers).', resolve: () => MIN_EXCHANGE_RATE }),
      minBackboneShare: t.float({ description: 'The backbone share the standard asks for: 0.20 (20% of those exchanged).', resolve: () => MIN_BACKBONE_SHARE_OF_EXCHANGED }),
      passes: t.boolean({ description: 'rate ≥ minRate and backboneShare ≥ minBackboneShare, with at least one teacher exchanged.', resolve: (m) => m.rate >= MIN_EXCHANGE_RATE && m.exchanged > 0 && m.backboneShare >= MIN_BACKBONE_SHARE_OF_EXCHANGED }),
    }),
  });

  const Report = builder.objectRef<BalanceReportShape>('BalanceReport');
  Report.implement({
    description: '县域义务教育优质均衡 — the national balance standard (教督〔2017〕6号) for one stage and school year, over a locality’s schools or a group’s members.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', nullable: true, description: 'The locality reported on (null for a group’s report).', resolve: (r) => r.localityCode }),
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year assessed: each school’s statistics for that year, teachers as counted on 1 September.', resolve: (r) => r.schoolYear }),
      stage: t.field({ type: Stage, description: 'The stage assessed: PRIMARY or JUNIOR.', resolve: (r) => r.result.stage }),
      schoolCount: t.int({ description: 'Schools assessed.', resolve: (r) => r.result.schools.length }),
      studentCount: t.int({ description: 'Pupils of the stage in the assessed schools.', resolve: (r) => r.result.studentCount }),
      passingSchools: t.int({ description: 'Assessed schools that pass: at least 6 of 7 indicators met and the rest at 85% or more.', resolve: (r) => r.result.passingSchools }),
      failingSchools: t.int({ description: 'Assessed schools that do not pass.', resolve: (r) => r.result.failingSchools }),
      isBalanced: t.boolean({ description: 'Every assessed school passes and every indicator’s CV is within its limit.', resolve: (r) => r.result.isBalanced }),
      indicators: t.field({ type: [IndicatorSummary], description: 'L1 … L7, in order.', resolve: (r) => r.result.indicators }),
      indicator: t.field({
        type: IndicatorSummary,
        description: 'One indicator’s summary across the schools.',
        args: { id: t.arg({ type: BalanceIndicator, required: true, description: 'The indicator, L1 … L7.' }) },
        resolve: (r, args) => r.result.indicators.find((i) => i.id === args.id)!,
      }),
      schools: t.connection(
        {
          type: BalanceSchool,
          description: 'The assessed schools, a page at a time (up to 1000).',
          args: { passes: t.arg.boolean({ description: 'Only passing (true) or failing (false) schools.' }), orderBy: t.arg({ type: BalanceSchoolOrder, defaultValue: 'CODE', description: 'The order of the schools: by code, or the worst first.' }) },
          resolve: (r, args) => {
            let list = r.result.schools;
            if (args.passes != null) list = list.filter((s) => s.passes === args.passes);
            if (args.orderBy === 'WORST_FIRST') list = [...list].sort((a, b) => Number(a.passes) - Number(b.passes) || a.metCount - b.metCount || a.lowestRatio - b.lowestRatio || a.code.localeCompare(b.code));
            return arrayConnection(args, list, { defaultSize: 100, maxSize: 1000 });
          },
        },
        { name: 'BalanceSchoolConnection', description: 'A page of assessed schools.', fields: (c) => ({ totalCount: totalCountField(c, 'All assessed schools that match `passes`.') }) },
        { description: 'One assessed school in a page, with its cursor.' },
      ),
      school: t.field({
        type: BalanceSchool,
        nullable: true,
        description: 'One school’s figures, if it is assessed.',
        args: { code: t.arg({ type: 'SchoolCode', required: true, description: '学校标识码 of the school.' }) },
        resolve: (r, args) => r.result.schools.find((s) => s.code === args.code) ?? null,
      }),
      excluded: t.field({ type: [Exclusion], description: 'Schools in scope left out, and why.', resolve: (r) => r.result.excluded }),
      exchangeRate: t.field({
        type: ExchangeRate,
        description: 'Teacher exchange in the year among the compulsory-education schools in scope, with the eligibility the balance options in force at the locality (a group: at its locality) set. Two statements (the options in force, then the measure) for all the reports of a request, only when asked for; kept with a cached report.',
        resolve: (r, _, ctx) => {
          // Once per report: a cached report keeps its measure (the options are data, in its version).
          if (!r.exchange) {
            r.exchange = exchangeOfReport(ctx, r.optionsLocalityCode, r.schoolYear, r.compulsorySchoolCodes);
            r.exchange.catch(() => (r.exchange = undefined));
          }
          return r.exchange;
        },
      }),
    }),
  });

  builder.queryFields((t) => ({
    balanceReport: t.field({
      type: Report,
      description: 'The national balance standard (教督〔2017〕6号) over the schools of a locality for a school year and stage: per school the seven values and verdict, per indicator the CV. A constant number of SQL statements, whatever the number of schools.',
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, description: 'The locality whose schools are assessed (normally a county: the standard judges counties).' }),
        schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year assessed, e.g. `2023-2024`.' }),
        stage: t.arg({ type: Stage, required: true, description: 'PRIMARY or JUNIOR.' }),
      },
      resolve: async (_, args, ctx, info) => {
        const stage = checkStage(args.stage);
        const schoolYear = parseInput(zSchoolYear, args.schoolYear, 'schoolYear');
        return (await localityReports(ctx, reportCache, info, args.localityCode, [schoolYear], stage))[0]!;
      },
    }),
    balanceTrend: t.field({
      type: [Report],
      description: 'The balance report of a locality for each school year from `fromYear` to `toYear` (at most 30), oldest first: are the gaps narrowing?',
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, description: 'The locality whose schools are assessed.' }),
        stage: t.arg({ type: Stage, required: true, description: 'PRIMARY or JUNIOR.' }),
        fromYear: t.arg({ type: 'SchoolYear', required: true, description: 'The first school year, included.' }),
        toYear: t.arg({ type: 'SchoolYear', required: true, description: 'The last school year, included; not before fromYear, at most 30 school years in all.' }),
      },
      resolve: (_, args, ctx, info) => {
        const stage = checkStage(args.stage);
        const years = schoolYearsBetween(parseInput(zSchoolYear, args.fromYear, 'fromYear'), parseInput(zSchoolYear, args.toYear, 'toYear'));
        return localityReports(ctx, reportCache, info, args.localityCode, years, stage);
      },
    }),
  }));

  builder.interfaceFields(SchoolGroup, (t) => ({
    balance: t.field({
      type: Report,
      description: 'The balance standard over the group’s member schools (members at any time in the year, the lead included): does the group narrow its own gaps? A diagnostic: the standard itself judges counties.',
      args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year assessed, e.g. `2023-2024`.' }), stage: t.arg({ type: Stage, required: true, description: 'PRIMARY or JUNIOR.' }) },
      resolve: async (g, args, ctx) => (await groupReports(ctx, g, [parseInput(zSchoolYear, args.schoolYear, 'schoolYear')], checkStage(args.stage)))[0]!,
    }),
    balanceTrend: t.field({
      type: [Report],
      description: 'The group’s balance report for each school year from `fromYear` to `toYear`, oldest first.',
      args: {
        stage: t.arg({ type: Stage, required: true, description: 'PRIMARY or JUNIOR.' }),
        fromYear: t.arg({ type: 'SchoolYear', required: true, description: 'The first school year, included.' }),
        toYear: t.arg({ type: 'SchoolYear', required: true, description: 'The last school year, included; at most 30 school years in all.' }),
      },
      resolve: (g, args, ctx) =>
        groupReports(ctx, g, schoolYearsBetween(parseInput(zSchoolYear, args.fromYear, 'fromYear'), parseInput(zSchoolYear, args.toYear, 'toYear')), checkStage(args.stage)),
    }),
  }));
}
