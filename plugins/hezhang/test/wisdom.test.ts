import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding, ok, type TestServer } from '@gongzhi/server/testing';
import { schoolYearOf, todayInShanghai } from '@gongzhi/core';
import { COUNTY, school, start, teacher, township } from './helpers.js';

const Y = '2025-2026';
let s: TestServer;
let sch: string;
let t1: string;
let t2: string;
const DAY = `mutation($i: RecordHezhangAttendanceInput!) { recordHezhangAttendance(input: $i) { day { day } } }`;
const UNION = `mutation($i: RecordHezhangUnionActivityInput!) { recordHezhangUnionActivity(input: $i) { activity { minutes } } }`;
const VISIT = `mutation($i: RecordHezhangLessonVisitInput!) { recordHezhangLessonVisit(input: $i) { visit { rating } } }`;
const PUPIL = `mutation($i: RecordHezhangPupilInput!) { recordHezhangPupil(input: $i) { pupilId } }`;

beforeAll(async () => {
  s = await start();
  sch = await school(s, await township(s));
  t1 = await teacher(s, sch, { stage: 'PRIMARY' });
  t2 = await teacher(s, sch, { stage: 'PRIMARY' });
  // Two school weeks (attendance recorded): 2025-11-03 and 2025-11-10.
  for (const d of ['2025-11-03', '2025-11-10']) ok(await s.gql(DAY, { i: { schoolCode: sch, personId: t1, day: d, amIn: '08:30', amOut: '11:40', pmIn: '14:30', pmOut: '17:00' } }));
});
afterAll(() => s?.close());

describe('hezhang.union-hours (二(二)5 明确每周工会组织活动不低于一小时)', () => {
  it('fails the week with 40 minutes, passes once every school week has an hour', async () => {
    ok(await s.gql(UNION, { i: { schoolCode: sch, heldOn: '2025-11-05', minutes: 60, title: '篮球赛' } }));
    ok(await s.gql(UNION, { i: { schoolCode: sch, heldOn: '2025-11-12', minutes: 40, title: '棋类比赛' } }));
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.union-hours', subject: sch });
    expect(f).toMatchObject({ status: 'FAIL', measured: { weeks: 2, shortWeeks: 1, examples: [{ weekStart: '2025-11-10', minutes: 40 }] }, expected: { minutesPerWeek: 60 } });
    ok(await s.gql(UNION, { i: { schoolCode: sch, heldOn: '2025-11-14', minutes: 20, title: '书画活动' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.union-hours', subject: sch })).status).toBe('PASS');
  });
});

describe('hezhang.lesson-visit-coverage (二(二)3 确保学年内推门听课覆盖所有任课教师)', () => {
  it('fails a past year in which one of two teachers with classes was not visited, passes when both were', async () => {
    ok(await s.gql(VISIT, { i: { schoolCode: sch, teacherId: t1, visitedOn: '2025-10-15', visitor: '教学副校长', rating: 'GOOD' } }));
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.lesson-visit-coverage', subject: sch });
    expect(f).toMatchObject({ status: 'FAIL', measured: { teachers: 2, visited: 1, notVisited: [t2] } });
    ok(await s.gql(VISIT, { i: { schoolCode: sch, teacherId: t2, visitedOn: '2026-03-15', visitor: '县督学', rating: 'FAIL' } }));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.lesson-visit-coverage', subject: sch })).status).toBe('PASS');
  });
  it('while the year runs a teacher not yet visited is a WARN (not yet due)', async () => {
    const now = schoolYearOf(todayInShanghai());
    expect((await finding(s, { localityCode: COUNTY, schoolYear: now, ruleId: 'hezhang.lesson-visit-coverage', subject: sch })).status).toBe('WARN');
  });
});

describe('hezhang.pupil-skills (二(二)2 每位学生掌握1–2项运动技能 … 1–2项艺术技能) and pupils’ privacy', () => {
  const pupil = (pupilRef: string, skills: { kind: string; skill: string }[]) => ({ i: { schoolCode: sch, pupilRef, className: '三年级(1)班', skills, recordedOn: '2025-12-01' } });
  it('fails a pupil with three sports skills and one with no arts skill; passes when each has 1–2 of each', async () => {
    ok(await s.gql(PUPIL, pupil('P-001', [{ kind: 'SPORTS', skill: '跳绳' }, { kind: 'ARTS', skill: '葫芦丝' }])));
    ok(await s.gql(PUPIL, pupil('P-002', [{ kind: 'SPORTS', skill: '跳绳' }, { kind: 'SPORTS', skill: '篮球' }, { kind: 'SPORTS', skill: '足球' }, { kind: 'ARTS', skill: '合唱' }])));
    ok(await s.gql(PUPIL, pupil('P-003', [{ kind: 'SPORTS', skill: '武术' }])));
    const f = await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.pupil-skills', subject: sch });
    expect(f).toMatchObject({ status: 'FAIL', measured: { pupils: 3, outsideRange: 2 } });
    // The finding names the school, never a pupil.
    expect(f.subjects.map((x) => x.type)).toEqual(['School']);
    ok(await s.gql(PUPIL, pupil('P-002', [{ kind: 'SPORTS', skill: '跳绳' }, { kind: 'ARTS', skill: '合唱' }])));
    ok(await s.gql(PUPIL, pupil('P-003', [{ kind: 'SPORTS', skill: '武术' }, { kind: 'ARTS', skill: '剪纸' }, { kind: 'ARTS', skill: '书法' }])));
    expect((await finding(s, { localityCode: COUNTY, schoolYear: Y, ruleId: 'hezhang.pupil-skills', subject: sch })).status).toBe('PASS');
  });

  const PUPILS = `query($c: SchoolCode!) { hezhangPupils(schoolCode: $c, first: 10) { totalCount edges { node { pupilRef className skills { kind skill } } } } }`;
  it('pupils’ records are absent without the pii scope, present with it', async () => {
    const noPii = await s.token({ roles: ['viewer', 'editor'], localities: [COUNTY], pii: [] });
    expect(ok(await s.gql(PUPILS, { c: sch }, { token: noPii })).hezhangPupils).toBeNull();
    const withPii = ok(await s.gql(PUPILS, { c: sch })).hezhangPupils;
    expect(withPii.totalCount).toBe(3);
    expect(withPii.edges[0].node).toMatchObject({ pupilRef: 'P-001', skills: [{ kind: 'ARTS', skill: '葫芦丝' }, { kind: 'SPORTS', skill: '跳绳' }] });
  });
  it('refuses a pupil id that looks like a name or an ID number (BAD_USER_INPUT naming the field)', async () => {
    const r = await s.gql(PUPIL, pupil('张三', []));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.pupilRef' });
  });
});

describe('awards (附件2 三(五); main 三(四))', () => {
  it('hezhang.frontline-award-share: the demo gives 17 of 20 quotas to front-line teachers (85%); adding 3 to non-teaching staff makes 17/23 and fails', async () => {
    const last = `${Number(schoolYearOf(todayInShanghai()).slice(0, 4)) - 1}-${schoolYearOf(todayInShanghai()).slice(0, 4)}`;
    const f = await finding(s, { localityCode: COUNTY, schoolYear: last, ruleId: 'hezhang.frontline-award-share' });
    expect(f).toMatchObject({ status: 'PASS', measured: { quotas: 20, frontline: 17, sharePercent: 85 }, expected: { minSharePercent: 80 } });
    const staff = await teacher(s, sch, { role: 'STAFF' });
    for (const i of [1, 2, 3]) ok(await s.gql(`mutation($i: GrantHezhangQuotaInput!) { grantHezhangQuota(input: $i) { school { code } } }`, { i: { schoolYear: last, kind: 'HONOUR', personId: staff, schoolCode: sch, grantedOn: `${last.slice(5)}-06-0${i}` } }));
    expect(await finding(s, { localityCode: COUNTY, schoolYear: last, ruleId: 'hezhang.frontline-award-share' })).toMatchObject({ status: 'FAIL', measured: { quotas: 23, frontline: 17 } });
  });
  it('hezhang.award-tiers: the demo’s 30 units split 9/12/9 (PASS); a year of 10 units split 5/3/2 fails', async () => {
    const last = `${Number(schoolYearOf(todayInShanghai()).slice(0, 4)) - 1}-${schoolYearOf(todayInShanghai()).slice(0, 4)}`;
    expect(await finding(s, { localityCode: COUNTY, schoolYear: last, ruleId: 'hezhang.award-tiers' })).toMatchObject({ status: 'PASS', measured: { units: 30, FIRST: 9, SECOND: 12, THIRD: 9 } });
    const d = ok(await s.gql(`{ hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { groupId } hezhangSeniorEducationGroups(localityCode: "${COUNTY}") { groupId } }`));
    const ids = [...d.hezhangCompulsoryEducationGroups, ...d.hezhangSeniorEducationGroups].map((g: any) => g.groupId);
    for (const [i, groupId] of ids.entries())
      ok(await s.gql(`mutation($i: AwardHezhangUnitInput!) { awardHezhangUnit(input: $i) { tier } }`, { i: { localityCode: COUNTY, schoolYear: '2023-2024', groupId, tier: i < 5 ? 'FIRST' : i < 8 ? 'SECOND' : 'THIRD' } }));
    const f = await finding(s, { localityCode: COUNTY, schoolYear: '2023-2024', ruleId: 'hezhang.award-tiers' });
    expect(f).toMatchObject({ status: 'FAIL', measured: { units: 10, FIRST: 5, SECOND: 3, THIRD: 2 } });
    expect(f.message).toContain('一等奖');
  });
});
