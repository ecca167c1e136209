/**
 * Sessions through GraphQL (附件1 三(二), 三(三), 三(四), 三(五)三): each write rule with data that passes and
 * data that fails, refusals leaving nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { SESSION, errorOf, expectRefused, ok, plan, school, session, start, weekdays } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

const sess = (schoolCode: string, heldOn: string, startsAt: string, endsAt: string, more: Record<string, unknown> = {}) => ({ i: { schoolCode, heldOn, startsAt, endsAt, contentKind: 'READING', ...more } });

describe('hezhang.after-school-end-time (附件1 三(二)1–2)', () => {
  it('a primary day-school session ending 18:30 is refused; ending 18:00 passes', async () => {
    const c = await school(s);
    await plan(s, c);
    const e = await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:30', '18:30'), 'hezhang.after-school-end-time');
    expect(e.extensions!.expected).toEqual({ endsBy: '18:00' });
    expect(e.extensions!.rule.cite.clause).toBe('附件1 三(二)1–2');
    await session(s, c, '2026-09-07', '16:00', '18:00');
  });
  it('a primary boarding school may end at 21:00, not 21:30', async () => {
    const c = await school(s, { isBoarding: true });
    await plan(s, c);
    await session(s, c, '2026-09-07', '19:00', '21:00');
    await expectRefused(s, SESSION, sess(c, '2026-09-08', '19:30', '21:30'), 'hezhang.after-school-end-time');
  });
  it('a junior day school approved for evening study may end at 21:00; without the approval it may not', async () => {
    const approved = await school(s, { type: '311' });
    await plan(s, approved, { eveningStudy: true });
    await session(s, approved, '2026-09-07', '19:00', '21:00', { contentKind: 'EVENING_SELF_STUDY' });
    const plain = await school(s, { type: '311' });
    await plan(s, plain);
    await expectRefused(s, SESSION, sess(plain, '2026-09-07', '19:00', '21:00'), 'hezhang.after-school-end-time');
  });
  it('a primary day school gets no evening study from an approval (the clause names 初中 and 高中 only)', async () => {
    const c = await school(s);
    await plan(s, c, { eveningStudy: true });
    await expectRefused(s, SESSION, sess(c, '2026-09-07', '19:00', '21:00'), 'hezhang.after-school-end-time');
  });
  it('a senior day school ends by 21:00, a senior boarding school by 22:00', async () => {
    const day = await school(s, { type: '342' });
    await plan(s, day);
    await session(s, day, '2026-09-07', '19:00', '21:00');
    await expectRefused(s, SESSION, sess(day, '2026-09-08', '20:00', '21:30'), 'hezhang.after-school-end-time');
    const boarding = await school(s, { type: '342', isBoarding: true });
    await plan(s, boarding);
    await session(s, boarding, '2026-09-07', '20:00', '22:00');
  });
  it('every path: withdrawing the evening-study approval with later sessions on the plan is refused', async () => {
    const c = await school(s, { type: '311' });
    await plan(s, c, { eveningStudy: true });
    await session(s, c, '2026-09-07', '19:00', '21:00');
    await expectRefused(s, `mutation($i: RecordHezhangAfterSchoolPlanInput!){ recordHezhangAfterSchoolPlan(input:$i){ plan { planId } } }`, { i: { schoolCode: c, term: '2026-2027-1', title: '方案（修订）', startsOn: '2026-09-01', endsOn: '2027-01-15', filedOn: '2026-08-25', filingRef: '赫教科备〔2026〕1号' } }, 'hezhang.after-school-end-time');
  });
  it('every path: a boarding school turned day school with an evening session scheduled is refused (core updateSchool)', async () => {
    const c = await school(s, { isBoarding: true });
    await plan(s, c, { endsOn: '2099-01-15', startsOn: '2026-09-01' });
    await session(s, c, '2098-09-08', '19:00', '21:00');
    await expectRefused(s, `mutation($i: UpdateSchoolInput!){ updateSchool(input:$i){ school { code } } }`, { i: { code: c, isBoarding: false } }, 'hezhang.after-school-end-time');
  });
});

describe('hezhang.after-school-duration (附件1 一, 三(二))', () => {
  it('a session of 3.5 h is refused; of 1 h and of 3 h passes; under 1 h is refused', async () => {
    const c = await school(s);
    await plan(s, c);
    const e = await expectRefused(s, SESSION, sess(c, '2026-09-07', '14:00', '17:30'), 'hezhang.after-school-duration');
    expect(e.extensions!.measured.minutes).toBe(210);
    await session(s, c, '2026-09-07', '15:00', '18:00');
    await session(s, c, '2026-09-08', '16:00', '17:00');
    await expectRefused(s, SESSION, sess(c, '2026-09-09', '17:00', '17:45'), 'hezhang.after-school-duration');
  });
  it('a session ending before it starts is BAD_USER_INPUT naming endsAt', async () => {
    const c = await school(s);
    const e = errorOf(await s.gql(SESSION, sess(c, '2026-09-07', '17:00', '16:00')), 'BAD_USER_INPUT');
    expect(e.extensions!.field).toBe('input.endsAt');
  });
});

describe('hezhang.after-school-plan-filed (附件1 三(四))', () => {
  it('a session before the plan is filed is refused; on the filing day it passes', async () => {
    const c = await school(s);
    const planId = await plan(s, c, { filedOn: null });
    const e = await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:00', '18:00'), 'hezhang.after-school-plan-filed');
    expect(e.extensions!.measured.plan.filedOn).toBeNull();
    ok(await s.gql(`mutation($i: FileHezhangAfterSchoolPlanInput!){ fileHezhangAfterSchoolPlan(input:$i){ plan { isFiled } } }`, { i: { planId, filedOn: '2026-09-08', filingRef: '赫教科备〔2026〕7号' } }));
    await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:00', '18:00'), 'hezhang.after-school-plan-filed');
    await session(s, c, '2026-09-08', '16:00', '18:00');
  });
  it('a session on a day no plan covers is refused', async () => {
    const c = await school(s);
    await plan(s, c);
    await expectRefused(s, SESSION, sess(c, '2027-03-01', '16:00', '18:00'), 'hezhang.after-school-plan-filed');
  });
  it('every path: re-filing a plan after a session it covers is refused', async () => {
    const c = await school(s);
    const planId = await plan(s, c);
    await session(s, c, '2026-09-07', '16:00', '18:00');
    await expectRefused(s, `mutation($i: FileHezhangAfterSchoolPlanInput!){ fileHezhangAfterSchoolPlan(input:$i){ plan { isFiled } } }`, { i: { planId, filedOn: '2026-09-10', filingRef: 'x' } }, 'hezhang.after-school-plan-filed');
  });
});

describe('hezhang.after-school-content (附件1 三(三))', () => {
  it.each(['COLLECTIVE_TEACHING', 'NEW_LESSON', 'MAKE_UP_CLASS', 'EXAM_DRILL'])('a session of %s is refused', async (kind) => {
    const c = await school(s);
    await plan(s, c);
    await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:00', '18:00', { contentKind: kind }), 'hezhang.after-school-content');
  });
  it('reading, sports, arts and homework help pass', async () => {
    const c = await school(s);
    await plan(s, c);
    const days = weekdays('2026-09-07', 4);
    for (const [i, kind] of ['READING', 'SPORTS', 'ARTS', 'HOMEWORK_HELP'].entries()) await session(s, c, days[i]!, '16:00', '18:00', { contentKind: kind });
  });
});

describe('hezhang.outside-staff-approved (附件1 三(五)三)', () => {
  const LIST = `mutation($i: SubmitHezhangOutsideStaffListInput!){ submitHezhangOutsideStaffList(input:$i){ list { listId members { outsideStaffId name } } } }`;
  const APPROVE = `mutation($i: ApproveHezhangOutsideStaffListInput!){ approveHezhangOutsideStaffList(input:$i){ list { approvedOn } } }`;
  const ASSIGN = `mutation($i: AssignHezhangAfterSchoolStaffInput!){ assignHezhangAfterSchoolStaff(input:$i){ session { outsideStaff { name listApprovedOn } } } }`;
  it('outside staff not on an approved list cannot be assigned; once approved they can', async () => {
    const c = await school(s);
    await plan(s, c);
    const list = ok(await s.gql(LIST, { i: { schoolCode: c, submittedOn: '2026-08-20', members: [{ name: '王老师（退休）', kind: 'RETIRED_TEACHER', vettedOn: '2026-08-18' }] } })).submitHezhangOutsideStaffList.list;
    const staffId = list.members[0].outsideStaffId;
    await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:00', '18:00', { outsideStaffIds: [staffId] }), 'hezhang.outside-staff-approved');
    const sid = await session(s, c, '2026-09-07', '16:00', '18:00');
    await expectRefused(s, ASSIGN, { i: { sessionId: sid, outsideStaffIds: [staffId] } }, 'hezhang.outside-staff-approved');
    ok(await s.gql(APPROVE, { i: { listId: list.listId, approvedOn: '2026-09-01', approvalRef: '赫教科批〔2026〕3号' } }));
    const d = ok(await s.gql(ASSIGN, { i: { sessionId: sid, outsideStaffIds: [staffId] } }));
    expect(d.assignHezhangAfterSchoolStaff.session.outsideStaff).toEqual([{ name: '王老师（退休）', listApprovedOn: '2026-09-01' }]);
  });
  it('approval after the session day does not cover it', async () => {
    const c = await school(s);
    await plan(s, c);
    const list = ok(await s.gql(LIST, { i: { schoolCode: c, submittedOn: '2026-08-20', members: [{ name: '李教练', kind: 'PROFESSIONAL', vettedOn: '2026-08-18' }] } })).submitHezhangOutsideStaffList.list;
    ok(await s.gql(APPROVE, { i: { listId: list.listId, approvedOn: '2026-09-10', approvalRef: '批' } }));
    await expectRefused(s, SESSION, sess(c, '2026-09-07', '16:00', '18:00', { outsideStaffIds: [list.members[0].outsideStaffId] }), 'hezhang.outside-staff-approved');
    await session(s, c, '2026-09-10', '16:00', '18:00', { outsideStaffIds: [list.members[0].outsideStaffId] });
  });
});

describe('options (附件1 figures a county may override)', () => {
  it('hezhang.after-school-end-time: a county that sets the compulsory day-school end at 18:30 lets 18:30 pass, not 18:45', async () => {
    const o = await start({ afterSchool: { endBy: { COMPULSORY_DAY: '18:30' } } });
    try {
      const c = await school(o);
      await plan(o, c);
      await session(o, c, '2026-09-07', '16:30', '18:30');
      const e = await expectRefused(o, SESSION, sess(c, '2026-09-08', '16:45', '18:45'), 'hezhang.after-school-end-time');
      expect(e.extensions!.expected).toEqual({ endsBy: '18:30' });
    } finally {
      await o.close();
    }
  });
});
