import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, expectRefused, finding, findings, ok, type TestServer } from '@gongzhi/server/testing';
import { COUNTY, school, start, teacher, township } from './helpers.js';
import { townshipByName } from '../src/domain.js';

const Y = '2025-2026';
let s: TestServer;
let village: string; // a non-pilot township
let primary: string;
let punctual: string;
let pilot: string; // a primary school in 古基镇, a pilot township
let tLate: string;
let tOnTime: string;
let tPilot: string;
let tFlex: string;

const DAY = `mutation($i: RecordHezhangAttendanceInput!) { recordHezhangAttendance(input: $i) { day { day pmOut absenceKind } } }`;
const FLEX = `mutation($i: ArrangeHezhangFlexibleHoursInput!) { arrangeHezhangFlexibleHours(input: $i) { arrangement { dailyHours } } }`;
const PUBLISH = `mutation($i: PublishHezhangAttendanceWeekInput!) { publishHezhangAttendanceWeek(input: $i) { school { code } } }`;
const day = (schoolCode: string, personId: string, d: string, pmOut = '17:00') => ({ i: { schoolCode, personId, day: d, amIn: '08:25', amOut: '11:45', pmIn: '14:25', pmOut } });

beforeAll(async () => {
  s = await start();
  village = await township(s);
  primary = await school(s, village, '211', '测试小学');
  punctual = await school(s, village, '211', '守时小学');
  pilot = await school(s, townshipByName('古基镇').code, '211', '古基测试小学');
  tLate = await teacher(s, primary, { stage: 'PRIMARY' });
  tOnTime = await teacher(s, punctual, { stage: 'PRIMARY' });
  tPilot = await teacher(s, pilot, { stage: 'PRIMARY' });
  tFlex = await teacher(s, punctual, { stage: 'PRIMARY' });
});
afterAll(() => s?.close());

describe('hezhang.flexible-minimum (二(一)2 每天上班集中办公时间不得低于5小时)', () => {
  const input = (dailyHours: number, difficulty = '照顾重病家属') => ({ i: { personId: tFlex, schoolCode: punctual, difficulty, dailyHours, approvedBy: '校长', validFrom: '2025-09-01' } });
  it('refuses a flexible arrangement of 4.5 hours, and writes nothing', async () => {
    const e = await expectRefused(s, FLEX, input(4.5), 'hezhang.flexible-minimum');
    expect(e.extensions).toMatchObject({ measured: { dailyHours: 4.5 }, expected: { minDailyHours: 5 }, rule: { cite: { clause: '二(一)2' } } });
  });
  it('refuses one that states no difficulty', async () => {
    await expectRefused(s, FLEX, input(6, '   '), 'hezhang.flexible-minimum');
  });
  it('accepts 5 hours with the difficulty stated', async () => {
    expect(ok(await s.gql(FLEX, input(5))).arrangeHezhangFlexibleHours.arrangement.dailyHours).toBe(5);
  });
});

describe('hezhang.absence-kind (二(一)3 事假、病假、婚假、产假、培训学习及因公出差等都要登记备案)', () => {
  const absence = (absenceKind: string, extra: Record<string, unknown> = {}) => ({ i: { schoolCode: punctual, personId: tOnTime, day: '2025-11-05', absenceKind, approvedBy: '校长', ...extra } });
  it('refuses OTHER without a description, and an absence without its approval', async () => {
    await expectRefused(s, DAY, absence('OTHER'), 'hezhang.absence-kind');
    await expectRefused(s, DAY, absence('SICK', { approvedBy: null }), 'hezhang.absence-kind');
  });
  it('accepts one of the six kinds, and OTHER with its description', async () => {
    expect(ok(await s.gql(DAY, absence('SICK'))).recordHezhangAttendance.day.absenceKind).toBe('SICK');
    expect(ok(await s.gql(DAY, absence('OTHER', { absenceNote: '参加县运动会裁判工作', day: '2025-11-06' }))).recordHezhangAttendance.day.absenceKind).toBe('OTHER');
  });
});

describe('hezhang.office-hours (二(一)2 小学上午8:30-11:40，下午14:30-17:00; 二(一)4 phases)', () => {
  beforeAll(async () => {
    ok(await s.gql(DAY, day(primary, tLate, '2025-11-03', '16:30')));
    ok(await s.gql(DAY, day(punctual, tOnTime, '2025-11-03', '17:00')));
    // Before 2022-08: the same 16:30 in a non-pilot township and in the pilot 古基镇.
    ok(await s.gql(DAY, day(primary, tLate, '2021-11-02', '16:30')));
    ok(await s.gql(DAY, day(pilot, tPilot, '2021-11-02', '16:30')));
  });

  it('fails a primary teacher’s day that signs out at 16:30, naming the day and the hours', async () => {
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.office-hours', subject: primary });
    expect(f).toMatchObject({ status: 'FAIL', measured: { shortDays: 1, examples: [{ personId: tLate, day: '2025-11-03' }] }, rule: { cite: { clause: '二(一)2、4' } } });
    expect((f.expected as any).officeHours.PRIMARY).toEqual({ amStart: '08:30', amEnd: '11:40', pmStart: '14:30', pmEnd: '17:00' });
  });
  it('passes the day that signs out at 17:00, and the absences (registered with their kind)', async () => {
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.office-hours', subject: punctual });
    expect(f).toMatchObject({ status: 'PASS', measured: { shortDays: 0, absences: 2, days: 3 } });
  });
  it('before 2022-08 the day in a non-pilot township is NOT_APPLICABLE; in the pilot 古基镇 it fails', async () => {
    expect((await finding(s, { localityCode: COUNTY, schoolYear: '2021-2022', ruleId: 'hezhang.office-hours', subject: primary })).status).toBe('NOT_APPLICABLE');
    expect((await finding(s, { localityCode: COUNTY, schoolYear: '2021-2022', ruleId: 'hezhang.office-hours', subject: pilot })).status).toBe('FAIL');
  });
  it('a county option moves the hours: with the primary day ending 16:30 the 16:30 sign-out passes', async () => {
    const ENABLE = `mutation($o: JSON) { enableGovernance(input: { localityCode: "${COUNTY}", plugin: "hezhang", options: $o }) { locality { code } } }`;
    ok(await s.gql(ENABLE, { o: { officeHours: { PRIMARY: { amStart: '08:30', amEnd: '11:40', pmStart: '14:30', pmEnd: '16:30' } } } }));
    try {
      expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.office-hours', subject: primary })).status).toBe('PASS');
    } finally {
      ok(await s.gql(ENABLE, { o: {} }));
    }
  });
  it('a flexible arrangement judges the day by its 5 hours: 4 h 50 min falls short, 5 h 10 min passes though it ends at 16:30', async () => {
    // tFlex has a 5-hour arrangement from 2025-09-01 (hezhang.flexible-minimum above).
    ok(await s.gql(DAY, { i: { schoolCode: punctual, personId: tFlex, day: '2025-11-04', amIn: '08:30', amOut: '11:40', pmIn: '14:30', pmOut: '16:10' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.office-hours', subject: punctual })).measured).toMatchObject({ shortDays: 1 });
    ok(await s.gql(DAY, { i: { schoolCode: punctual, personId: tFlex, day: '2025-11-04', amIn: '08:30', amOut: '11:40', pmIn: '14:30', pmOut: '16:30' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.office-hours', subject: punctual })).measured).toMatchObject({ shortDays: 0 });
  });
});

describe('hezhang.weekly-attendance-published (二(一)3 每周公布一次教师考勤情况)', () => {
  it('reports the week of 2025-11-03 that was not published, then passes once it is', async () => {
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.weekly-attendance-published', subject: primary });
    expect(f).toMatchObject({ status: 'FAIL', measured: { unpublished: 1, unpublishedWeeks: ['2025-11-03'] } });
    ok(await s.gql(PUBLISH, { i: { schoolCode: primary, weekStart: '2025-11-03' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.weekly-attendance-published', subject: primary })).status).toBe('PASS');
  });
  it('refuses a week that does not start on a Monday (BAD_USER_INPUT naming the field)', async () => {
    expect(errorOf(await s.gql(PUBLISH, { i: { schoolCode: primary, weekStart: '2025-11-04' } }), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'input.weekStart' });
  });
  it('hezhangAttendanceWeek gives the week’s days, counts and publication', async () => {
    const d = ok(await s.gql(`{ hezhangAttendanceWeek(schoolCode: "${primary}", weekStart: "2025-11-03") { weekStart publishedAt summary { days absences } days(first: 10) { edges { node { day pmOut person { personId } } } } } }`));
    expect(d.hezhangAttendanceWeek.summary).toEqual({ days: 1, absences: 0 });
    expect(d.hezhangAttendanceWeek.publishedAt).not.toBeNull();
    expect(d.hezhangAttendanceWeek.days.edges.map((e: any) => [e.node.day, e.node.pmOut])).toEqual([['2025-11-03', '16:30']]);
  });
});

describe('hezhang.attendance-rules-filed (二(一)4 二是 制定实施细则 … 报教育科技局备案)', () => {
  const FILE = `mutation($i: FileHezhangAttendanceRulesInput!) { fileHezhangAttendanceRules(input: $i) { filing { filedOn } } }`;
  it('fails a school in scope that filed none, passes once filed; a non-pilot is NOT_APPLICABLE in the pilot year', async () => {
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.attendance-rules-filed', subject: primary })).status).toBe('FAIL');
    ok(await s.gql(FILE, { i: { schoolCode: primary, filedOn: '2025-09-20', title: '集中办公管理细则', documentRef: '赫教备〔2025〕1号' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.attendance-rules-filed', subject: primary })).status).toBe('PASS');
    expect((await finding(s, { localityCode: COUNTY, schoolYear: '2021-2022', ruleId: 'hezhang.attendance-rules-filed', subject: punctual })).status).toBe('NOT_APPLICABLE');
    expect((await finding(s, { localityCode: COUNTY, schoolYear: '2021-2022', ruleId: 'hezhang.attendance-rules-filed', subject: pilot })).status).toBe('FAIL');
  });
});

describe('the demo county’s attendance findings show real figures', () => {
  it('office-hours has failing and passing schools in the current year', async () => {
    const { schoolYearOf, todayInShanghai } = await import('@gongzhi/core');
    const all = await findings(s, { localityCode: COUNTY, schoolYear: schoolYearOf(todayInShanghai()), ruleId: 'hezhang.office-hours' });
    expect(all.filter((f) => f.status === 'FAIL').length).toBeGreaterThan(0);
    expect(all.some((f) => (f.measured as any)?.days > 0)).toBe(true);
  });
});
