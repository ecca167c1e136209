/**
 * Enrolments, fees, waivers, withdrawals and summer care through GraphQL (附件1 二(二), 二(三), 三(二)3,
 * 三(六)): each rule with data that passes and data that fails; refusals write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { ATTEND, CHARGE, CONSENT, ENROL, PUPIL, RATE, SUMMER, TERM, WAIVER, WITHDRAW, COUNTY, enrol, errorOf, expectRefused, ok, plan, pupil, rate, school, session, start, weekdays } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
  await rate(s, 'PRIMARY', 1500, 120);
  await rate(s, 'JUNIOR', 2000, 120);
});
afterAll(() => s?.close());

describe('hezhang.after-school-consent (附件1 二(二), 三(六)一, 四(二))', () => {
  it('an enrolment with the application, approval, agreement and safety letter passes', async () => {
    const c = await school(s);
    const id = await enrol(s, await pupil(s, c));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('an enrolment with no parent application is refused', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    const e = await expectRefused(s, ENROL, { i: { pupilId: p, term: TERM, ...CONSENT, appliedOn: null, applicationRef: null } }, 'hezhang.after-school-consent');
    expect(e.extensions!.measured.missing).toEqual(['parentApplication']);
  });
  it('an enrolment with no agreement (or no safety letter) is refused', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    const e = await expectRefused(s, ENROL, { i: { pupilId: p, term: TERM, ...CONSENT, agreementSignedOn: null } }, 'hezhang.after-school-consent');
    expect(e.extensions!.measured.missing).toEqual(['serviceAgreement']);
    await expectRefused(s, ENROL, { i: { pupilId: p, term: TERM, ...CONSENT, safetyLetterSignedOn: null } }, 'hezhang.after-school-consent');
  });
  it('an approval before the application is refused', async () => {
    const c = await school(s);
    await expectRefused(s, ENROL, { i: { pupilId: await pupil(s, c), term: TERM, ...CONSENT, approvedOn: '2026-08-01' } }, 'hezhang.after-school-consent');
  });
});

describe('hezhang.fee-rate (附件1 二(三), 三(六)二)', () => {
  it('a term charge is the stage’s rate × sessions; a different amount, a management fee or a fee for outside resources is refused', async () => {
    const c = await school(s);
    const eid = await enrol(s, await pupil(s, c));
    await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, amountFen: 31000, chargedOn: '2026-09-01' } }, 'hezhang.fee-rate');
    await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'MANAGEMENT', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-rate');
    await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'OUTSIDE_RESOURCES', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-rate');
    const d = ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, amountFen: 30000, chargedOn: '2026-09-01' } }));
    expect(d.chargeHezhangAfterSchoolFee.charge).toMatchObject({ units: 20, grossFen: 30000, waivedFen: 0, amountFen: 30000 });
  });
  it('a junior pupil is charged the junior rate', async () => {
    const c = await school(s, { type: '311' });
    const eid = await enrol(s, await pupil(s, c));
    expect(ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 10, chargedOn: '2026-09-01' } })).chargeHezhangAfterSchoolFee.charge.amountFen).toBe(20000);
  });
  it('no rate in force on the day: refused', async () => {
    const c = await school(s, { type: '342' });
    const eid = await enrol(s, await pupil(s, c));
    const e = await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 10, chargedOn: '2026-09-01' } }, 'hezhang.fee-rate');
    expect(e.message).toContain('SENIOR');
  });
  it('a second rate of a stage in force on the same days is refused', async () => {
    await expectRefused(s, RATE, { i: { countyCode: COUNTY, stage: 'PRIMARY', sessionFen: 1800, sessionMinutes: 120, effectiveFrom: '2026-01-01', approvalRef: 'x', hearingOn: '2025-12-01' } }, 'hezhang.fee-rate');
  });
});

describe('hezhang.fee-waiver (附件1 二(三))', () => {
  it('a 建档立卡 pupil is refused a charge without a recorded waiver, and charged after it', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '张小明', guardianName: '张某', guardianPhone: '13800000000', waiverCategory: 'POVERTY_ALLEVIATION', priorityGroups: ['POVERTY_ALLEVIATION', 'LEFT_BEHIND'] } }));
    const eid = await enrol(s, p);
    const e = await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-waiver');
    expect(e.message).not.toContain('张小明');
    ok(await s.gql(WAIVER, { i: { pupilId: p, term: TERM, shareBp: 10000, approvalRef: '赫教科减免〔2026〕12号', approvedOn: '2026-08-31' } }));
    const d = ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    expect(d.chargeHezhangAfterSchoolFee.charge).toMatchObject({ grossFen: 30000, waivedFen: 30000, amountFen: 0 });
  });
  it('a hardship waiver of a sum takes it off; a pupil with no category needs none', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '李小红', waiverCategory: 'HARDSHIP' } }));
    ok(await s.gql(WAIVER, { i: { pupilId: p, term: TERM, amountFen: 12345, approvalRef: '减免', approvedOn: '2026-08-31' } }));
    const eid = await enrol(s, p);
    expect(ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } })).chargeHezhangAfterSchoolFee.charge).toMatchObject({ waivedFen: 12345, amountFen: 17655 });
    const other = await enrol(s, await pupil(s, c));
    ok(await s.gql(CHARGE, { i: { enrolmentId: other, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
  });
  it('a waiver approved after the charge day does not count', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '王小华', waiverCategory: 'HARDSHIP' } }));
    ok(await s.gql(WAIVER, { i: { pupilId: p, term: TERM, shareBp: 5000, approvalRef: '减免', approvedOn: '2026-09-05' } }));
    await expectRefused(s, CHARGE, { i: { enrolmentId: await enrol(s, p), item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-waiver');
  });
  it('every path: recording the category after a charge is refused until the term’s waiver is recorded', async () => {
    const c = await school(s);
    const p = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '孙小兰' } }));
    ok(await s.gql(CHARGE, { i: { enrolmentId: await enrol(s, p), item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    await expectRefused(s, PUPIL, { i: { pupilId: p, name: '孙小兰', waiverCategory: 'POVERTY_ALLEVIATION' } }, 'hezhang.fee-waiver');
    ok(await s.gql(WAIVER, { i: { pupilId: p, term: TERM, shareBp: 10000, approvalRef: '减免', approvedOn: '2026-10-08' } }));
    ok(await s.gql(PUPIL, { i: { pupilId: p, name: '孙小兰', waiverCategory: 'POVERTY_ALLEVIATION' } }));
  });
  it('a refusal does not tell whose family is eligible: it asks for the term’s waiver decision, measuring only that the check is not met', async () => {
    const c = await school(s);
    const eligible = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: eligible, name: '周小芳', waiverCategory: 'POVERTY_ALLEVIATION' } }));
    const eid = await enrol(s, eligible);
    const refused = await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-waiver');
    // The refusal is this rule's (its title names whom it protects), but says nothing of the pupil's category.
    expect(refused.extensions!.measured).toEqual({ waiverCheckSatisfied: false });
    expect(refused.message).not.toMatch(/属费用减免对象|is eligible|POVERTY|HARDSHIP/);
    // The other path (a category recorded after a charge) says as little in what it measured.
    const later = await pupil(s, c);
    ok(await s.gql(PUPIL, { i: { pupilId: later, name: '吴小军' } }));
    ok(await s.gql(CHARGE, { i: { enrolmentId: await enrol(s, later), item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    const after = await expectRefused(s, PUPIL, { i: { pupilId: later, name: '吴小军', waiverCategory: 'HARDSHIP' } }, 'hezhang.fee-waiver');
    expect(after.extensions!.measured).toEqual({ waiverCheckSatisfied: false, term: TERM });
  });
  it('a waiver with both a sum and a share is BAD_USER_INPUT', async () => {
    const c = await school(s);
    const e = errorOf(await s.gql(WAIVER, { i: { pupilId: await pupil(s, c), term: TERM, shareBp: 5000, amountFen: 100, approvalRef: 'x', approvedOn: '2026-09-05' } }), 'BAD_USER_INPUT');
    expect(e.extensions!.field).toBe('input.amountFen');
  });
});

describe('hezhang.withdrawal-refund (附件1 三(六)二)', () => {
  async function withAttendance(attended: number) {
    const c = await school(s);
    await plan(s, c);
    const p = await pupil(s, c);
    const eid = await enrol(s, p);
    ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    const days = weekdays('2026-09-07', attended + 1);
    const sessions: string[] = [];
    for (const d of days) sessions.push(await session(s, c, d));
    for (const sid of sessions.slice(0, attended)) ok(await s.gql(ATTEND, { i: { sessionId: sid, pupilIds: [p] } }));
    return { c, p, eid, sessions, days };
  }
  it('a pupil withdrawing after 7 of 20 paid sessions gets 13/20 of the fee back, to the fen', async () => {
    const { eid } = await withAttendance(7);
    const d = ok(await s.gql(WITHDRAW, { i: { enrolmentId: eid, appliedOn: '2026-09-30', applicationRef: '家长退出申请' } }));
    expect(d.withdrawHezhangAfterSchoolPupil.withdrawal).toEqual({ sessionsUsed: 7, refundFen: 19500, keptFen: 10500 });
  });
  it('a refund that is not the unused share is refused', async () => {
    const { eid } = await withAttendance(7);
    const e = await expectRefused(s, WITHDRAW, { i: { enrolmentId: eid, appliedOn: '2026-09-30', applicationRef: '家长退出申请', refundFen: 15000 } }, 'hezhang.withdrawal-refund');
    expect(e.extensions!.expected).toMatchObject({ refundFen: 19500, keptFen: 10500 });
  });
  it('every path: attendance recorded later for a day before the withdrawal is refused (it changes the actual use)', async () => {
    const { eid, p, sessions } = await withAttendance(7);
    ok(await s.gql(WITHDRAW, { i: { enrolmentId: eid, appliedOn: '2026-09-30', applicationRef: '家长退出申请' } }));
    await expectRefused(s, ATTEND, { i: { sessionId: sessions[7], pupilIds: [p] } }, 'hezhang.withdrawal-refund');
  });
  it('the term statement reconciles and exports with Chinese headers', async () => {
    const { c, eid } = await withAttendance(3);
    ok(await s.gql(WITHDRAW, { i: { enrolmentId: eid, appliedOn: '2026-09-30', applicationRef: '退出' } }));
    const other = await enrol(s, await pupil(s, c));
    ok(await s.gql(CHARGE, { i: { enrolmentId: other, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
    const d = ok(await s.gql(`query($c: SchoolCode!, $t: String!){ hezhangTermStatement(schoolCode:$c, term:$t){ totals { lineCount grossFen waivedFen chargedFen refundFen keptFen reconciles } lines(first: 1) { totalCount edges { node { chargedFen refundFen keptFen } } } csv xlsxBase64 } }`, { c, t: TERM }));
    const st = d.hezhangTermStatement;
    expect(st.totals).toEqual({ lineCount: 2, grossFen: 60000, waivedFen: 0, chargedFen: 60000, refundFen: 25500, keptFen: 34500, reconciles: true });
    expect(st.lines.totalCount).toBe(2);
    expect(st.lines.edges).toHaveLength(1);
    const csv: string = st.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF学校标识码,学期,报名编号,收费项目,数量,应收（元）,减免（元）,实收（元）,退费（元）,结余（元）,收费日期,退出日期');
    expect(csv).toContain('合计');
    expect(csv).toContain('255.00');
    const xlsx = Buffer.from(st.xlsxBase64, 'base64');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('hezhang.summer-care-limits (附件1 三(二)3)', () => {
  const prog = (c: string, startsOn: string, endsOn: string, dailyStart = '08:30', dailyEnd = '14:30') => ({ i: { schoolCode: c, schoolYear: '2026-2027', startsOn, endsOn, dailyStart, dailyEnd } });
  it('summer care of 4 weeks, or of 7 hours a day, is refused; 3 weeks at 6 hours passes', async () => {
    const c = await school(s);
    await expectRefused(s, SUMMER, prog(c, '2027-07-12', '2027-08-08'), 'hezhang.summer-care-limits');
    await expectRefused(s, SUMMER, prog(c, '2027-07-12', '2027-07-30', '08:30', '15:30'), 'hezhang.summer-care-limits');
    const d = ok(await s.gql(SUMMER, prog(c, '2027-07-12', '2027-07-30', '08:30', '14:30')));
    expect(d.organiseHezhangSummerCare.summerCare.bookedMinutes).toBe(15 * 360);
  });
  it('in principle: 4 weeks with a recorded exception passes', async () => {
    const c = await school(s);
    ok(await s.gql(SUMMER, { i: { ...prog(c, '2027-07-12', '2027-08-08', '08:30', '14:30').i, exceptions: [{ ruleId: 'hezhang.summer-care-limits', approvedBy: '赫章县教育科技局', documentRef: '赫教科〔2027〕5号', reason: '家长需求' }] } }));
  });
  it('charged per hour at the term-time hourly rate (15.00 per 120 min → 7.50 an hour); another amount is refused', async () => {
    const c = await school(s);
    const sc = ok(await s.gql(SUMMER, prog(c, '2027-07-12', '2027-07-30', '08:30', '14:30'))).organiseHezhangSummerCare.summerCare.summerCareId;
    const p = await pupil(s, c);
    const eid = ok(await s.gql(ENROL, { i: { pupilId: p, summerCareId: sc, ...CONSENT } })).enrolHezhangAfterSchoolPupil.enrolment.enrolmentId;
    await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SUMMER_CARE', amountFen: 70000, chargedOn: '2027-07-01' } }, 'hezhang.summer-care-limits');
    const d = ok(await s.gql(CHARGE, { i: { enrolmentId: eid, item: 'SUMMER_CARE', chargedOn: '2027-07-01' } }));
    expect(d.chargeHezhangAfterSchoolFee.charge).toMatchObject({ units: 5400, grossFen: 67500, amountFen: 67500 });
  });
});
