/**
 * Enrolment, fees, waivers, withdrawals and summer care (附件1 二(二), 二(三), 三(二)3, 三(六)). Every amount
 * is recomputed here from its rate, its units and its waiver (money.ts), so a charge or a refund that does
 * not follow from them is refused, however it was written.
 */
import { defineRule, schoolSubject, type Db, type Finding } from '@gongzhi/core';
import type { HezhangOptions } from '../../options.js';
import { A1, ALLOWED_ITEMS, CHARGE_ITEMS, DOC, afterSchoolOptionsOf, daysBetween, minutesOf, schoolDays, termsOf, summerTerm, type ChargeItem } from '../domain.js';
import { settleWithdrawal, statementTotals, summerCharge, termCharge, type Waiver } from '../money.js';
import {
  attendanceOfSessions,
  chargesById,
  chargesOfEnrolments,
  detailsOf,
  enrolmentsById,
  enrolmentsOfPupils,
  enrolmentsOfSchools,
  rateOn,
  ratesById,
  ratesOfCounty,
  schoolsByCodes,
  sessionsById,
  sessionsUsed,
  summerCareById,
  waiversOfPupils,
  withdrawalsById,
  withdrawalsOfEnrolments,
  type ChargeRow,
  type EnrolmentRow,
  type WaiverRow,
} from '../repo.js';
import { keysOf, pupilSubject, serviceSchools } from './common.js';

const enrolmentSubject = (e: EnrolmentRow) => ({ type: 'HezhangAfterSchoolEnrolment', key: e.id });
const waiverOf = (w: WaiverRow | undefined): Waiver | null => (w ? (w.amountFen != null ? { amountFen: w.amountFen } : { shareBp: w.shareBp ?? 0 }) : null);
/** The waiver that applies to a charge: the pupil's for the enrolment's term, approved on or before the charge. */
const waiverFor = (waivers: readonly WaiverRow[], e: EnrolmentRow, chargedOn: string) => waivers.find((w) => w.pupilId === e.pupilId && w.term === e.term && w.approvedOn <= chargedOn);

/**
 * 二(二), 三(六)一, 四(二): 由家长向学校提出书面申请，在取得学校同意后报名登记; 学校须同家长签订课后服务协议; 与学生
 * 家长签订安全责任书. An enrolment records all four; the approval does not come before the application.
 */
export const afterSchoolConsent = defineRule<HezhangOptions>({
  id: 'hezhang.after-school-consent',
  title: { zh: '报名须有家长书面申请、学校同意，并签订服务协议和安全责任书', en: 'an enrolment needs a parent’s written application, school approval and a signed agreement with its safety letter' },
  cite: { doc: DOC, clause: `${A1} 二(二), 三(六)一, 四(二)` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolEnrolment'],
  async evaluate({ db, changes }) {
    return (await enrolmentsById(db, keysOf(changes, 'HezhangAfterSchoolEnrolment'))).map((e): Finding => {
      const missing = [
        !e.appliedOn || !e.applicationRef ? 'parentApplication' : null,
        !e.approvedOn ? 'schoolApproval' : null,
        !e.agreementSignedOn ? 'serviceAgreement' : null,
        !e.safetyLetterSignedOn ? 'safetyResponsibilityLetter' : null,
        e.appliedOn && e.approvedOn && e.approvedOn < e.appliedOn ? 'approvalAfterApplication' : null,
      ].filter((x): x is string => !!x);
      const measured = { appliedOn: e.appliedOn, hasApplicationRef: !!e.applicationRef, approvedOn: e.approvedOn, agreementSignedOn: e.agreementSignedOn, safetyLetterSignedOn: e.safetyLetterSignedOn };
      const expected = { parentApplication: true, schoolApproval: true, serviceAgreement: true, safetyResponsibilityLetter: true };
      return missing.length
        ? {
            status: 'FAIL',
            measured: { ...measured, missing },
            expected,
            subjects: [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId)],
            message: { zh: `报名缺少：${missing.join('、')}`, en: `the enrolment lacks: ${missing.join(', ')}` },
          }
        : { status: 'PASS', measured, expected, subjects: [pupilSubject(e.pupilId)] };
    });
  },
});

/** What a charge should be, from its rate and units (and its waiver), or why it cannot be. */
type Due = { ok: true; grossFen: number; waivedFen: number; amountFen: number; rateId: string } | { ok: false; reason: { zh: string; en: string } };

async function chargeContext(db: Db, charges: readonly ChargeRow[]) {
  const enrolments = new Map((await enrolmentsById(db, [...new Set(charges.map((c) => c.enrolmentId))])).map((e) => [e.id, e]));
  const es = [...enrolments.values()];
  const [schools, waivers, programmes] = await Promise.all([
    schoolsByCodes(db, [...new Set(es.map((e) => e.schoolCode))]),
    waiversOfPupils(db, [...new Set(es.map((e) => e.pupilId))]),
    summerCareById(db, [...new Set(es.map((e) => e.summerCareId).filter((x): x is string => !!x))]),
  ]);
  const county = new Map(schools.map((s) => [s.code, s.countyCode]));
  const rates = await ratesOfCounty(db, [...new Set(county.values())]);
  return { enrolments, county, waivers, rates, programmes: new Map(programmes.map((p) => [p.id, p])) };
}

/**
 * 二(三): 收费标准由县发改局牵头…制定 per stage; 三(六)二: 引进校外优质教育资源…不得额外收费, 不得…提取管理费 — a
 * term charge is the county's per-session rate for the enrolment's stage, in force on the charge day,
 * times the sessions paid for, less the recorded waiver; and nothing else is charged. Two rates of one
 * stage in force on one day are refused (which would the charge follow?).
 */
export const feeRate = defineRule<HezhangOptions>({
  id: 'hezhang.fee-rate',
  title: { zh: '按县定学段收费标准收费，不得另收其他费用', en: 'the fee charged is the county’s rate for the pupil’s stage; no other charge' },
  cite: { doc: DOC, clause: `${A1} 二(三), 三(六)二` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolCharge', 'HezhangAfterSchoolRate'],
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    for (const r of await ratesById(db, keysOf(changes, 'HezhangAfterSchoolRate'))) {
      const clash = (await ratesOfCounty(db, [r.countyCode])).filter((x) => x.id !== r.id && x.stage === r.stage && x.effectiveFrom <= (r.effectiveTo ?? '9999-12-31') && r.effectiveFrom <= (x.effectiveTo ?? '9999-12-31'));
      out.push(
        clash.length
          ? { status: 'FAIL', admitsException: false, measured: { overlapping: clash.map((x) => ({ rateId: x.id, effectiveFrom: x.effectiveFrom, effectiveTo: x.effectiveTo })) }, expected: { oneRatePerStageAndDay: true }, subjects: [{ type: 'Locality', key: r.countyCode }], message: { zh: `${r.stage} 已有同期生效的收费标准`, en: `another ${r.stage} rate is in force in the same period` } }
          : { status: 'PASS', measured: { stage: r.stage, sessionFen: r.sessionFen }, expected: { oneRatePerStageAndDay: true }, subjects: [{ type: 'Locality', key: r.countyCode }] },
      );
    }
    const charges = await chargesById(db, keysOf(changes, 'HezhangAfterSchoolCharge'));
    if (!charges.length) return out;
    const cx = await chargeContext(db, charges);
    for (const c of charges) {
      const e = cx.enrolments.get(c.enrolmentId)!;
      const subjects = [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId), enrolmentSubject(e)];
      const item = c.item as ChargeItem;
      let due: Due;
      if (!ALLOWED_ITEMS.includes(item)) due = { ok: false, reason: { zh: `不得收取「${CHARGE_ITEMS[item]?.zh ?? item}」`, en: `no ${CHARGE_ITEMS[item]?.en ?? item} may be charged` } };
      else if ((item === 'SUMMER_CARE') !== !!e.summerCareId) due = { ok: false, reason: { zh: '收费项目与报名类型不符（学期课后服务 / 暑期托管）', en: 'the item does not match the enrolment (term service or summer care)' } };
      else if (item === 'SUMMER_CARE') continue; // the hourly summer charge is hezhang.summer-care-limits'
      else {
        const rate = rateOn(cx.rates, cx.county.get(e.schoolCode)!, e.stage, c.chargedOn);
        if (!rate) due = { ok: false, reason: { zh: `${c.chargedOn} 没有生效的 ${e.stage} 收费标准`, en: `no ${e.stage} rate is in force on ${c.chargedOn}` } };
        else {
          const f = termCharge(rate.sessionFen, c.units, waiverOf(waiverFor(cx.waivers, e, c.chargedOn)));
          due = { ok: true, grossFen: f.grossFen, waivedFen: f.waivedFen, amountFen: f.chargedFen, rateId: rate.id };
        }
      }
      const measured = { item, units: c.units, rateId: c.rateId, grossFen: c.grossFen, waivedFen: c.waivedFen, amountFen: c.amountFen };
      if (due.ok && due.grossFen === c.grossFen && due.waivedFen === c.waivedFen && due.amountFen === c.amountFen && due.rateId === c.rateId)
        out.push({ status: 'PASS', measured, expected: due, subjects });
      else
        out.push({
          status: 'FAIL',
          admitsException: false,
          measured,
          expected: due.ok ? { grossFen: due.grossFen, waivedFen: due.waivedFen, amountFen: due.amountFen, rateId: due.rateId } : { items: ALLOWED_ITEMS },
          subjects,
          message: due.ok
            ? { zh: `应收 ${due.amountFen} 分（标准 × ${c.units} 次 − 减免 ${due.waivedFen} 分），实收 ${c.amountFen} 分`, en: `the charge should be ${due.amountFen} fen (rate × ${c.units} sessions − waiver ${due.waivedFen}), not ${c.amountFen}` }
            : due.reason,
        });
    }
    return out;
  },
});

/**
 * 二(三): 对建档立卡脱贫户、家庭经济确有困难的家庭子女，要根据实际情况进行费用减免 — the reduction is set case by
 * case, so an eligible pupil (a waiver category recorded) is charged only once a waiver for the term is
 * recorded with its approval, on or before the charge. The error names the pupil by id only.
 *
 * Whether a pupil's family is 建档立卡 or in hardship is personal (the waiver category is behind
 * `pii`), and reports and refusals reach callers without it: findings say only whether the charge's
 * waiver check is satisfied — the same for a pupil with no category as for one whose waiver is
 * recorded — and a refusal asks for the term's waiver decision without naming the category.
 */
export const feeWaiver = defineRule<HezhangOptions>({
  id: 'hezhang.fee-waiver',
  title: { zh: '建档立卡脱贫户和家庭经济困难学生收费前须有减免记录', en: 'a pupil of an eligible family has a recorded waiver before being charged' },
  cite: { doc: DOC, clause: `${A1} 二(三)` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolCharge', 'HezhangAfterSchoolPupil'],
  async evaluate({ db, changes }) {
    const charges = await chargesById(db, keysOf(changes, 'HezhangAfterSchoolCharge'));
    const out: Finding[] = [];
    if (charges.length) {
      const enrolments = new Map((await enrolmentsById(db, [...new Set(charges.map((c) => c.enrolmentId))])).map((e) => [e.id, e]));
      const pupilIds = [...new Set([...enrolments.values()].map((e) => e.pupilId))];
      const [details, waivers] = await Promise.all([detailsOf(db, pupilIds), waiversOfPupils(db, pupilIds)]);
      const eligible = new Set(details.filter((d) => d.waiverCategory).map((d) => d.pupilId));
      for (const c of charges) {
        const e = enrolments.get(c.enrolmentId)!;
        const w = waiverFor(waivers, e, c.chargedOn);
        const needs = eligible.has(e.pupilId);
        const expected = { waiverCheckSatisfiedBy: c.chargedOn };
        out.push(
          needs && !w
            ? {
                status: 'FAIL',
                admitsException: false,
                measured: { waiverCheckSatisfied: false },
                expected,
                subjects: [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId)],
                message: {
                  zh: `学生（${e.pupilId}）${e.term} 学期收费前，须先录入该学期的减免决定（附件1 二(三)）`,
                  en: `the pupil (${e.pupilId}) needs the ${e.term} waiver decision recorded before a charge (annex 1, 二(三))`,
                },
              }
            : { status: 'PASS', measured: { waiverCheckSatisfied: true }, expected, subjects: [pupilSubject(e.pupilId)] },
        );
      }
    }
    // Every path: a category recorded after a charge would let an eligible pupil stand charged with no
    // waiver. Recording it is refused until the term's waiver is recorded (whatever its day: the
    // difference is then the school's to settle with the family).
    const pupilIds = keysOf(changes, 'HezhangAfterSchoolPupil');
    if (pupilIds.length) {
      const eligible = (await detailsOf(db, pupilIds)).filter((d) => d.waiverCategory).map((d) => d.pupilId);
      const enrolments = await enrolmentsOfPupils(db, eligible);
      const [charged, waivers] = await Promise.all([chargesOfEnrolments(db, enrolments.map((e) => e.id)), waiversOfPupils(db, eligible)]);
      for (const e of enrolments) {
        if (!charged.some((c) => c.enrolmentId === e.id)) continue;
        const has = waivers.some((w) => w.pupilId === e.pupilId && w.term === e.term);
        out.push(
          has
            ? { status: 'PASS', measured: { waiverCheckSatisfied: true }, expected: { waiverCheckSatisfied: true }, subjects: [pupilSubject(e.pupilId)] }
            : {
                status: 'FAIL',
                admitsException: false,
                measured: { waiverCheckSatisfied: false, term: e.term },
                expected: { waiverCheckSatisfied: true },
                subjects: [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId)],
                message: { zh: `学生（${e.pupilId}）${e.term} 学期已收费，请先录入减免记录`, en: `the pupil (${e.pupilId}) was charged for ${e.term}: record the term’s waiver first` },
              },
        );
      }
    }
    return out;
  },
});

/**
 * 三(六)二: 学生中途提出不再参加课后服务，要求退费的，向学校提出书面申请，学校应据实结算并清退剩余费用 — the refund
 * is the unused share of what was paid, by the sessions attended up to the application (money.ts:
 * rounded up to the fen; kept = paid − refund). Judged on the withdrawal, on attendance recorded later
 * (it changes the actual use), on a charge after it, and on a term statement (its totals reconcile).
 */
export const withdrawalRefund = defineRule<HezhangOptions>({
  id: 'hezhang.withdrawal-refund',
  title: { zh: '中途退出凭书面申请据实结算，清退剩余费用到分', en: 'withdrawal, on written application, refunds the unused part by actual use, to the fen' },
  cite: { doc: DOC, clause: `${A1} 三(六)二` },
  enforce: 'write',
  appliesTo: ['HezhangAfterSchoolWithdrawal', 'HezhangAfterSchoolAttendance', 'HezhangAfterSchoolCharge', 'HezhangAfterSchoolStatement'],
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    // Withdrawals concerned: written, or whose pupil's attendance or charge changed.
    const sessions = await sessionsById(db, keysOf(changes, 'HezhangAfterSchoolAttendance'));
    const attended = await attendanceOfSessions(db, sessions.map((s) => s.id));
    const chargedEnrolments = (await chargesById(db, keysOf(changes, 'HezhangAfterSchoolCharge'))).map((c) => c.enrolmentId);
    const byPupil = (await enrolmentsOfPupils(db, [...new Set(attended.map((a) => a.pupilId))])).filter((e) => sessions.some((s) => s.schoolCode === e.schoolCode));
    const withdrawals = [
      ...(await withdrawalsById(db, keysOf(changes, 'HezhangAfterSchoolWithdrawal'))),
      ...(await withdrawalsOfEnrolments(db, [...new Set([...byPupil.map((e) => e.id), ...chargedEnrolments])])),
    ].filter((w, i, a) => a.findIndex((x) => x.id === w.id) === i);
    if (withdrawals.length) {
      const enrolments = new Map((await enrolmentsById(db, withdrawals.map((w) => w.enrolmentId))).map((e) => [e.id, e]));
      const paid = new Map((await chargesOfEnrolments(db, [...enrolments.keys()])).map((c) => [c.enrolmentId, c]));
      const used = await sessionsUsed(db, withdrawals.map((w) => { const e = enrolments.get(w.enrolmentId)!; return { enrolmentId: e.id, pupilId: e.pupilId, schoolCode: e.schoolCode, term: e.term, until: w.appliedOn }; }));
      for (const w of withdrawals) {
        const e = enrolments.get(w.enrolmentId)!;
        const c = paid.get(e.id);
        const s = settleWithdrawal(c?.amountFen ?? 0, c?.units ?? 0, used.get(e.id) ?? 0);
        const measured = { paidFen: c?.amountFen ?? 0, sessionsPaid: c?.units ?? 0, sessionsUsed: w.sessionsUsed, refundFen: w.refundFen, keptFen: w.keptFen, hasApplication: !!w.applicationRef };
        const expected = { sessionsUsed: s.sessionsUsed, refundFen: s.refundFen, keptFen: s.keptFen, rounding: 'refund rounded up to the fen; kept = paid − refund' };
        const subjects = [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId), enrolmentSubject(e)];
        const ok = !!w.applicationRef && w.sessionsUsed === s.sessionsUsed && w.refundFen === s.refundFen && w.keptFen === s.keptFen;
        out.push(
          ok
            ? { status: 'PASS', measured, expected, subjects }
            : { status: 'FAIL', admitsException: false, measured, expected, subjects, message: { zh: `退费应为 ${s.refundFen} 分（已用 ${s.sessionsUsed}/${c?.units ?? 0} 次），记录为 ${w.refundFen} 分`, en: `the refund should be ${s.refundFen} fen (${s.sessionsUsed} of ${c?.units ?? 0} sessions used), not ${w.refundFen}` } },
        );
      }
    }
    const statementKeys = keysOf(changes, 'HezhangAfterSchoolStatement').map((k) => ({ schoolCode: k.split('|')[0]!, term: k.split('|')[1]! }));
    for (const st of await termStatements(db, statementKeys)) {
      const { schoolCode, term } = st;
      const t = st.totals;
      const measured = { term, grossFen: t.grossFen, waivedFen: t.waivedFen, chargedFen: t.chargedFen, refundFen: t.refundFen, keptFen: t.keptFen, lines: t.lines };
      out.push(
        t.reconciles
          ? { status: 'PASS', measured, expected: { reconciles: true }, subjects: [schoolSubject({ code: schoolCode })] }
          : { status: 'FAIL', measured, expected: { reconciles: true }, subjects: [schoolSubject({ code: schoolCode })], message: { zh: `${term} 学期收费、减免、退费合计不平`, en: `the ${term} statement does not reconcile` } },
      );
    }
    return out;
  },
  async inReport({ db, localityCode, schoolYear, facts }) {
    const schools = await serviceSchools(facts, localityCode);
    const terms = [...termsOf(schoolYear), summerTerm(schoolYear)];
    const enrolments = await enrolmentsOfSchools(db, schools.map((s) => s.code), terms);
    const charged = new Set((await chargesOfEnrolments(db, enrolments.map((e) => e.id))).map((c) => c.enrolmentId));
    const keys = [...new Set(enrolments.filter((e) => charged.has(e.id)).map((e) => `${e.schoolCode}|${e.term}`))].sort();
    const ws = await withdrawalsOfEnrolments(db, enrolments.map((e) => e.id));
    return [...keys.map((key) => ({ entity: 'HezhangAfterSchoolStatement', key })), ...ws.map((w) => ({ entity: 'HezhangAfterSchoolWithdrawal', key: w.id }))];
  },
});

export interface TermStatementLine {
  enrolmentId: string;
  pupilId: string;
  item: string;
  units: number;
  rateId: string | null;
  grossFen: number;
  waivedFen: number;
  chargedFen: number;
  refundFen: number;
  keptFen: number;
  chargedOn: string;
  withdrawnOn: string | null;
}

/** A school's term statement: one line per charged enrolment (enrolment id order), and totals. */
export async function termStatement(db: Db, schoolCode: string, term: string) {
  return (await termStatements(db, [{ schoolCode, term }]))[0]!;
}

/** Many term statements at once: three statements whatever their number (a report judges every school's). */
export async function termStatements(db: Db, keys: readonly { schoolCode: string; term: string }[]) {
  const enrolments = await enrolmentsOfSchools(db, [...new Set(keys.map((k) => k.schoolCode))], [...new Set(keys.map((k) => k.term))]);
  const ids = enrolments.map((e) => e.id);
  const [charges, withdrawals] = await Promise.all([chargesOfEnrolments(db, ids), withdrawalsOfEnrolments(db, ids)]);
  const w = new Map(withdrawals.map((x) => [x.enrolmentId, x]));
  const c = new Map(charges.map((x) => [x.enrolmentId, x]));
  return keys.map(({ schoolCode, term }) => {
    const lines: TermStatementLine[] = [];
    for (const e of enrolments) {
      if (e.schoolCode !== schoolCode || e.term !== term) continue;
      const ch = c.get(e.id);
      if (!ch) continue;
      const wd = w.get(e.id);
      lines.push({
        enrolmentId: e.id,
        pupilId: e.pupilId,
        item: ch.item,
        units: ch.units,
        rateId: ch.rateId,
        grossFen: ch.grossFen,
        waivedFen: ch.waivedFen,
        chargedFen: ch.amountFen,
        refundFen: wd?.refundFen ?? 0,
        keptFen: wd ? wd.keptFen : ch.amountFen,
        chargedOn: ch.chargedOn,
        withdrawnOn: wd?.appliedOn ?? null,
      });
    }
    return { schoolCode, term, lines, totals: statementTotals(lines) };
  });
}

/**
 * 三(二)3: 服务时长原则上不超过3周，每日不超过6小时，收费标准按小时计算，参照上学日课后服务每小时收费标准比例执行 —
 * the programme spans at most 21 days and 6 h a day (the sentence's 原则上: a recorded exception lets a
 * longer one through); its charge is the minutes of care at the term-time hourly rate of the stage in
 * force on its first day (money.ts: rounded down), less the waiver — that part admits no exception.
 */
export const summerCareLimits = defineRule<HezhangOptions>({
  id: 'hezhang.summer-care-limits',
  title: { zh: '暑期托管不超过3周、每日不超过6小时，按上学日每小时标准收费', en: 'summer care: ≤ 3 weeks, ≤ 6 h a day, charged at the term-time hourly rate' },
  cite: { doc: DOC, clause: `${A1} 三(二)3` },
  enforce: 'write',
  inPrinciple: true,
  appliesTo: ['HezhangSummerCare', 'HezhangAfterSchoolCharge'],
  async evaluate({ db, options, changes }) {
    const o = afterSchoolOptionsOf(options);
    const out: Finding[] = [];
    for (const p of await summerCareById(db, keysOf(changes, 'HezhangSummerCare'))) {
      const days = daysBetween(p.startsOn, p.endsOn);
      const daily = minutesOf(p.dailyEnd) - minutesOf(p.dailyStart);
      const measured = { startsOn: p.startsOn, endsOn: p.endsOn, days, dailyMinutes: daily };
      const expected = { maxDays: o.summerMaxDays, maxDailyMinutes: o.summerMaxDailyMinutes };
      const subjects = [schoolSubject({ code: p.schoolCode }), { type: 'HezhangSummerCare', key: p.id }];
      if (days > o.summerMaxDays || daily > o.summerMaxDailyMinutes)
        out.push({
          status: 'FAIL',
          measured,
          expected,
          subjects,
          message: { zh: `暑期托管 ${days} 天、每日 ${daily} 分钟，超过 ${o.summerMaxDays} 天或每日 ${o.summerMaxDailyMinutes} 分钟`, en: `summer care of ${days} days at ${daily} minutes a day exceeds ${o.summerMaxDays} days or ${o.summerMaxDailyMinutes} minutes a day` },
        });
      else out.push({ status: 'PASS', measured, expected, subjects });
    }
    const charges = (await chargesById(db, keysOf(changes, 'HezhangAfterSchoolCharge'))).filter((c) => c.item === 'SUMMER_CARE');
    if (!charges.length) return out;
    const cx = await chargeContext(db, charges);
    for (const c of charges) {
      const e = cx.enrolments.get(c.enrolmentId)!;
      const p = e.summerCareId ? cx.programmes.get(e.summerCareId) : undefined;
      if (!p) continue; // an item on the wrong enrolment is hezhang.fee-rate's
      const booked = schoolDays(p.startsOn, p.endsOn).length * (minutesOf(p.dailyEnd) - minutesOf(p.dailyStart));
      const rate = rateOn(cx.rates, cx.county.get(e.schoolCode)!, e.stage, p.startsOn);
      const f = rate && c.units <= booked ? summerCharge(rate.sessionFen, rate.sessionMinutes, c.units, waiverOf(waiverFor(cx.waivers, e, c.chargedOn))) : null;
      const measured = { minutes: c.units, bookedMinutes: booked, rateId: c.rateId, grossFen: c.grossFen, waivedFen: c.waivedFen, amountFen: c.amountFen };
      const subjects = [schoolSubject({ code: e.schoolCode }), pupilSubject(e.pupilId), enrolmentSubject(e)];
      if (f && rate && f.grossFen === c.grossFen && f.waivedFen === c.waivedFen && f.chargedFen === c.amountFen && c.rateId === rate.id)
        out.push({ status: 'PASS', measured, expected: { ...f, rateId: rate.id }, subjects });
      else
        out.push({
          status: 'FAIL',
          admitsException: false,
          measured,
          expected: f && rate ? { ...f, rateId: rate.id, hourlyFen: (rate.sessionFen * 60) / rate.sessionMinutes } : { rateInForceOn: p.startsOn, maxMinutes: booked },
          subjects,
          message: f
            ? { zh: `暑期托管应按每小时标准收 ${f.chargedFen} 分，记录为 ${c.amountFen} 分`, en: `summer care should be charged ${f.chargedFen} fen at the hourly rate, not ${c.amountFen}` }
            : { zh: `暑期托管收费没有 ${p.startsOn} 生效的收费标准，或时长超过托管安排`, en: `no rate in force on ${p.startsOn}, or more minutes than the programme offers` },
        });
    }
    return out;
  },
});
