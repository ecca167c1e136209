/**
 * 校长联席会议 (五(二)2): only a meeting chaired by the 学区长 with member principals present counts
 * towards the two-month rhythm; every member school attends each meeting (its principal or a recorded
 * deputy); and a meeting's major decisions are reported to the bureau in writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { schoolYearOf, todayInShanghai } from '@gongzhi/core';
import { Bureau, errorOf, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

const Y = '2019-2020';
const FREQ = 'beihai.joint-meeting-frequency';
const ATT = 'beihai.joint-meeting-attendance';
const BIMONTHLY = ['2019-09-02', '2019-10-31', '2019-12-31', '2020-02-29', '2020-04-29', '2020-06-29', '2020-08-29'];

const meet = (xuequId: string, heldOn: string, attendeePersonIds: string[], extra: Record<string, unknown> = {}) =>
  s.gql(
    `mutation($i: RecordBeihaiJointMeetingInput!){ recordBeihaiJointMeeting(input:$i){ meeting { id heldOn chair { personId } attendees { personId } deputies { person { personId } school { code } } tookMajorDecisions decisions reportFiledOn } } }`,
    { i: { groupId: xuequId, heldOn, attendeePersonIds, ...extra } },
  );
const meetingId = async (...args: Parameters<typeof meet>) => ok(await meet(...args)).recordBeihaiJointMeeting.meeting.id as string;

/** A 学区 of three schools with principals; `principals` lists the lead's first. */
async function threeSchools() {
  const [lead, m1, m2] = [await b.led(), await b.led(), await b.led()];
  const id = await b.xuequ(lead.code, [m1.code, m2.code]);
  return { id, lead, m1, m2, principals: [lead.principal, m1.principal, m2.principal] };
}

describe('beihai.joint-meeting-frequency (五(二)2): only a real joint meeting counts', () => {
  it('beihai.joint-meeting-frequency (五(二)2): a meeting chaired by someone other than the 学区长, or with no member principal present, does not count', async () => {
    const x = await threeSchools();
    for (const d of BIMONTHLY) {
      if (d === '2019-12-31') ok(await meet(x.id, d, [])); // the chair alone: no member principal
      else if (d === '2020-04-29') ok(await meet(x.id, d, x.principals, { chairPersonId: x.m1.principal })); // a member principal in the chair
      else ok(await meet(x.id, d, x.principals));
    }
    const f = await b.findingFor(Y, FREQ, x.id);
    expect(f.status).toBe('FAIL');
    expect(f.rule.cite).toEqual({ doc: '北教基教〔2018〕130号', clause: '五(二)2' });
    expect(f.expected).toEqual({ maxIntervalMonths: 2, chairedByHead: true, memberPrincipalPresent: true });
    expect(f.measured).toMatchObject({ meetings: 5, recorded: 7 });
    expect(f.measured.notCounted.map((m: any) => [m.heldOn, m.reasons])).toEqual([
      ['2019-12-31', ['NO_MEMBER_PRINCIPAL']],
      ['2020-04-29', ['CHAIR_NOT_HEAD']],
    ]);
    expect(f.measured.tooLongGaps.map((g: any) => `${g.from}→${g.to}`)).toEqual(['2019-10-31→2020-02-29', '2020-02-29→2020-06-29']);
    expect(f.message).toContain('2 次会议记录未由学区长主持或无成员学校校长出席');
  });

  it('beihai.joint-meeting-frequency (五(二)2): bimonthly meetings chaired by the 学区长 with one member principal absent still count (attendance is the other rule’s)', async () => {
    const x = await threeSchools();
    for (const d of BIMONTHLY) ok(await meet(x.id, d, [x.lead.principal, x.m1.principal]));
    expect(await b.findingFor(Y, FREQ, x.id)).toMatchObject({ status: 'PASS', measured: { meetings: 7, recorded: 7, notCounted: [] } });
    // The same meetings fail attendance, naming the absent school.
    const att = (await b.report(Y, ATT)).filter((f) => f.subjects.some((sj) => sj.key === x.id));
    expect(att).toHaveLength(7);
    expect(att.every((f) => f.status === 'FAIL' && f.measured.absentSchools.join() === x.m2.code)).toBe(true);
  });

  it('beihai.joint-meeting-frequency (五(二)2): a chair given by Relay id counts like the UUID', async () => {
    const x = await threeSchools();
    const relay = ok(await s.gql(`query($id: ID!){ person(id: $id) { id } }`, { id: x.lead.principal })).person.id as string;
    expect(relay).not.toBe(x.lead.principal);
    const m = ok(await meet(x.id, '2019-09-16', [relay, x.m1.principal, x.m2.principal], { chairPersonId: relay })).recordBeihaiJointMeeting.meeting;
    expect(m.chair.personId).toBe(x.lead.principal);
    expect(m.attendees.map((p: any) => p.personId).sort()).toEqual([...x.principals].sort());
  });
});

describe('beihai.joint-meeting-attendance (五(二)2)', () => {
  it('beihai.joint-meeting-attendance (五(二)2): every principal present, decisions recorded and reported in writing within two months passes', async () => {
    const x = await threeSchools();
    const a = await meetingId(x.id, '2019-09-16', x.principals, { decisions: ['制定学区章程'], reportFiledOn: '2019-10-10' });
    const c = await meetingId(x.id, '2019-11-15', x.principals, { tookMajorDecisions: false });
    const fa = await b.findingFor(Y, ATT, a);
    expect(fa.rule.cite).toEqual({ doc: '北教基教〔2018〕130号', clause: '五(二)2' });
    expect(fa).toMatchObject({
      status: 'PASS',
      measured: { heldOn: '2019-09-16', absentSchools: [], tookMajorDecisions: true, decisions: 1, reportFiledOn: '2019-10-10', reportDueBy: '2019-11-16', report: 'FILED' },
      expected: { everyMemberSchoolPresent: true, majorDecisionsRecorded: true, reportFiledWithinMonths: 2 },
    });
    expect(fa.measured.present.map((p: any) => p.as)).toEqual(['PRINCIPAL', 'PRINCIPAL', 'PRINCIPAL']);
    expect(await b.findingFor(Y, ATT, c)).toMatchObject({ status: 'PASS', measured: { tookMajorDecisions: false, report: 'NO_MAJOR_DECISIONS', reportDueBy: null } });
  });

  it('beihai.joint-meeting-attendance (五(二)2): a member school with neither its principal nor a deputy there fails, naming the meeting and the school', async () => {
    const x = await threeSchools();
    const id = await meetingId(x.id, '2019-10-08', [x.lead.principal, x.m1.principal], { tookMajorDecisions: false });
    const f = await b.findingFor(Y, ATT, id);
    expect(f).toMatchObject({ status: 'FAIL', measured: { absentSchools: [x.m2.code] } });
    expect(f.subjects.map((sj) => `${sj.type}:${sj.key}`)).toEqual(expect.arrayContaining([`SchoolGroup:${x.id}`, `BeihaiJointMeeting:${id}`, `School:${x.m2.code}`]));
    expect(f.message).toContain('2019-10-08');
    expect(f.message).toContain(`测试学校${x.m2.code}`);
  });

  it('beihai.joint-meeting-attendance (五(二)2): a recorded deputy who works at the school stands in for its principal; one who does not, does not', async () => {
    const x = await threeSchools();
    const vice = await b.person('副校长');
    await b.post(vice, 'VICE_PRINCIPAL', x.m2.code);
    const stranger = await b.person('外校教师');
    await b.post(stranger, 'TEACHER', x.m1.code);
    const r = ok(await meet(x.id, '2019-10-09', [x.lead.principal, x.m1.principal], { deputies: [{ personId: vice, schoolCode: x.m2.code }], tookMajorDecisions: false })).recordBeihaiJointMeeting.meeting;
    expect(r.deputies).toEqual([{ person: { personId: vice }, school: { code: x.m2.code } }]);
    expect(r.attendees.map((p: any) => p.personId)).toContain(vice);
    const ok1 = await b.findingFor(Y, ATT, r.id);
    expect(ok1).toMatchObject({ status: 'PASS', measured: { absentSchools: [] } });
    expect(ok1.measured.present).toContainEqual({ schoolCode: x.m2.code, personId: vice, as: 'DEPUTY' });

    const bad = await meetingId(x.id, '2019-10-10', [x.lead.principal, x.m1.principal], { deputies: [{ personId: stranger, schoolCode: x.m2.code }], tookMajorDecisions: false });
    expect(await b.findingFor(Y, ATT, bad)).toMatchObject({ status: 'FAIL', measured: { absentSchools: [x.m2.code], deputiesWithoutPost: [{ personId: stranger, schoolCode: x.m2.code }] } });
  });

  it('beihai.joint-meeting-attendance (五(二)2): not saying whether it took major decisions, or not reporting them in writing in time, fails', async () => {
    const x = await threeSchools();
    const unrecorded = await meetingId(x.id, '2019-09-20', x.principals);
    const overdue = await meetingId(x.id, '2019-11-20', x.principals, { decisions: ['统一教学进度'] });
    const late = await meetingId(x.id, '2020-01-10', x.principals, { decisions: ['统一质量监测'], reportFiledOn: '2020-04-01' });
    expect(await b.findingFor(Y, ATT, unrecorded)).toMatchObject({ status: 'FAIL', measured: { tookMajorDecisions: null, report: 'UNRECORDED' } });
    expect(await b.findingFor(Y, ATT, overdue)).toMatchObject({ status: 'FAIL', measured: { tookMajorDecisions: true, reportFiledOn: null, reportDueBy: '2020-01-20', report: 'OVERDUE' } });
    const f = await b.findingFor(Y, ATT, late);
    expect(f).toMatchObject({ status: 'FAIL', measured: { reportFiledOn: '2020-04-01', reportDueBy: '2020-03-10', report: 'LATE' } });
    expect(f.message).toContain('2020-03-10');
    // Filing the overdue report in time turns it into a pass.
    ok(await s.gql(`mutation($i: FileBeihaiJointMeetingReportInput!){ fileBeihaiJointMeetingReport(input:$i){ meeting { id } } }`, { i: { meetingId: overdue, filedOn: '2020-01-15' } }));
    expect(await b.findingFor(Y, ATT, overdue)).toMatchObject({ status: 'PASS', measured: { report: 'FILED' } });
  });

  it('beihai.joint-meeting-attendance (五(二)2): a report not yet due in the running year is a warning', async () => {
    const x = await threeSchools();
    const today = todayInShanghai();
    const id = await meetingId(x.id, today, x.principals, { decisions: ['学区工作计划'] });
    expect(await b.findingFor(schoolYearOf(today), ATT, id)).toMatchObject({ status: 'WARN', measured: { report: 'PENDING', reportFiledOn: null } });
  });

  it('beihai.joint-meeting-attendance (五(二)2): a 学区 that held no meeting in a past year fails', async () => {
    const x = await threeSchools();
    expect(await b.findingFor(Y, ATT, x.id)).toMatchObject({ status: 'FAIL', measured: { meetings: 0 } });
  });

  it('recordBeihaiJointMeeting: contradictory decisions, a deputy for a school outside the 学区 and a malformed person id are BAD_USER_INPUT', async () => {
    const x = await threeSchools();
    const other = await b.led();
    expect(errorOf(await meet(x.id, '2019-09-20', x.principals, { tookMajorDecisions: true })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decisions' });
    expect(errorOf(await meet(x.id, '2019-09-20', x.principals, { tookMajorDecisions: false, decisions: ['x'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tookMajorDecisions' });
    expect(errorOf(await meet(x.id, '2019-09-20', x.principals, { deputies: [{ personId: other.principal, schoolCode: other.code }] })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.deputies.0.schoolCode',
    });
    expect(errorOf(await meet(x.id, '2019-09-20', ['not-an-id'])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attendeePersonIds.0' });
    expect(errorOf(await meet(x.id, '2019-09-20', x.principals, { chairPersonId: 'nope' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.chairPersonId' });
    const none = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ jointMeetings { id } } }`, { id: x.id })).beihaiXuequ.jointMeetings;
    expect(none).toEqual([]);
  });
});
