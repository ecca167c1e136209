/** What a 学区 does in a year: joint meetings (五(二)2), subject centre groups (五(二)4), exchanges (五(二)5(4)), the work plan (六(二)). */
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
const meet = (xuequId: string, heldOn: string, attendeePersonIds: string[] = [], extra: Record<string, unknown> = {}) =>
  s.gql(`mutation($i: RecordBeihaiJointMeetingInput!){ recordBeihaiJointMeeting(input:$i){ meeting { id heldOn chair { personId } attendees { personId } decisions hasReportedToBureau reportFiledOn } } }`, {
    i: { groupId: xuequId, heldOn, attendeePersonIds, ...extra },
  });

describe('beihai.joint-meeting-frequency (五(二)2)', () => {
  it('beihai.joint-meeting-frequency (五(二)2): meetings in Sep, Jan, Mar and Jun fail and name the longest gap', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    for (const d of ['2019-09-16', '2020-01-13', '2020-03-16', '2020-06-15']) ok(await meet(id, d, [lead.principal, m.principal]));
    const f = await b.findingFor(Y, 'beihai.joint-meeting-frequency', id);
    expect(f.status).toBe('FAIL');
    expect(f.rule.cite).toEqual({ doc: '北教基教〔2018〕130号', clause: '五(二)2' });
    expect(f.expected).toEqual({ maxIntervalMonths: 2, chairedByHead: true, memberPrincipalPresent: true });
    expect(f.measured.meetings).toBe(4);
    expect(f.measured.longestGap).toEqual({ from: '2019-09-16', to: '2020-01-13', days: 119, months: 3.9 });
    // Every gap over two months is listed: Sep→Jan, Jan 13→Mar 16 (two months and three days), Mar→Jun, Jun→the year's end.
    expect(f.measured.tooLongGaps.map((g: any) => `${g.from}→${g.to}`)).toEqual(['2019-09-16→2020-01-13', '2020-01-13→2020-03-16', '2020-03-16→2020-06-15', '2020-06-15→2020-08-31']);
    expect(f.message).toContain('2019-09-16');
  });

  it('beihai.joint-meeting-frequency (五(二)2): a meeting every two months passes; the chair defaults to the 学区长', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    // Only a meeting the 学区长 chairs with member principals present counts (joint-meetings.test.ts).
    for (const d of ['2019-10-31', '2019-12-31', '2020-02-29', '2020-04-29', '2020-06-29', '2020-08-29']) ok(await meet(id, d, [lead.principal, m.principal]));
    const first = ok(await meet(id, '2019-09-02', [lead.principal, m.principal], { decisions: ['制定学区章程'], reportFiledOn: '2019-09-10' })).recordBeihaiJointMeeting.meeting;
    expect(first).toMatchObject({ chair: { personId: lead.principal }, decisions: ['制定学区章程'], hasReportedToBureau: true });
    expect(first.attendees.length).toBe(2);
    const f = await b.findingFor(Y, 'beihai.joint-meeting-frequency', id);
    expect(f).toMatchObject({ status: 'PASS', measured: { meetings: 7 } });
  });

  it('beihai.joint-meeting-frequency (五(二)2): a 学区 with no meeting at all fails from the first day of the year', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const f = await b.findingFor(Y, 'beihai.joint-meeting-frequency', id);
    expect(f).toMatchObject({ status: 'FAIL', measured: { meetings: 0, longestGap: { from: '2019-09-01', to: '2020-08-31' } } });
  });

  it('records the written report to the bureau later (五(二)2 书面汇报)', async () => {
    const [lead, m] = [await b.led(), await b.led()];
    const id = await b.xuequ(lead.code, [m.code]);
    const mt = ok(await meet(id, '2019-11-01')).recordBeihaiJointMeeting.meeting;
    expect(mt.hasReportedToBureau).toBe(false);
    const early = await s.gql(`mutation($i: FileBeihaiJointMeetingReportInput!){ fileBeihaiJointMeetingReport(input:$i){ meeting { hasReportedToBureau } } }`, { i: { meetingId: mt.id, filedOn: '2019-10-01' } });
    expect(errorOf(early).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filedOn' });
    const r = ok(await s.gql(`mutation($i: FileBeihaiJointMeetingReportInput!){ fileBeihaiJointMeetingReport(input:$i){ meeting { hasReportedToBureau reportFiledOn } } }`, { i: { meetingId: mt.id, filedOn: '2019-11-08' } }));
    expect(r.fileBeihaiJointMeetingReport.meeting).toEqual({ hasReportedToBureau: true, reportFiledOn: '2019-11-08' });
    const listed = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ jointMeetings(schoolYear: "2019-2020") { heldOn } } }`, { id })).beihaiXuequ.jointMeetings;
    expect(listed).toEqual([{ heldOn: '2019-11-01' }]);
  });
});

describe('beihai.subject-group-shape (五(二)4)', () => {
  let xuequId: string;
  let leader: string;
  let weakLeader: string;
  let staff: string[];
  let outsider: string;
  beforeAll(async () => {
    const [lead, m] = [await b.led(), await b.led()];
    xuequId = await b.xuequ(lead.code, [m.code]);
    leader = await b.person('数学名师', 'CITY');
    weakLeader = await b.person('县级骨干', 'COUNTY');
    await b.post(leader, 'TEACHER', lead.code);
    await b.post(weakLeader, 'TEACHER', lead.code);
    staff = await b.teachers(m.code, 8);
    const elsewhere = await b.school();
    outsider = await b.person('校外教师');
    await b.post(outsider, 'TEACHER', elsewhere);
  });
  const create = (input: Record<string, unknown>) =>
    s.gql(`mutation($i: CreateBeihaiSubjectGroupInput!){ createBeihaiSubjectGroup(input:$i){ subjectGroup { id name stage termStart termEnd leader { personId } members { personId } } } }`, {
      i: { groupId: xuequId, kind: 'PRIMARY_MATHS', name: '小学数学学科中心组', leaderPersonId: leader, termStart: '2019-09-01', ...input },
    });
  const refused = (r: Awaited<ReturnType<typeof create>>) => {
    const e = errorOf(r);
    expect(e.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'beihai.subject-group-shape', cite: { clause: '五(二)4' } } });
    return e.extensions as any;
  };

  it('beihai.subject-group-shape (五(二)4): accepts a city-level leader with 4 members; the term defaults to two years', async () => {
    const g = ok(await create({ memberPersonIds: staff.slice(0, 4) })).createBeihaiSubjectGroup.subjectGroup;
    expect(g).toMatchObject({ stage: 'PRIMARY', termStart: '2019-09-01', termEnd: '2021-08-31', leader: { personId: leader } });
    expect(g.members.length).toBe(4);
    ok(await create({ memberPersonIds: staff.slice(0, 6), kind: 'PRIMARY_CHINESE', name: '小学语文学科中心组' }));
  });

  it('beihai.subject-group-shape (五(二)4): refuses 3 members and 7 members (the leader is not counted among the 组员)', async () => {
    expect(refused(await create({ memberPersonIds: staff.slice(0, 3) }))).toMatchObject({ measured: { members: 3 }, expected: { members: { min: 4, max: 6, leaderCounted: false } } });
    expect(refused(await create({ memberPersonIds: staff.slice(0, 7) })).measured.members).toBe(7);
    // The leader listed among the members is not counted twice.
    expect(refused(await create({ memberPersonIds: [leader, ...staff.slice(0, 3)] })).measured.members).toBe(3);
  });

  it('beihai.subject-group-shape (五(二)4): refuses a county-level leader and a term longer than two years', async () => {
    expect(refused(await create({ leaderPersonId: weakLeader, memberPersonIds: staff.slice(0, 4) })).measured.leaderBackboneLevel).toBe('COUNTY');
    expect(refused(await create({ memberPersonIds: staff.slice(0, 4), termEnd: '2021-09-01' })).expected.maxTermYears).toBe(2);
  });

  it('beihai.subject-group-shape (五(二)4): a leader qualifies as a city-level 名师 or 学科带头人 without a 骨干 level; a county-level title or a title without its level does not', async () => {
    // 五(二)4 "组长一般由市级及以上名师、学科带头人、骨干教师等担任": any of the three.
    const famous = ok(await create({ leaderPersonId: weakLeader, leaderHonour: 'FAMOUS_TEACHER', leaderHonourLevel: 'CITY', memberPersonIds: staff.slice(0, 4), kind: 'PRIMARY_INTEGRATED', name: '小学综合学科中心组' }));
    expect(famous.createBeihaiSubjectGroup.subjectGroup.leader.personId).toBe(weakLeader);
    const county = refused(await create({ leaderPersonId: weakLeader, leaderHonour: 'SUBJECT_LEADER', leaderHonourLevel: 'COUNTY', memberPersonIds: staff.slice(0, 4) }));
    expect(county.measured).toMatchObject({ leaderBackboneLevel: 'COUNTY', leaderHonour: { title: 'SUBJECT_LEADER', level: 'COUNTY' } });
    expect(errorOf(await create({ leaderPersonId: weakLeader, leaderHonour: 'FAMOUS_TEACHER', memberPersonIds: staff.slice(0, 4) })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leaderHonourLevel' });
  });

  it('beihai.subject-group-shape (五(二)4): refuses a member who works at no school of the 学区', async () => {
    expect(refused(await create({ memberPersonIds: [...staff.slice(0, 3), outsider] })).measured.outsiders).toEqual([outsider]);
  });

  it('beihai.subject-group-shape (五(二)4): checks again when members change during the term (动态管理), and keeps the old list on refusal', async () => {
    const g = ok(await create({ memberPersonIds: staff.slice(0, 5), kind: 'PRIMARY_INTEGRATED', name: '小学综合学科中心组' })).createBeihaiSubjectGroup.subjectGroup;
    const upd = (memberPersonIds: string[]) => s.gql(`mutation($i: UpdateBeihaiSubjectGroupInput!){ updateBeihaiSubjectGroup(input:$i){ subjectGroup { members { personId } } } }`, { i: { id: g.id, memberPersonIds } });
    expect(errorOf(await upd(staff.slice(0, 2))).extensions?.rule).toMatchObject({ id: 'beihai.subject-group-shape' });
    const now = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ subjectGroups { id members { personId } } } }`, { id: xuequId })).beihaiXuequ.subjectGroups.find((x: any) => x.id === g.id);
    expect(now.members.length).toBe(5);
    expect(ok(await upd(staff.slice(2, 8))).updateBeihaiSubjectGroup.subjectGroup.members.length).toBe(6);
  });

  it('beihai.subject-group-shape (五(二)4): a primary 学区 has Chinese, maths and integrated groups; a junior grade group does not suit it', async () => {
    const e = refused(await create({ kind: 'JUNIOR_GRADE', grade: 7, name: '七年级组', memberPersonIds: staff.slice(0, 4) }));
    expect(e.measured).toMatchObject({ kind: 'JUNIOR_GRADE', xuequStages: ['PRIMARY'] });
    expect(e.expected.kindSuitsXuequStage).toEqual({ PRIMARY: ['PRIMARY_CHINESE', 'PRIMARY_MATHS', 'PRIMARY_INTEGRATED'], JUNIOR: ['JUNIOR_GRADE'] });
  });

  it('beihai.subject-group-shape (五(二)4): a junior 学区 forms its groups by grade (初中以年级组为单位); a primary subject group does not suit it', async () => {
    const [lead, m] = [await b.led('J'), await b.led('J')];
    const junior = await b.xuequ(lead.code, [m.code]);
    const head = await b.person('初中名师', 'CITY');
    await b.post(head, 'TEACHER', lead.code);
    const teachers = await b.teachers(m.code, 4);
    const mk = (kind: string, extra: Record<string, unknown> = {}) =>
      s.gql(`mutation($i: CreateBeihaiSubjectGroupInput!){ createBeihaiSubjectGroup(input:$i){ subjectGroup { stage grade } } }`, {
        i: { groupId: junior, kind, name: `${kind}组`, leaderPersonId: head, memberPersonIds: teachers, termStart: '2019-09-01', ...extra },
      });
    expect(ok(await mk('JUNIOR_GRADE', { grade: 8, subject: '数学' })).createBeihaiSubjectGroup.subjectGroup).toEqual({ stage: 'JUNIOR', grade: 8 });
    const e = refused(await mk('PRIMARY_MATHS'));
    expect(e.measured).toMatchObject({ kind: 'PRIMARY_MATHS', xuequStages: ['JUNIOR'] });
    expect(e.subjects).toContainEqual({ type: 'SchoolGroup', key: junior });
  });

  it('beihai.subject-group-shape (五(二)4): core’s updateSchool that turns a nine-year lead into a junior school is refused while its primary groups are in term', async () => {
    // Two nine-year schools: the members still share the lead's junior stage afterwards (same-stage holds), the primary group no longer suits.
    const [lead, m] = [await b.led('NINE'), await b.led('NINE')];
    const grp = await b.xuequ(lead.code, [m.code]);
    const head = await b.person('小学名师', 'CITY');
    await b.post(head, 'TEACHER', lead.code);
    const teachers = await b.teachers(m.code, 4);
    ok(
      await s.gql(`mutation($i: CreateBeihaiSubjectGroupInput!){ createBeihaiSubjectGroup(input:$i){ subjectGroup { id } } }`, {
        i: { groupId: grp, kind: 'PRIMARY_CHINESE', name: '小学语文学科中心组', leaderPersonId: head, memberPersonIds: teachers, termStart: todayInShanghai() },
      }),
    );
    const r = await s.gql(`mutation($i: UpdateSchoolInput!){ updateSchool(input:$i){ school { code } } }`, { i: { code: lead.code, schoolType: '311' } });
    expect(errorOf(r).extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: { id: 'beihai.subject-group-shape' }, measured: { kind: 'PRIMARY_CHINESE', xuequStages: ['JUNIOR'] } });
    const still = ok(await s.gql(`query($c: SchoolCode!){ school(code:$c){ schoolType { code } } }`, { c: lead.code })).school;
    expect(still.schoolType.code).toBe('312');
  });

  it('asks a junior grade group for its grade', async () => {
    const e = errorOf(await create({ kind: 'JUNIOR_GRADE', memberPersonIds: staff.slice(0, 4) }));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.grade' });
  });

  it('forms a moral-education team (五(二)5(3))', async () => {
    const r = ok(
      await s.gql(`mutation($i: FormBeihaiMoralEducationTeamInput!){ formBeihaiMoralEducationTeam(input:$i){ team { leader { personId } leaderHonour leaderHonourLevel members { personId } } } }`, {
        i: { groupId: xuequId, leaderPersonId: leader, leaderHonour: 'FAMOUS_HEAD_TEACHER', leaderHonourLevel: 'CITY', memberPersonIds: staff.slice(0, 3), establishedOn: '2019-09-01' },
      }),
    );
    expect(r.formBeihaiMoralEducationTeam.team).toMatchObject({ leaderHonour: 'FAMOUS_HEAD_TEACHER', leaderHonourLevel: 'CITY' });
    expect(ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ moralEducationTeams { members { personId } } } }`, { id: xuequId })).beihaiXuequ.moralEducationTeams[0].members.length).toBe(3);
  });
});

describe('beihai.exchange-rate (五(二)5(4))', () => {
  let xuequId: string;
  let s1: string;
  let s2: string;
  let t: string[];
  beforeAll(async () => {
    const [lead, m] = [await b.led(), await b.led()];
    [s1, s2] = [lead.code, m.code];
    xuequId = await b.xuequ(s1, [s2]);
    // 100 teachers: 60 + 40; the first two are county-level backbone teachers.
    t = [...(await b.teachers(s1, 60, 2)), ...(await b.teachers(s2, 40))];
  });
  async function exchange(people: string[], start: string, end: string) {
    const ms = people.map((p, i) => `e${i}: recordBeihaiExchange(input: { groupId: "${xuequId}", personId: "${p}", fromSchoolCode: "${s1}", toSchoolCode: "${s2}", kind: ROTATION, startDate: "${start}", endDate: "${end}" }) { exchange { id isBackbone group { groupId } } }`);
    // At most 15 aliases a request (the server's limit, issue 14): sent in chunks.
    const data: Record<string, any> = {};
    for (let i = 0; i < ms.length; i += 15) Object.assign(data, ok(await s.gql(`mutation { ${ms.slice(i, i + 15).join('\n')} }`)));
    return data;
  }

  it('beihai.exchange-rate (五(二)5(4)): exchanges of 9% of the teachers fail', async () => {
    await exchange(t.slice(20, 29), '2019-09-01', '2020-07-15');
    const f = await b.findingFor(Y, 'beihai.exchange-rate', xuequId);
    expect(f).toMatchObject({ status: 'FAIL', measured: { teachers: 100, exchanged: 9, rate: 0.09 }, expected: { minRate: 0.1, minBackboneShare: 0.2 } });
  });

  it('beihai.exchange-rate (五(二)5(4)): 10% with 2 of 10 backbone passes', async () => {
    const d = await exchange(t.slice(0, 10), '2020-09-01', '2021-07-15');
    expect(d.e0.exchange).toMatchObject({ isBackbone: true, group: { groupId: xuequId } });
    const f = await b.findingFor('2020-2021', 'beihai.exchange-rate', xuequId);
    expect(f).toMatchObject({ status: 'PASS', measured: { teachers: 100, exchanged: 10, backboneExchanged: 2, rate: 0.1, backboneShare: 0.2 } });
  });

  it('beihai.exchange-rate (五(二)5(4)): 10% with 1 of 10 backbone fails', async () => {
    await exchange(t.slice(1, 11), '2021-09-01', '2022-07-15');
    const f = await b.findingFor('2021-2022', 'beihai.exchange-rate', xuequId);
    expect(f).toMatchObject({ status: 'FAIL', measured: { exchanged: 10, backboneExchanged: 1, backboneShare: 0.1 } });
  });

  it('beihai.exchange-rate (五(二)5(4)): only 轮岗/蹲点 within the 学区 count — 跨校兼课 and moves out do not', async () => {
    const other = await b.school();
    const core = (p: string, to: string, kind: string) =>
      `recordExchange(input: { personId: "${p}", fromSchoolCode: "${s1}", toSchoolCode: "${to}", kind: ${kind}, startDate: "2022-09-01", endDate: "2023-07-15" }) { exchange { id } }`;
    // 2022-2023: 9 rotations inside (9%), plus one 跨校兼课 inside and one rotation out of the 学区.
    await exchange(t.slice(20, 29), '2022-09-01', '2023-07-15');
    ok(await s.gql(`mutation { a: ${core(t[40]!, s2, 'CROSS_SCHOOL_TEACHING')} b: ${core(t[41]!, other, 'ROTATION')} }`));
    const f = await b.findingFor('2022-2023', 'beihai.exchange-rate', xuequId);
    expect(f).toMatchObject({ status: 'FAIL', measured: { teachers: 100, exchanged: 9 } });
    // A 蹲点 exchange inside the 学区 counts: 10%.
    ok(await s.gql(`mutation { c: ${core(t[42]!, s2, 'FIELD_STAY')} }`));
    expect(await b.findingFor('2022-2023', 'beihai.exchange-rate', xuequId)).toMatchObject({ measured: { exchanged: 10 } });
  });

  it('recordBeihaiExchange refuses a school outside the 学区 (学区内交流)', async () => {
    const other = await b.school();
    const r = await s.gql(`mutation($i: RecordBeihaiExchangeInput!){ recordBeihaiExchange(input:$i){ exchange { id } } }`, {
      i: { groupId: xuequId, personId: t[50], fromSchoolCode: s1, toSchoolCode: other, kind: 'ROTATION', startDate: '2019-09-01' },
    });
    expect(errorOf(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toSchoolCode' });
  });
});

describe('beihai.plan-filed (六(二))', () => {
  const file = (xuequId: string, schoolYear: string, filedOn: string | null) =>
    s.gql(`mutation($i: FileBeihaiWorkPlanInput!){ fileBeihaiWorkPlan(input:$i){ plan { kind schoolYear filedOn } } }`, { i: { groupId: xuequId, schoolYear, title: `${schoolYear}学年学区工作计划`, filedOn } });
  async function xq() {
    const [lead, m] = [await b.led(), await b.led()];
    return b.xuequ(lead.code, [m.code]);
  }

  it('beihai.plan-filed (六(二)): a plan filed by 25 January passes; one filed on 1 February fails; none fails', async () => {
    const [onTime, late, none] = [await xq(), await xq(), await xq()];
    expect(ok(await file(onTime, Y, '2020-01-20')).fileBeihaiWorkPlan.plan).toEqual({ kind: 'WORK_PLAN', schoolYear: Y, filedOn: '2020-01-20' });
    ok(await file(late, Y, '2020-02-01'));
    ok(await file(none, Y, null));
    expect(await b.findingFor(Y, 'beihai.plan-filed', onTime)).toMatchObject({ status: 'PASS', expected: { filedBy: '2020-01-25' }, measured: { filedOn: '2020-01-20' } });
    expect(await b.findingFor(Y, 'beihai.plan-filed', late)).toMatchObject({ status: 'FAIL', measured: { filedOn: '2020-02-01' } });
    expect(await b.findingFor(Y, 'beihai.plan-filed', none)).toMatchObject({ status: 'FAIL', measured: { filedOn: null } });
    const wp = ok(await s.gql(`query($id: ID!){ beihaiXuequ(id:$id){ workPlan(schoolYear: "2019-2020") { filedOn } } }`, { id: onTime })).beihaiXuequ.workPlan;
    expect(wp).toEqual({ filedOn: '2020-01-20' });
  });

  it('beihai.plan-filed (六(二)): the seeded 学区 (formed 2018-12-31) were due on 2019-01-25, the document’s own date', async () => {
    const seeded = (await b.report('2018-2019', 'beihai.plan-filed')).filter((f) => f.expected?.filedBy);
    expect(seeded.length).toBeGreaterThanOrEqual(5);
    expect(seeded.every((f) => f.expected.filedBy === '2019-01-25')).toBe(true);
  });

  it('beihai.plan-filed (六(二)): a plan not yet due is a warning, not a fault', async () => {
    const id = await xq();
    const current = schoolYearOf(todayInShanghai());
    const next = `${Number(current.slice(0, 4)) + 1}-${Number(current.slice(0, 4)) + 2}`;
    expect(await b.findingFor(next, 'beihai.plan-filed', id)).toMatchObject({ status: 'WARN', measured: { filedOn: null } });
  });
});
